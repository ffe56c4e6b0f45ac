using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Portal.Data;
using Catalog.Dependencies;
using Catalog.Jobs;
using Catalog.Machines;
using Catalog.Requirements;
using Portal.AgentLink;
using Portal.Jobs;
using Portal.Reporting;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.SelfService;

public sealed class SelfServiceApiTests(SelfServiceFixture world) : IClassFixture<SelfServiceFixture>
{
    private static readonly Dictionary<string, string> GoodAnswers = new() { ["INSTALLVOL"] = "/", ["FOLDER"] = "editor" };

    [Fact]
    public async Task A_user_lists_only_their_own_machines_and_the_helpdesk_sees_both()
    {
        var alices = await world.AddMachineAsync("alice@example.com");
        var bobs = await world.AddMachineAsync("bob@example.com");

        var mine = await world.Alice.GetFromJsonAsync<JsonElement>("/api/machines");
        var all = await world.Helpdesk.GetFromJsonAsync<JsonElement>("/api/machines");

        var names = mine.EnumerateArray().Select(m => m.GetProperty("name").GetString()).ToList();
        Assert.Contains(alices.Name, names);
        Assert.DoesNotContain(bobs.Name, names);
        var allNames = all.EnumerateArray().Select(m => m.GetProperty("name").GetString()).ToList();
        Assert.Contains(alices.Name, allNames);
        Assert.Contains(bobs.Name, allNames);
    }

    [Fact]
    public async Task A_user_cannot_read_or_act_on_another_users_machine()
    {
        var bobs = await world.AddMachineAsync("bob@example.com");
        var app = await world.AddApplicationAsync();

        var machine = await world.Alice.GetAsync($"/api/machines/{bobs.Id}");
        var catalog = await world.Alice.GetAsync($"/api/catalog?machineId={bobs.Id}");
        var install = await world.Alice.PostAsJsonAsync($"/api/machines/{bobs.Id}/installs", new { applicationId = app.Id, answers = new { } });

        Assert.Contains("belongs to another user", await ProblemDetailsAssert.IsProblemAsync(machine, HttpStatusCode.Forbidden));
        await ProblemDetailsAssert.IsProblemAsync(catalog, HttpStatusCode.Forbidden);
        await ProblemDetailsAssert.IsProblemAsync(install, HttpStatusCode.Forbidden);
        Assert.Empty(await world.Get<JobRepository>().ListAsync(new JobFilter { MachineId = bobs.Id }));
    }

