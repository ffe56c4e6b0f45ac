using Catalog.Jobs;
using Catalog.Machines;
using Catalog.Macros;
using Catalog.Requirements;
using Microsoft.Playwright;
using Portal.BrowserTests.Infrastructure;
using Portal.Seeding;

namespace Portal.BrowserTests.SelfService;

[Collection(PortalCollection.Name)]
public sealed class SelfServiceBrowserTests(PortalBrowserFixture portal)
{
    private readonly SelfServiceSeed _seed = new(portal);

    private static ILocator Card(IPage page, string name) => PortalPages.AppCard(page, name);

    private static Task OpenCatalogAsync(IPage page, string email) => PortalPages.OpenCatalogAsync(page, email, SelfServiceSeed.Password);

    [Fact]
    public async Task A_user_sees_why_an_application_is_unavailable_and_installs_another_answering_its_prompts()
    {
        var email = await _seed.NewUserAsync("carol");
        var machine = await _seed.AddMachineAsync(email, "carol-laptop");
        var heavy = await _seed.AddApplicationAsync("Heavy CAD " + Guid.NewGuid().ToString("N")[..4], a => a with { Requirements = [new MemoryRequirement(65_536)] });
        var editor = await _seed.AddApplicationAsync("Editor " + Guid.NewGuid().ToString("N")[..4], a => a with
        {
            Macros =
            [
                new PromptedVolumeMacro { Name = "INSTALLVOL", Prompt = "Install on which volume?", DefaultVolume = "/", MinimumFreeMb = 500 },
                new PromptedStringMacro { Name = "FOLDER", Prompt = "Folder name", Default = "editor", MaximumLength = 20 },
            ],
        });
        var page = await portal.NewPageAsync();

        await OpenCatalogAsync(page, email);
        var heavyCard = Card(page, heavy.Name);
        Assert.Equal("Unavailable", await heavyCard.GetAttributeAsync("data-state"));
        await heavyCard.Locator("summary").ClickAsync();
        Assert.Contains("64 GB", await heavyCard.Locator("[data-testid=app-reasons] li").First.InnerTextAsync());
        await PortalPages.ScreenshotAsync(page, "catalog", ViewportKind.Desktop);

        await Card(page, editor.Name).Locator("[data-testid=app-install]").ClickAsync();
        var dialog = page.Locator(".mud-dialog", new() { Has = page.Locator("[data-testid=install-dialog]") });
        await dialog.Locator("[data-testid=install-prompts]").WaitForAsync();
        Assert.True(await dialog.GetByRole(AriaRole.Radio, new() { Name = "/data" }).IsDisabledAsync());
        await dialog.GetByRole(AriaRole.Radio, new() { Name = "/home" }).CheckAsync();
        await dialog.Locator("[data-testid=prompt-FOLDER]").FillAsync("../escape");
        await dialog.Locator("[data-testid=error-FOLDER]").WaitForAsync();
        Assert.True(await dialog.Locator("[data-testid=install-confirm]").IsDisabledAsync());
        await dialog.Locator("[data-testid=prompt-FOLDER]").FillAsync("my-editor");
        await dialog.Locator("[data-testid=error-FOLDER]").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        Assert.Equal("9 / 20 characters", await dialog.Locator("[data-testid=counter-FOLDER]").InnerTextAsync());
        await PortalPages.ScreenshotAsync(page, "install-dialog", ViewportKind.Desktop);
        await dialog.Locator("[data-testid=install-confirm]").ClickAsync();
        await dialog.WaitForAsync(new() { State = WaitForSelectorState.Detached });

        var job = Assert.Single(await _seed.JobsAsync(machine.Id));
        Assert.Equal("/home", job.Answers["INSTALLVOL"]);
        Assert.Equal("my-editor", job.Answers["FOLDER"]);
        var editorCard = Card(page, editor.Name);
        await editorCard.Locator("[data-testid=app-progress]").WaitForAsync();
        await _seed.ReportProgressAsync(job, JobPhase.Downloading, 50, "Downloading the package");
        await editorCard.GetByText("Downloading 50%").WaitForAsync();

        await page.GotoAsync("jobs");
        await PortalPages.WaitForInteractiveAsync(page);
        await page.Locator("[data-testid=job-progress][data-percent='50']").WaitForAsync();
        await PortalPages.ScreenshotAsync(page, "jobs", ViewportKind.Desktop);
        await _seed.CompleteAsync(job, SelfServiceSeed.Inventory(new InstalledApplication(editor.Id, editor.Name, editor.Version, DateTimeOffset.UtcNow)), "Installed 3 files");
        await page.Locator("[data-testid=jobs-grid] [data-testid=job-state-badge]", new() { HasText = "Succeeded" }).WaitForAsync();
        await page.Locator(".mud-snackbar", new() { HasText = "succeeded" }).WaitForAsync();
        Assert.Contains("Installed 3 files", await page.InnerTextAsync("[data-testid=jobs-grid]"));

        await page.GotoAsync("catalog");
        await PortalPages.WaitForInteractiveAsync(page);
        Assert.Equal("Installed", await Card(page, editor.Name).GetAttributeAsync("data-install-state"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_uninstall_request_is_approved_or_denied_by_the_helpdesk_and_the_users_page_follows_live()
    {
        var email = await _seed.NewUserAsync("dave");
        var kept = await _seed.AddApplicationAsync("Viewer " + Guid.NewGuid().ToString("N")[..4]);
        var removed = await _seed.AddApplicationAsync("Player " + Guid.NewGuid().ToString("N")[..4]);
        var machine = await _seed.AddMachineAsync(email, "dave-desktop",
            new InstalledApplication(kept.Id, kept.Name, kept.Version, DateTimeOffset.UtcNow),
            new InstalledApplication(removed.Id, removed.Name, removed.Version, DateTimeOffset.UtcNow));
        var user = await portal.NewPageAsync();
        var helpdesk = await portal.NewPageAsync();

        await OpenCatalogAsync(user, email);
        foreach (var app in new[] { removed, kept })
        {
            await Card(user, app.Name).Locator("[data-testid=app-uninstall]").ClickAsync();
            await user.Locator("[data-testid=uninstall-reason]").FillAsync($"Please remove {app.Name}");
            await user.Locator("[data-testid=uninstall-request-confirm]").ClickAsync();
            await Card(user, app.Name).Locator("[data-testid=app-status]", new() { HasText = "Uninstall requested" }).WaitForAsync();
        }

        await PortalPages.SignInAsync(helpdesk, "helpdesk@example.com", DemoUsers.Password);
        await helpdesk.GotoAsync("helpdesk/requests");
        await PortalPages.WaitForInteractiveAsync(helpdesk);
        var removeRow = helpdesk.Locator("[data-testid=request-row]", new() { HasText = removed.Name });
        var keepRow = helpdesk.Locator("[data-testid=request-row]", new() { HasText = kept.Name });
        Assert.Contains(email, await removeRow.InnerTextAsync());
        Assert.Contains($"Please remove {removed.Name}", await removeRow.InnerTextAsync());
        await PortalPages.ScreenshotAsync(helpdesk, "helpdesk-queue", ViewportKind.Desktop);

        await removeRow.Locator("[data-testid=request-approve]").ClickAsync();
        await Card(user, removed.Name).Locator("[data-testid=app-status]", new() { HasText = "Uninstalling" }).WaitForAsync();
        await keepRow.Locator("[data-testid=request-deny]").ClickAsync();
        await helpdesk.Locator("[data-testid=deny-reason]").FillAsync("Needed for the quarterly audit");
        await helpdesk.Locator("[data-testid=deny-confirm]").ClickAsync();
        await Card(user, kept.Name).Locator("[data-testid=app-denied]", new() { HasText = "Needed for the quarterly audit" }).WaitForAsync();

        var job = Assert.Single(await _seed.JobsAsync(machine.Id));
        Assert.Equal(JobKind.Uninstall, job.Kind);
        Assert.Equal(removed.Id, job.ApplicationId);
        await removeRow.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await keepRow.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await user.Context.CloseAsync();
        await helpdesk.Context.CloseAsync();
    }

    [Fact]
    public async Task A_user_cannot_see_another_users_machine_in_the_page_or_the_api()
    {
        var erin = await _seed.NewUserAsync("erin");
        var frank = await _seed.NewUserAsync("frank");
        await _seed.AddMachineAsync(erin, "erin-laptop");
        var franks = await _seed.AddMachineAsync(frank, "frank-laptop");
        await _seed.AddApplicationAsync("Notes " + Guid.NewGuid().ToString("N")[..4]);
        var page = await portal.NewPageAsync();

        await OpenCatalogAsync(page, erin);
        // The machine picker is the browser's own select: its options are what the user can pick from.
        var options = await page.Locator("[data-testid=machine-picker] option").AllInnerTextsAsync();
        var api = await page.Context.APIRequest.GetAsync($"api/machines/{franks.Id}");
        var catalog = await page.Context.APIRequest.GetAsync($"api/catalog?machineId={franks.Id}");

        Assert.Contains("erin-laptop", options);
        Assert.DoesNotContain("frank-laptop", options);
        Assert.Equal(403, api.Status);
        Assert.Contains("belongs to another user", await api.TextAsync());
        Assert.Equal(403, catalog.Status);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_pages_fit_a_phone()
    {
        var email = await _seed.NewUserAsync("gina");
        var app = await _seed.AddApplicationAsync("Editor " + Guid.NewGuid().ToString("N")[..4], a => a with
        {
            Macros = [new PromptedVolumeMacro { Name = "INSTALLVOL", Prompt = "Install on which volume?", DefaultVolume = "/", MinimumFreeMb = 500 }],
        });
        await _seed.AddMachineAsync(email, "gina-phone-test");
        var page = await portal.NewPageAsync(ViewportKind.Phone);

        await OpenCatalogAsync(page, email);
        await PortalPages.ScreenshotAsync(page, "catalog", ViewportKind.Phone);
        await Card(page, app.Name).Locator("[data-testid=app-install]").ClickAsync();
        await page.Locator("[data-testid=install-prompts]").WaitForAsync();
        await PortalPages.ScreenshotAsync(page, "install-dialog", ViewportKind.Phone);
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        await page.Locator("[data-testid=install-confirm]").ClickAsync();
        await page.Locator("[data-testid=install-dialog]").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await _seed.RequestUninstallAsync(email, "gina-old-laptop", "Please remove, it slows the machine down");
        await page.GotoAsync("jobs");
        await PortalPages.WaitForInteractiveAsync(page);
        await page.Locator("[data-testid=jobs-list] li").First.WaitForAsync();
        await PortalPages.ScreenshotAsync(page, "jobs", ViewportKind.Phone);

        var helpdesk = await portal.NewPageAsync(ViewportKind.Phone);
        await PortalPages.SignInAsync(helpdesk, "helpdesk@example.com", DemoUsers.Password);
        await helpdesk.GotoAsync("helpdesk/requests");
        await PortalPages.WaitForInteractiveAsync(helpdesk);
        await helpdesk.Locator("[data-testid=request-row]", new() { HasText = "gina-old-laptop" }).WaitForAsync();
        await PortalPages.ScreenshotAsync(helpdesk, "helpdesk-queue", ViewportKind.Phone);

        Assert.True(width <= 390, $"The catalog with the install dialog is {width}px wide on a 390px phone.");
        await page.Context.CloseAsync();
        await helpdesk.Context.CloseAsync();
    }

    [Fact]
    public async Task A_user_without_a_machine_is_told_to_ask_for_an_enrollment_token()
    {
        var email = await _seed.NewUserAsync("hank");
        var page = await portal.NewPageAsync();

        await PortalPages.SignInAsync(page, email, SelfServiceSeed.Password);
        await page.GotoAsync("catalog");
        await PortalPages.WaitForInteractiveAsync(page);

        Assert.Equal("No machine yet — ask the helpdesk for an enrollment token.", (await page.InnerTextAsync("[data-testid=no-machine] p")).Trim());
        Assert.Equal(0, await page.Locator("[data-testid=machine-picker]").CountAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_helpdesk_sees_every_machine_and_retries_a_failed_job()
    {
        var email = await _seed.NewUserAsync("ivy");
        var app = await _seed.AddApplicationAsync("Compiler " + Guid.NewGuid().ToString("N")[..4]);
        var machine = await _seed.AddMachineAsync(email, "ivy-workstation-" + Guid.NewGuid().ToString("N")[..4]);
        var job = await _seed.FailedInstallAsync(machine, app, "Disk full on /opt");
        var page = await portal.NewPageAsync();
        await PortalPages.SignInAsync(page, "helpdesk@example.com", DemoUsers.Password);

        await page.GotoAsync("helpdesk/machines");
        await PortalPages.WaitForInteractiveAsync(page);
        var machineRow = page.Locator("[data-testid=machines-grid] tr", new() { HasText = machine.Name });
        Assert.Contains(email, await machineRow.InnerTextAsync());
        Assert.Contains("offline", (await machineRow.InnerTextAsync()).ToLowerInvariant());
        await PortalPages.ScreenshotAsync(page, "helpdesk-machines", ViewportKind.Desktop);

        await page.GotoAsync("helpdesk/jobs");
        await PortalPages.WaitForInteractiveAsync(page);
        var jobRow = page.Locator("[data-testid=jobs-grid] tr", new() { HasText = app.Name });
        Assert.Contains("Disk full on /opt", await jobRow.InnerTextAsync());
        await PortalPages.ScreenshotAsync(page, "helpdesk-jobs", ViewportKind.Desktop);
        await jobRow.Locator("[data-testid=job-retry]").ClickAsync();
        await jobRow.Locator("[data-testid=job-state-badge]", new() { HasText = "Queued" }).WaitForAsync();

        // A retry is a new attempt the agent runs afresh; the failed attempt stays as history.
        var jobs = await _seed.JobsAsync(machine.Id);
        var attempt = Assert.Single(jobs, j => j.RetryOf == job.Id);
        Assert.Equal(JobState.Queued, attempt.State);
        Assert.Equal(2, attempt.Attempt);
        var original = Assert.Single(jobs, j => j.Id == job.Id);
        Assert.Equal(JobState.Failed, original.State);
        Assert.True(original.Superseded);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Uninstall_asks_first_when_the_policy_says_so_and_No_removes_nothing()
    {
        var email = await _seed.NewUserAsync("jill");
        var app = await _seed.AddApplicationAsync("Sketch " + Guid.NewGuid().ToString("N")[..4],
            a => a with { UninstallPolicy = new() { RequiresApproval = false, PromptBeforeUninstall = true } });
        var machine = await _seed.AddMachineAsync(email, "jill-laptop", new InstalledApplication(app.Id, app.Name, app.Version, DateTimeOffset.UtcNow));
        var page = await portal.NewPageAsync();
        await OpenCatalogAsync(page, email);
        var card = Card(page, app.Name);

        await card.Locator("[data-testid=app-uninstall]").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "No", Exact = true }).ClickAsync();
        await page.Locator(".mud-dialog").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        Assert.Empty(await _seed.JobsAsync(machine.Id));
        Assert.Equal("Installed", await card.GetAttributeAsync("data-install-state"));

        await card.Locator("[data-testid=app-uninstall]").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Uninstall", Exact = true }).ClickAsync();
        await card.Locator("[data-testid=app-status]", new() { HasText = "Uninstalling" }).WaitForAsync();

        var job = Assert.Single(await _seed.JobsAsync(machine.Id));
        Assert.Equal(JobKind.Uninstall, job.Kind);
        await page.Context.CloseAsync();
    }
}
