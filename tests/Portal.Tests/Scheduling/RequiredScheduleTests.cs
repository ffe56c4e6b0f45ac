using System.Net;
using System.Net.Http.Json;
using Catalog.Agents;
using Catalog.Applications;
using Microsoft.AspNetCore.SignalR.Client;
using Catalog.Jobs;
using Catalog.Machines;
using Catalog.Scheduling;
using Dapper;
using Portal.Data;
using Portal.Jobs;
using Portal.Scheduling;
using Portal.SelfService;
using Portal.Tests.Agents;

namespace Portal.Tests.Scheduling;

/// <summary>
/// Required software on a schedule with the real portal host and a real database (SQLite here, PostgreSQL in the
/// subclass), the clock injected and moved by hand: deadline, one deferral, a maintenance window that opens later.
/// </summary>
public class RequiredScheduleTests : IDisposable
{
    // Wednesday 2 December 2026, 10:00 UTC = 11:00 in Berlin.
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _temp = new();

    protected virtual bool OnPostgreSql => false;

    [Fact]
    public async Task A_required_application_with_a_deadline_and_one_deferral_starts_only_inside_the_window_that_opens_later()
    {
        var clock = new ManualTimeProvider(Start);
        await using var portal = await AgentLinkPortal.StartAsync(_temp.Sub("data"), clock, OnPostgreSql);
        var (machine, actor) = await MachineOfNewUserAsync(portal, "Europe/Berlin");
        var package = await portal.AddPackageAsync([1, 2, 3]);
        var app = await portal.AddApplicationAsync(new Application
        {
            Name = "Security Agent",
            Version = "3.1",
            Package = package,
            BlockingProcesses = ["sectool"],
            Availability = new Availability
            {
                Mode = AvailabilityMode.Required, Users = [actor.Email], Roles = [], Deadline = Start.AddMinutes(2), Deferrals = 1, DeferralHours = 1,
            },
        });
        // 18:00-19:00 in the machine's zone (Berlin) = 17:00-18:00 UTC.
        await portal.Get<MaintenanceWindowService>().SaveAsync(
            new MaintenanceWindow { Name = "Evenings", Days = [DayOfWeek.Wednesday], Start = new(18, 0), End = new(19, 0) }, "test", default);
        var scheduler = portal.Get<RequiredInstallScheduler>();
        var required = portal.Get<RequiredSoftwareService>();

        var before = (await required.StatusesAsync(machine, [app], default))[app.Id];
        Assert.Empty(await scheduler.RunPassAsync(default));
        var catalogItem = (await portal.Get<CatalogQuery>().GetAsync(actor, machine.Id, default)).Items.Single(i => i.Application.Id == app.Id);

        var deferred = await required.DeferAsync(actor, machine.Id, app.Id, default);
        var again = await Assert.ThrowsAsync<SelfServiceException>(() => required.DeferAsync(actor, machine.Id, app.Id, default));

        clock.Advance(TimeSpan.FromMinutes(3)); // past the deadline, not past the deferral
        var afterDeadline = await scheduler.RunPassAsync(default);
        clock.Advance(TimeSpan.FromHours(1)); // past the deferral, window still closed
        var afterDeferral = await scheduler.RunPassAsync(default);
        var waiting = (await required.StatusesAsync(machine, [app], default))[app.Id];
        clock.Advance(new DateTimeOffset(2026, 12, 2, 17, 0, 30, TimeSpan.Zero) - clock.GetUtcNow()); // the window is open
        var passes = await Task.WhenAll(scheduler.RunPassAsync(default), scheduler.RunPassAsync(default), scheduler.RunPassAsync(default));

        Assert.False(before.StartNow);
        Assert.True(before.WindowDecides);
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 17, 0, 0, TimeSpan.Zero), before.StartsAt);
        Assert.Equal("Install now", catalogItem.InstallAction);
        Assert.True(catalogItem.CanDefer);
        Assert.Equal(
            "Required: deadline Wed 2 Dec 11:02 (Europe/Berlin); installs in the first maintenance window after it, Wed 2 Dec 18:00 (Europe/Berlin).",
            RequiredScheduleText.When(catalogItem.Required!, catalogItem.TimeZone));
        Assert.Equal(Start.AddMinutes(2).AddHours(1), deferred.DueAt);
        Assert.Equal(0, deferred.DeferralsLeft);
        Assert.Equal(409, again.StatusCode);
        Assert.Equal("Security Agent cannot be postponed again: all 1 postponement was used.", again.Message);
        Assert.Empty(afterDeadline);
        Assert.Empty(afterDeferral);
        Assert.True(waiting.WaitingForWindow);
        var job = Assert.Single(passes.SelectMany(p => p));
        Assert.Equal(app.Id, job.ApplicationId);
        Assert.Null(job.RequestedBy);
        Assert.Equal(job.Id, Assert.Single(await portal.JobsOfMachineAsync(machine.Id)).Id);
        Assert.Equal(job.Id, (await portal.Get<RequiredInstallRepository>().GetAsync(machine.Id, app.Id))!.JobId);
        var message = JobMessageFactory.Create(job, app);
        Assert.True(message.TerminateBlocking);
        Assert.Equal(["sectool"], message.BlockingProcesses);
        await Assert.ThrowsAsync<SelfServiceException>(() => required.DeferAsync(actor, machine.Id, app.Id, default));
    }

    [Fact]
    public async Task A_required_install_queued_in_a_window_the_agent_missed_waits_for_the_next_window_instead_of_running_on_connect()
    {
        var clock = new ManualTimeProvider(Start);
        await using var portal = await AgentLinkPortal.StartAsync(_temp.Sub("data"), clock, OnPostgreSql);
        var (machine, actor, credential) = await EnrolledMachineOfNewUserAsync(portal, "");
        var app = await portal.AddApplicationAsync(new Application
        {
            Name = "Patch Rollup",
            Version = "1.0",
            Package = await portal.AddPackageAsync([4, 5, 6]),
            Availability = new Availability { Mode = AvailabilityMode.Required, Users = [actor.Email], Roles = [], Deadline = Start.AddMinutes(1) },
        });
        // 11:00-12:00 UTC on Wednesdays and Thursdays; the machine reports no zone (UTC).
        await portal.Get<MaintenanceWindowService>().SaveAsync(
            new MaintenanceWindow { Name = "Late mornings", MachineId = machine.Id, Days = [DayOfWeek.Wednesday, DayOfWeek.Thursday], Start = new(11, 0), End = new(12, 0) },
            "test", default);
        var scheduler = portal.Get<RequiredInstallScheduler>();

        clock.Advance(TimeSpan.FromMinutes(60.5)); // Wednesday 11:00:30: the window is open, the agent is offline
        var job = Assert.Single(await scheduler.RunPassAsync(default));
        clock.Advance(TimeSpan.FromMinutes(90)); // 12:30: the window closed before the agent came back

        var delivered = new TaskCompletionSource<Guid>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var connection = portal.CreateHubConnection(credential);
        connection.On<JobMessage>(AgentHubMethods.RunJob, message => delivered.TrySetResult(message.JobId));
        await connection.StartAsync();
        var onConnect = new RecordingClientProxy();
        var pushedOnConnect = await portal.Get<JobLifecycle>().PushDeliverableAsync(machine.Id, onConnect, default);
        var pushedAcrossNodes = await portal.Get<Portal.Cluster.QueuedJobPusher>().PushAsync(machine.Id, default);
        var stillQueued = await portal.Get<JobRepository>().GetAsync(job.Id);

        clock.Advance(new DateTimeOffset(2026, 12, 3, 11, 0, 30, TimeSpan.Zero) - clock.GetUtcNow()); // Thursday's window
        await scheduler.RunPassAsync(default);
        var received = await delivered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, pushedOnConnect);
        Assert.Empty(onConnect.Sent);
        Assert.Equal(0, pushedAcrossNodes);
        Assert.Equal(JobState.Queued, stillQueued!.State);
        Assert.Equal(job.Id, received);
    }

    [Fact]
    public async Task A_users_own_install_is_never_held_by_a_window_and_the_scheduler_does_not_queue_it_twice()
    {
        var clock = new ManualTimeProvider(Start);
        await using var portal = await AgentLinkPortal.StartAsync(_temp.Sub("data"), clock, OnPostgreSql);
        var (machine, actor) = await MachineOfNewUserAsync(portal, "");
        var app = await portal.AddApplicationAsync(new Application
        {
            Name = "Vpn",
            Version = "1",
            Package = await portal.AddPackageAsync([4]),
            Availability = new Availability { Mode = AvailabilityMode.Required, Users = [actor.Email], Roles = [], Deadline = Start.AddMinutes(1) },
        });
        await portal.Get<MaintenanceWindowService>().SaveAsync(
            new MaintenanceWindow { Name = "Sunday night", MachineId = machine.Id, Days = [DayOfWeek.Sunday], Start = new(1, 0), End = new(2, 0) }, "test", default);

        var own = await portal.Get<InstallService>().InstallAsync(actor, machine.Id, new InstallRequest(app.Id, new Dictionary<string, string>()), default);
        clock.Advance(TimeSpan.FromDays(4)); // Sunday 10:00: past the deadline, window closed
        var closed = await portal.Get<RequiredInstallScheduler>().RunPassAsync(default);

        Assert.Equal(actor.UserId, Assert.Single(own).RequestedBy);
        Assert.Empty(closed);
        Assert.Single(await portal.JobsOfMachineAsync(machine.Id));
    }

    [Fact]
    public async Task Maintenance_windows_through_the_api_refuse_bad_input_with_clear_reasons()
    {
        await using var portal = await AgentLinkPortal.StartAsync(_temp.Sub("data"), onPostgreSql: OnPostgreSql);
        var service = portal.Get<MaintenanceWindowService>();

        var invalid = await Assert.ThrowsAsync<MaintenanceWindowValidationException>(() => service.SaveAsync(
            new MaintenanceWindow { Name = "", Days = [], Start = new(3, 0), End = new(3, 0), MachineId = Guid.NewGuid() }, "test", default));
        var saved = await service.SaveAsync(
            new MaintenanceWindow { Name = " Nights ", Days = [DayOfWeek.Friday, DayOfWeek.Monday, DayOfWeek.Friday], Start = new(22, 0), End = new(4, 0) }, "test", default);

        Assert.Equal(["Name", "Days", "End", "MachineId"], invalid.Errors.Select(e => e.Field));
        Assert.StartsWith("There is no machine with id", invalid.Errors[3].Message);
        Assert.Equal("Nights", saved.Name);
        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Friday], saved.Days);
        Assert.Equal(saved, (await service.ListAsync(10, 0, default)).Single() with { Days = saved.Days });
        Assert.Equal("Mon, Fri 22:00–04:00 (machine's time zone), every machine", MaintenanceWindowService.Describe(saved));
    }

    /// <summary>An enrolled machine owned by a new user, with an inventory in the given time zone.</summary>
    internal static async Task<(Machine Machine, SelfServiceActor Actor)> MachineOfNewUserAsync(AgentLinkPortal portal, string timeZone)
    {
        var (machine, actor, _) = await EnrolledMachineOfNewUserAsync(portal, timeZone);
        return (machine, actor);
    }

    /// <summary>A machine enrolled for a new user, with its agent credential (to connect as its agent).</summary>
    internal static async Task<(Machine Machine, SelfServiceActor Actor, string Credential)> EnrolledMachineOfNewUserAsync(AgentLinkPortal portal, string timeZone)
    {
        var credentials = await portal.EnrollAsync($"pc-{Guid.NewGuid():N}"[..10]);
        var userId = Guid.NewGuid();
        var email = $"{userId:N}@example.test";
        await using (var connection = await portal.Get<IDbConnectionFactory>().OpenAsync())
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO users (id, email, normalized_email, user_name, normalized_user_name, security_stamp, concurrency_stamp)
                VALUES (@id, @email, @normalized, @email, @normalized, 'stamp', 'stamp')
                """,
                new { id = userId.ToString("D"), email, normalized = email.ToUpperInvariant() });
        }

        var machines = portal.Get<MachineRepository>();
        await machines.SetOwnerAsync(credentials.MachineId, userId);
        await machines.SaveInventoryAsync(credentials.MachineId, new Inventory { HostName = "pc", CpuCount = 2, MemoryMb = 4096, TimeZone = timeZone }, Start);
        return ((await machines.GetAsync(credentials.MachineId))!, new SelfServiceActor(userId, email, ["User"]), credentials.Credential);
    }

    public void Dispose()
    {
        _temp.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The same schedule with the portal's state in PostgreSQL (several nodes claim on it).</summary>
public sealed class RequiredScheduleTestsOnPostgreSql : RequiredScheduleTests
{
    protected override bool OnPostgreSql => true;
}

/// <summary>A hub client proxy that records what would be sent (the portal's push on connect, observed directly).</summary>
internal sealed class RecordingClientProxy : Microsoft.AspNetCore.SignalR.IClientProxy
{
    public List<string> Sent { get; } = [];

    public Task SendCoreAsync(string method, object?[] args, CancellationToken cancellationToken = default)
    {
        Sent.Add(method);
        return Task.CompletedTask;
    }
}