    [Fact]
    public async Task An_unknown_machine_is_404_with_its_id()
    {
        var id = Guid.NewGuid();

        var response = await world.Alice.GetAsync($"/api/catalog?machineId={id}");

        Assert.Contains(id.ToString(), await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task The_catalog_shows_unavailable_applications_with_reasons_and_leaves_hidden_ones_out()
    {
        var machine = await world.AddMachineAsync("alice@example.com");
        var unavailable = await world.AddApplicationAsync(a => a with { Requirements = [new MemoryRequirement(64_000)] });
        var hidden = await world.AddApplicationAsync(a => a with { Requirements = [new MemoryRequirement(64_000) { ShowWhenUnmet = false }] });
        var prompting = await world.AddPromptingApplicationAsync();

        var catalog = await world.Alice.GetFromJsonAsync<JsonElement>($"/api/catalog?machineId={machine.Id}");

        var byId = catalog.EnumerateArray().ToDictionary(i => i.GetProperty("applicationId").GetGuid());
        Assert.False(byId.ContainsKey(hidden.Id));
        Assert.Equal("Unavailable", byId[unavailable.Id].GetProperty("state").GetString());
        Assert.Contains("62.5 GB", byId[unavailable.Id].GetProperty("reasons")[0].GetString());
        Assert.Equal("Available", byId[prompting.Id].GetProperty("state").GetString());
        Assert.Equal("NotInstalled", byId[prompting.Id].GetProperty("installState").GetString());
        var prompts = byId[prompting.Id].GetProperty("prompts").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Equal(["INSTALLVOL", "FOLDER"], prompts);
    }

    [Fact]
    public async Task The_catalog_reports_installed_and_update_states()
    {
        var current = await world.AddApplicationAsync();
        var updated = await world.AddApplicationAsync(a => a with { Version = "2.0.0" });
        var machine = await world.AddMachineAsync("alice@example.com",
            new InstalledApplication(current.Id, current.Name, "1.0.0", DateTimeOffset.UtcNow),
            new InstalledApplication(Guid.NewGuid(), updated.Name, "1.5.0", DateTimeOffset.UtcNow));

        var catalog = await world.Alice.GetFromJsonAsync<JsonElement>($"/api/catalog?machineId={machine.Id}");

        var byId = catalog.EnumerateArray().ToDictionary(i => i.GetProperty("applicationId").GetGuid());
        Assert.Equal("Installed", byId[current.Id].GetProperty("installState").GetString());
        Assert.Equal("Reinstall", byId[current.Id].GetProperty("installAction").GetString());
        Assert.Equal("UpdateAvailable", byId[updated.Id].GetProperty("installState").GetString());
        Assert.Equal("1.5.0", byId[updated.Id].GetProperty("installedVersion").GetString());
        Assert.Equal("Update", byId[updated.Id].GetProperty("installAction").GetString());
    }

    [Theory]
    [InlineData("FOLDER", "this-folder-name-is-far-too-long", "the maximum is 20")]
    [InlineData("FOLDER", "../../etc", "path traversal")]
    [InlineData("INSTALLVOL", "/nowhere", "Volume '/nowhere' is not on this machine")]
    [InlineData("INSTALLVOL", "/data", "Needs 500 MB free on /data; 50 MB free")]
    public async Task Invalid_prompt_answers_are_refused_with_the_validators_message(string macro, string answer, string expected)
    {
        var machine = await world.AddMachineAsync("alice@example.com");
        var app = await world.AddPromptingApplicationAsync();
        var answers = new Dictionary<string, string>(GoodAnswers) { [macro] = answer };

        var response = await world.Alice.PostAsJsonAsync($"/api/machines/{machine.Id}/installs", new { applicationId = app.Id, answers });

        Assert.Contains(expected, await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity));
        Assert.Empty(await world.Get<JobRepository>().ListAsync(new JobFilter { MachineId = machine.Id }));
    }

    [Fact]
    public async Task A_valid_install_creates_a_queued_job_with_the_answers_and_a_second_one_is_refused()
    {
        var machine = await world.AddMachineAsync("alice@example.com");
        var app = await world.AddPromptingApplicationAsync();

        var first = await world.Alice.PostAsJsonAsync($"/api/machines/{machine.Id}/installs", new { applicationId = app.Id, answers = GoodAnswers });
        var second = await world.Alice.PostAsJsonAsync($"/api/machines/{machine.Id}/installs", new { applicationId = app.Id, answers = GoodAnswers });

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var jobId = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetGuid();
        var job = await world.Get<JobRepository>().GetAsync(jobId);
        Assert.Equal(JobState.Queued, job!.State);
        Assert.Equal("editor", job.Answers["FOLDER"]);
        Assert.Contains("already has an unfinished job", await ProblemDetailsAssert.IsProblemAsync(second, HttpStatusCode.Conflict));
        var details = await world.Alice.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}");
        Assert.Equal(app.Name, details.GetProperty("job").GetProperty("applicationName").GetString());
    }

    [Fact]
    public async Task An_install_that_names_external_software_is_decided_on_the_machines_stored_package_list()
    {
        // The list lives apart from the rest of the inventory and is read only for catalogs that consult it.
        var machine = await world.AddMachineAsync("alice@example.com");
        var machines = world.Get<MachineRepository>();
        var withPackages = machine.Inventory! with { ExternalSoftware = [new InstalledSoftware("libfoo", "2.1", null, "dpkg")] };
        await machines.SaveInventoryAsync(machine.Id, withPackages, DateTimeOffset.UtcNow);
        var needsFoo = await world.AddApplicationAsync(a => a with { Requirements = [new InstalledSoftwareRequirement(ExternalSoftwareName: "libfoo", MinVersion: "2.0")] });
        var needsBar = await world.AddApplicationAsync(a => a with { Requirements = [new InstalledSoftwareRequirement(ExternalSoftwareName: "libbar")] });

        var accepted = await world.Alice.PostAsJsonAsync($"/api/machines/{machine.Id}/installs", new { applicationId = needsFoo.Id });
        var refused = await world.Alice.PostAsJsonAsync($"/api/machines/{machine.Id}/installs", new { applicationId = needsBar.Id });

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Contains("Needs libbar installed; it is not installed", await ProblemDetailsAssert.IsProblemAsync(refused, HttpStatusCode.UnprocessableEntity));
    }

