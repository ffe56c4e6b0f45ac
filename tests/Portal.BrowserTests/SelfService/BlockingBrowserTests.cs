using System.Diagnostics;
using Catalog.Applications;
using Catalog.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.BrowserTests.Infrastructure;
using Portal.Data;

namespace Portal.BrowserTests.SelfService;

/// <summary>
/// Required software and blocking programs in real Chromium with a real <c>clientagent run</c> process: the card of a
/// required application says when it installs and offers "Later"; an install held by a running blocking program (a
/// copy of <c>sleep</c> under the blocking name, started by the test) shows Blocked with the program's name, and
/// allowing the portal to close it completes the install.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class BlockingBrowserTests(PortalBrowserFixture portal) : IDisposable
{
    private readonly SelfServiceSeed _seed = new(portal);
    private readonly string _root = Directory.CreateTempSubdirectory("browser-blocking-").FullName;
    private RealAgentProcess? _agent;
    private Process? _blocker;

    [Fact]
    public async Task An_install_held_by_a_running_blocking_program_shows_blocked_and_allowing_termination_completes_it()
    {
        var applications = portal.Services.GetRequiredService<ApplicationRepository>();
        var legacy = (await applications.GetAsync(Portal.Demo.DemoCatalog.LegacyToolId))!;
        var blockerName = "blk" + Guid.NewGuid().ToString("N")[..8];
        var email = await _seed.NewUserAsync("kai");
        var blocked = await applications.UpsertAsync(new Application
        {
            Name = "Blocked Tool " + Guid.NewGuid().ToString("N")[..4],
            Version = legacy.Version, // the receipt carries the package's version: same, so the card reads Installed
            Category = "Utilities",
            Package = legacy.Package,
            BlockingProcesses = [blockerName],
        });
        var required = await applications.UpsertAsync(new Application
        {
            Name = "Required Agent " + Guid.NewGuid().ToString("N")[..4],
            Version = "1.0.0",
            Category = "Utilities",
            Package = legacy.Package,
            Availability = new Availability
            {
                Mode = AvailabilityMode.Required, Users = [email], Roles = [], Deadline = DateTimeOffset.UtcNow.AddHours(2), Deferrals = 1, DeferralHours = 24,
            },
        });
        var blocker = StartCopyOfSleep(blockerName);
        _agent = await RealAgentProcess.StartAsync(portal, email, _root);
        var page = await portal.NewPageAsync();
        await PortalPages.SignInAsync(page, email, SelfServiceSeed.Password);
        var card = page.Locator($"[data-testid=app-card][data-app='{blocked.Name}']");
        await CatalogAvailability.WaitForAvailableAsync(page, card, blocked.Name);

        // The required application's card: when and why, "Install now" and "Later".
        var requiredCard = page.Locator($"[data-testid=app-card][data-app='{required.Name}']");
        Assert.StartsWith("Required: installs automatically at its deadline,", (await requiredCard.Locator("[data-testid=app-required]").InnerTextAsync()).Trim());
        Assert.Equal("Install now", (await requiredCard.Locator("[data-testid=app-install]").TextContentAsync())!.Trim());
        await PortalPages.ScreenshotAsync(page, "catalog-required", ViewportKind.Desktop);
        await requiredCard.Locator("[data-testid=app-defer]").ClickAsync();
        await requiredCard.Locator("[data-testid=app-deferrals]", new() { HasText = "No postponements left." }).WaitForAsync(new() { Timeout = 30_000 });
        Assert.Equal(0, await requiredCard.Locator("[data-testid=app-defer]").CountAsync());

        // The blocked install.
        await card.Locator("[data-testid=app-install]").ClickAsync();
        var dialog = page.Locator(".mud-dialog", new() { Has = page.Locator("[data-testid=install-dialog]") });
        await dialog.Locator("[data-testid=install-confirm]").ClickAsync();
        await dialog.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        var blockedAlert = card.Locator("[data-testid=app-blocked]");
        await blockedAlert.WaitForAsync(new() { Timeout = 90_000 });
        Assert.Contains(blockerName, await blockedAlert.InnerTextAsync());
        var job = (await portal.Services.GetRequiredService<JobRepository>().ListAsync(new JobFilter { ApplicationId = blocked.Id })).Single();
        Assert.Equal(JobState.Blocked, job.State);
        Assert.False(blocker.HasExited);
        await PortalPages.ScreenshotAsync(page, "catalog-blocked", ViewportKind.Desktop);

        await card.Locator("[data-testid=app-allow-close]").ClickAsync();
        try
        {
            await page.Locator($"[data-testid=app-card][data-app='{blocked.Name}'][data-install-state='Installed']").WaitForAsync(new() { Timeout = 90_000 });
        }
        catch (TimeoutException)
        {
            var now = (await portal.Services.GetRequiredService<JobRepository>().GetAsync(job.Id))!;
            Assert.Fail($"Not installed: job {now.State} {now.Message}; blocker exited: {blocker.HasExited}\n{_agent.LastOutput(30)}");
        }

        Assert.True(blocker.WaitForExit(10_000), "the agent ended the blocking program");
        var finished = (await portal.Services.GetRequiredService<JobRepository>().GetAsync(job.Id))!;
        Assert.True(finished.State == JobState.Succeeded, $"{finished.State}: {finished.Message}\n{_agent.LastOutput(30)}");
        Assert.Contains(await portal.Services.GetRequiredService<JobEventRepository>().ListAsync(job.Id),
            e => e.Message.Contains($"Ended {blockerName}", StringComparison.Ordinal));
        await page.Context.CloseAsync();
    }

    private Process StartCopyOfSleep(string name)
    {
        var copy = Path.Combine(_root, name);
        File.Copy(File.Exists("/usr/bin/sleep") ? "/usr/bin/sleep" : "/bin/sleep", copy);
        _blocker = Process.Start(new ProcessStartInfo(copy, ["600"]) { WorkingDirectory = _root, UseShellExecute = false })!;
        return _blocker;
    }

    public void Dispose()
    {
        _agent?.Dispose();
        if (_blocker is { HasExited: false })
        {
            _blocker.Kill(entireProcessTree: true);
            _blocker.WaitForExit(10_000);
        }

        _blocker?.Dispose();
        Directory.Delete(_root, recursive: true);
    }
}
