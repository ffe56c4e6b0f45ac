using Portal.Data;
using Catalog.Jobs;
using Catalog.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Jobs;
using Portal.Reporting;
using Portal.BrowserTests.Infrastructure;

namespace Portal.BrowserTests.SelfService;

/// <summary>
/// The whole path with a real <c>clientagent run</c> process: the user installs a demo application from the catalog page,
/// answering its prompts, watches the job finish and the agent's files appear on disk.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class RealAgentBrowserTests(PortalBrowserFixture portal) : IDisposable
{
    private readonly SelfServiceSeed _seed = new(portal);
    private readonly string _root = Directory.CreateTempSubdirectory("browser-agent-").FullName;
    private RealAgentProcess? _agent;

    [Fact]
    public async Task A_user_installs_a_demo_application_through_a_real_agent_and_its_files_land_on_disk()
    {
        var email = await _seed.NewUserAsync("hana");
        _agent = await RealAgentProcess.StartAsync(portal, email, _root);
        var programs = _agent.Programs;
        var page = await portal.NewPageAsync();
        await PortalPages.SignInAsync(page, email, SelfServiceSeed.Password);

        var card = page.Locator("[data-testid=app-card][data-app='Text Editor']");
        await WaitForInventoryAsync(email);
        await CatalogAvailability.WaitForAvailableAsync(page, card, "Text Editor");
        await card.Locator("[data-testid=app-install]").ClickAsync();
        var dialog = page.Locator(".mud-dialog", new() { Has = page.Locator("[data-testid=install-dialog]") });
        await dialog.Locator("[data-testid=prompt-INSTALLDIR]").FillAsync(Path.Combine(programs, "my-editor"));
        await dialog.Locator("[data-testid=install-confirm]").ClickAsync();
        await dialog.WaitForAsync(new() { State = WaitForSelectorState.Detached });

        await page.GotoAsync("jobs");
        await PortalPages.WaitForInteractiveAsync(page);
        var job = await WaitForFinishedJobAsync(email);
        Assert.True(job.State == JobState.Succeeded,
            $"Job {job.Kind} ended {job.State}: {job.Message}\nAgent output:\n{_agent!.LastOutput(40)}");
        await page.Locator("[data-testid=jobs-grid] [data-testid=job-state-badge]", new() { HasText = "Succeeded" })
            .WaitForAsync(new() { Timeout = 30_000 });

        Assert.True(File.Exists(Path.Combine(programs, "my-editor", "editor.ini")), "the agent wrote the editor's settings file");
        Assert.Contains("volume", await File.ReadAllTextAsync(Path.Combine(programs, "my-editor", "editor.ini")));
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// The catalog card tells the truth without a reload: a failed install shows its reason; an install turns the card
    /// Installed the moment the agent's receipt says so; an uninstall makes it installable again.
    /// </summary>
    [Fact]
    public async Task The_catalog_card_follows_a_real_agent_without_a_reload()
    {
        var applications = portal.Services.GetRequiredService<ApplicationRepository>();
        var legacy = (await applications.GetAsync(Portal.Demo.DemoCatalog.LegacyToolId))!;
        await applications.UpsertAsync(legacy with
        {
            UninstallPolicy = legacy.UninstallPolicy with { RequiresApproval = false, PromptBeforeUninstall = true },
        });
        var broken = await applications.UpsertAsync(new Catalog.Applications.Application
        {
            Name = "Broken Tool " + Guid.NewGuid().ToString("N")[..4],
            Version = "1.0.0",
            Category = "Utilities",
            Package = legacy.Package,
            Scripts = [new Catalog.Applications.ApplicationScript
            {
                Stage = Catalog.Applications.ScriptStage.PreInstall,
                Body = "echo 'the licence server did not answer' >&2\nexit 4\n",
                TimeoutSeconds = 60,
            }],
        });
        var email = await _seed.NewUserAsync("ines");
        _agent = await RealAgentProcess.StartAsync(portal, email, _root);
        var programs = _agent.Programs;
        var page = await portal.NewPageAsync();
        await PortalPages.SignInAsync(page, email, SelfServiceSeed.Password);
        await WaitForInventoryAsync(email);
        var brokenCard = page.Locator($"[data-testid=app-card][data-app='{broken.Name}']");
        await CatalogAvailability.WaitForAvailableAsync(page, brokenCard, broken.Name);

        // From here on the page is never reloaded: everything below arrives pushed.
        await brokenCard.Locator("[data-testid=app-install]").ClickAsync();
        var dialog = page.Locator(".mud-dialog", new() { Has = page.Locator("[data-testid=install-dialog]") });
        await dialog.Locator("[data-testid=install-confirm]").ClickAsync();
        await dialog.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        var failure = brokenCard.Locator("[data-testid=app-failed]");
        await failure.WaitForAsync(new() { Timeout = 90_000 });
        Assert.StartsWith("Install failed and was rolled back:", (await failure.InnerTextAsync()).Trim());
        Assert.Equal(1, await failure.Locator("a", new() { HasText = "Details" }).CountAsync());
        // The script's own words are in the job's history, one click away.
        var failedJob = (await portal.Services.GetRequiredService<JobRepository>().ListAsync(new JobFilter { ApplicationId = broken.Id })).Single();
        Assert.Contains(await portal.Services.GetRequiredService<JobEventRepository>().ListAsync(failedJob.Id),
            e => e.Message.Contains("licence server did not answer", StringComparison.Ordinal));
        await PortalPages.ScreenshotAsync(page, "catalog-failed-install", ViewportKind.Desktop);

        var card = page.Locator("[data-testid=app-card][data-app='Legacy Tool']");
        await card.Locator("[data-testid=app-install]").ClickAsync();
        await dialog.Locator("[data-testid=install-confirm]").ClickAsync();
        await dialog.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await page.Locator("[data-testid=app-card][data-app='Legacy Tool'][data-install-state='Installed']")
            .WaitForAsync(new() { Timeout = 90_000 });
        Assert.True(Directory.EnumerateFiles(programs, "legacy-tool.sh", SearchOption.AllDirectories).Any(), "the agent installed the tool");
        await PortalPages.ScreenshotAsync(page, "catalog-installed-live", ViewportKind.Desktop);

        await card.Locator("[data-testid=app-uninstall]").ClickAsync();
        await page.Locator(".mud-dialog button", new() { HasText = "Uninstall" }).ClickAsync();
        await page.Locator("[data-testid=app-card][data-app='Legacy Tool'][data-install-state='NotInstalled'] [data-testid=app-install]")
            .WaitForAsync(new() { Timeout = 90_000 });
        Assert.Empty(Directory.EnumerateFiles(programs, "legacy-tool.sh", SearchOption.AllDirectories));
        await page.Context.CloseAsync();
    }

    /// <summary>Waits until the agent's machine, owned by <paramref name="email"/>, has reported its inventory.</summary>
    private async Task WaitForInventoryAsync(string email)
    {
        var connections = portal.Services.GetRequiredService<IDbConnectionFactory>();
        for (var attempt = 0; attempt < 240; attempt++)
        {
            await using var connection = await connections.OpenAsync();
            var reported = await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection,
                "SELECT COUNT(*) FROM machines m JOIN users u ON u.id = m.owner_user_id WHERE u.normalized_email = @email AND m.inventory IS NOT NULL",
                new { email = email.ToUpperInvariant() });
            if (reported > 0)
            {
                return;
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"The agent never reported an inventory.\nAgent output:\n{_agent!.LastOutput(40)}");
    }

    /// <summary>Waits for the user's install job to finish, whatever its outcome, so a failure can say why.</summary>
    private async Task<Job> WaitForFinishedJobAsync(string email)
    {
        PortalUser? user;
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            user = await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email);
        }

        var jobs = portal.Services.GetRequiredService<JobRepository>();
        Job? last = null;
        for (var attempt = 0; attempt < 240; attempt++)
        {
            last = (await jobs.ListAsync(new JobFilter { RequestedBy = user!.Id }, CancellationToken.None))
                .FirstOrDefault(j => j.Kind == JobKind.Install);
            if (last is { State: not (JobState.Queued or JobState.Delivered or JobState.Running) })
            {
                return last;
            }

            await Task.Delay(500);
        }

        throw new TimeoutException(
            $"The install job never finished: {last?.State} {last?.Phase} {last?.Percent}% {last?.Message}\nAgent output:\n{_agent!.LastOutput(40)}");
    }

    public void Dispose()
    {
        _agent?.Dispose();
        Directory.Delete(_root, recursive: true);
    }
}