    [Fact]
    public async Task Installing_an_unavailable_application_is_refused_with_the_reason()
    {
        var machine = await world.AddMachineAsync("alice@example.com");
        var app = await world.AddApplicationAsync(a => a with { Requirements = [new CpuCountRequirement(64)] });

        var response = await world.Alice.PostAsJsonAsync($"/api/machines/{machine.Id}/installs", new { applicationId = app.Id });

        Assert.Contains("cannot be installed on this machine", await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity));
    }

    [Fact]
    public async Task A_conflict_with_an_installed_application_is_refused()
    {
        var old = await world.AddApplicationAsync();
        var machine = await world.AddMachineAsync("alice@example.com", new InstalledApplication(old.Id, old.Name, old.Version, DateTimeOffset.UtcNow));
        var app = await world.AddApplicationAsync(a => a with { Conflicts = [new Conflict(ApplicationId: old.Id)] });

        var response = await world.Alice.PostAsJsonAsync($"/api/machines/{machine.Id}/installs", new { applicationId = app.Id });

        var detail = await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Contains($"conflicts with {old.Name}", detail);
        Assert.Empty(await world.Get<JobRepository>().ListAsync(new JobFilter { MachineId = machine.Id }));
    }

    [Fact]
    public async Task Dependencies_are_installed_first_in_one_chain()
    {
        var machine = await world.AddMachineAsync("alice@example.com");
        var runtime = await world.AddApplicationAsync();
        var library = await world.AddApplicationAsync(a => a with { Dependencies = [new Dependency(ApplicationId: runtime.Id)] });
        var app = await world.AddApplicationAsync(a => a with { Dependencies = [new Dependency(ApplicationId: library.Id)] });

        var response = await world.Alice.PostAsJsonAsync($"/api/machines/{machine.Id}/installs", new { applicationId = app.Id });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var jobs = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobs").EnumerateArray().ToList();
        Assert.Equal([runtime.Id, library.Id, app.Id], jobs.Select(j => j.GetProperty("applicationId").GetGuid()));
        Assert.Equal([0, 1, 2], jobs.Select(j => j.GetProperty("chainOrder").GetInt32()));
        Assert.Single(jobs.Select(j => j.GetProperty("chainId").GetGuid()).Distinct());
    }

    [Fact]
    public async Task An_uninstall_request_is_approved_into_an_uninstall_job()
    {
        var app = await world.AddApplicationAsync();
        var machine = await world.AddMachineAsync("alice@example.com", new InstalledApplication(app.Id, app.Name, app.Version, DateTimeOffset.UtcNow));
        var notified = new List<UninstallRequestState>();
        using var subscription = world.Get<Portal.SelfService.UninstallRequestNotifier>().Subscribe(change =>
        {
            if (change.MachineId == machine.Id)
            {
                lock (notified)
                {
                    notified.Add(change.State);
                }
            }

            return Task.CompletedTask;
        });

        var asked = await world.Alice.PostAsJsonAsync($"/api/machines/{machine.Id}/uninstalls", new { applicationId = app.Id, reason = "No longer needed" });
        var again = await world.Alice.PostAsJsonAsync($"/api/machines/{machine.Id}/uninstalls", new { applicationId = app.Id });
        var requestId = (await asked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("request").GetProperty("id").GetGuid();
        var byUser = await world.Alice.PostAsync($"/api/uninstall-requests/{requestId}/approve", null);
        var queue = await world.Helpdesk.GetFromJsonAsync<JsonElement>("/api/uninstall-requests?state=Pending");
        var approved = await world.Helpdesk.PostAsync($"/api/uninstall-requests/{requestId}/approve", null);

        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        Assert.Contains("already been requested", await ProblemDetailsAssert.IsProblemAsync(again, HttpStatusCode.Conflict));
        await ProblemDetailsAssert.IsProblemAsync(byUser, HttpStatusCode.Forbidden);
        var row = queue.EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == requestId);
        Assert.Equal("alice@example.com", row.GetProperty("userEmail").GetString());
        Assert.Equal("No longer needed", row.GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var jobId = (await approved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetGuid();
        var job = await world.Get<JobRepository>().GetAsync(jobId);
        Assert.Equal(JobKind.Uninstall, job!.Kind);
        Assert.Equal(app.Id, job.ApplicationId);
        // Changes reach subscribers through their own queue, after the call returned: wait for both.
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            while (true)
            {
                lock (notified)
                {
                    if (notified.Count >= 2)
                    {
                        break;
                    }
                }

                await Task.Delay(20, timeout.Token);
            }
        }

        Assert.Equal([UninstallRequestState.Pending, UninstallRequestState.Approved], notified);
        var audit = await world.Get<AuditRepository>().ListAsync();
        Assert.Contains(audit, e => e.Action == "uninstall.approved" && e.Target.Contains(machine.Name) && e.Actor == "helpdesk@example.com");
    }

    [Fact]
    public async Task A_denial_needs_a_reason_and_the_user_sees_it()
    {
        var app = await world.AddApplicationAsync();
        var machine = await world.AddMachineAsync("alice@example.com", new InstalledApplication(app.Id, app.Name, app.Version, DateTimeOffset.UtcNow));
        var asked = await world.Alice.PostAsJsonAsync($"/api/machines/{machine.Id}/uninstalls", new { applicationId = app.Id });
        var requestId = (await asked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("request").GetProperty("id").GetGuid();

        var withoutReason = await world.Helpdesk.PostAsJsonAsync($"/api/uninstall-requests/{requestId}/deny", new { reason = " " });
        var denied = await world.Helpdesk.PostAsJsonAsync($"/api/uninstall-requests/{requestId}/deny", new { reason = "Needed for the audit" });
        var catalog = await world.Alice.GetFromJsonAsync<JsonElement>($"/api/catalog?machineId={machine.Id}");
        var mine = await world.Alice.GetFromJsonAsync<JsonElement>("/api/uninstall-requests");

        Assert.Contains("Give a reason", await ProblemDetailsAssert.IsProblemAsync(withoutReason, HttpStatusCode.UnprocessableEntity));
        Assert.Equal(HttpStatusCode.OK, denied.StatusCode);
        var item = catalog.EnumerateArray().Single(i => i.GetProperty("applicationId").GetGuid() == app.Id);
        Assert.Equal("Installed", item.GetProperty("installState").GetString());
        Assert.Equal("Needed for the audit", item.GetProperty("denialReason").GetString());
        var request = mine.EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == requestId);
        Assert.Equal("Denied", request.GetProperty("state").GetString());
        Assert.Empty(await world.Get<JobRepository>().ListAsync(new JobFilter { MachineId = machine.Id }));
    }

    [Fact]
    public async Task Uninstall_follows_the_policy_disabled_refused_and_no_approval_starts_a_job()
    {
        var locked = await world.AddApplicationAsync(a => a with { UninstallPolicy = new() { Enabled = false } });
        var free = await world.AddApplicationAsync(a => a with { UninstallPolicy = new() { RequiresApproval = false } });
        var machine = await world.AddMachineAsync("alice@example.com",
            new InstalledApplication(locked.Id, locked.Name, locked.Version, DateTimeOffset.UtcNow),
            new InstalledApplication(free.Id, free.Name, free.Version, DateTimeOffset.UtcNow));

        var refused = await world.Alice.PostAsJsonAsync($"/api/machines/{machine.Id}/uninstalls", new { applicationId = locked.Id });
        var started = await world.Alice.PostAsJsonAsync($"/api/machines/{machine.Id}/uninstalls", new { applicationId = free.Id });

        Assert.Contains("does not allow it", await ProblemDetailsAssert.IsProblemAsync(refused, HttpStatusCode.Conflict));
        var body = await started.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("job", body.GetProperty("outcome").GetString());
        Assert.Equal("Uninstall", body.GetProperty("job").GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Jobs_of_other_users_are_hidden_and_only_the_helpdesk_retries()
    {
        var machine = await world.AddMachineAsync("bob@example.com");
        var app = await world.AddApplicationAsync();
        var install = await world.Bob.PostAsJsonAsync($"/api/machines/{machine.Id}/installs", new { applicationId = app.Id });
        var jobId = (await install.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetGuid();
        await world.Get<JobLifecycle>().CompleteAsync(machine.Id, jobId, JobState.Failed, "Disk full", CancellationToken.None);

        var aliceSees = await world.Alice.GetAsync($"/api/jobs/{jobId}");
        var aliceList = await world.Alice.GetFromJsonAsync<JsonElement>("/api/jobs");
        var bobRetries = await world.Bob.PostAsync($"/api/jobs/{jobId}/retry", null);
        var helpdeskRetries = await world.Helpdesk.PostAsync($"/api/jobs/{jobId}/retry", null);
        var failedFilter = await world.Helpdesk.GetFromJsonAsync<JsonElement>($"/api/jobs?machineId={machine.Id}&state=Queued");

        await ProblemDetailsAssert.IsProblemAsync(aliceSees, HttpStatusCode.Forbidden);
        Assert.DoesNotContain(aliceList.EnumerateArray(), j => j.GetProperty("id").GetGuid() == jobId);
        Assert.Contains("Only the helpdesk", await ProblemDetailsAssert.IsProblemAsync(bobRetries, HttpStatusCode.Forbidden));
        Assert.Equal(HttpStatusCode.OK, helpdeskRetries.StatusCode);
        // A retry is a new attempt: a new job id (the agent runs it afresh) pointing back at the failed one.
        var retried = await helpdeskRetries.Content.ReadFromJsonAsync<JsonElement>();
        var attemptId = retried.GetProperty("id").GetGuid();
        Assert.NotEqual(jobId, attemptId);
        Assert.Equal(2, retried.GetProperty("attempts").GetInt32());
        Assert.Equal(jobId, retried.GetProperty("retryOf").GetGuid());
        Assert.Equal(attemptId, failedFilter.EnumerateArray().Single().GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_queued_job_can_be_cancelled_by_its_owner()
    {
        var machine = await world.AddMachineAsync("bob@example.com");
        var app = await world.AddApplicationAsync();
        var install = await world.Bob.PostAsJsonAsync($"/api/machines/{machine.Id}/installs", new { applicationId = app.Id });
        var jobId = (await install.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetGuid();

        var cancelled = await world.Bob.PostAsync($"/api/jobs/{jobId}/cancel", null);
        var again = await world.Bob.PostAsync($"/api/jobs/{jobId}/cancel", null);

        Assert.Equal("Cancelled", (await cancelled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        await ProblemDetailsAssert.IsProblemAsync(again, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Viewing_the_catalog_records_filter_events_once_per_machine_and_application()
    {
        var machine = await world.AddMachineAsync("alice@example.com");
        var shown = await world.AddApplicationAsync();
        var hidden = await world.AddApplicationAsync(a => a with { Requirements = [new MemoryRequirement(64_000) { ShowWhenUnmet = false }] });

        await world.Alice.GetFromJsonAsync<JsonElement>($"/api/catalog?machineId={machine.Id}");
        await world.Alice.GetFromJsonAsync<JsonElement>($"/api/catalog?machineId={machine.Id}");

        var events = await world.Get<ReportedEventRepository>().QueryAsync(new EventQuery { MachineId = machine.Id, Limit = 1000 });
        var forShown = Assert.Single(events, e => e.ApplicationId == shown.Id);
        Assert.Equal(Catalog.Events.EventType.FilterShown, forShown.Type);
        var forHidden = Assert.Single(events, e => e.ApplicationId == hidden.Id);
        Assert.Equal(Catalog.Events.EventType.FilterHidden, forHidden.Type);
        Assert.Contains("62.5 GB", forHidden.Message);
        Assert.Equal("alice@example.com", forHidden.User);
    }

    [Fact]
    public async Task The_self_service_endpoints_are_in_the_openapi_document()
    {
        var document = await world.Factory.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/machines/{id}/installs", paths);
        Assert.Contains("/api/machines/{id}/uninstalls", paths);
        Assert.Contains("/api/catalog", paths);
        Assert.Contains("/api/uninstall-requests/{id}/deny", paths);
        Assert.Contains("/api/jobs/{id}/retry", paths);
    }

    [Fact]
    public async Task Anonymous_callers_get_no_catalog()
    {
        var machine = await world.AddMachineAsync("alice@example.com");

        var response = await world.Factory.CreateClient().GetAsync($"/api/catalog?machineId={machine.Id}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
