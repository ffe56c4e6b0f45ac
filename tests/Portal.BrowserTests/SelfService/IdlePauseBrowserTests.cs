using Catalog.Machines;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.BrowserTests.Infrastructure;
using Portal.Operations;

namespace Portal.BrowserTests.SelfService;

/// <summary>
/// Idle pages (js/portal.js, docs/portal.md "Idle pages"): a page nobody uses gives up its circuit and comes back, as
/// the user left it, at the next sign of them. The tests shorten the idle limit in the page itself (the body's
/// data-pause-idle, which the script reads each second) instead of starting a portal of their own.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class IdlePauseBrowserTests(PortalBrowserFixture portal)
{
    private readonly SelfServiceSeed _seed = new(portal);

    private long ActiveCircuits => portal.Services.GetRequiredService<PortalMetrics>().ActiveCircuits;

    private static ILocator Card(IPage page, string name) => PortalPages.AppCard(page, name);

    private static Task PauseAfterSecondsAsync(IPage page, int seconds) =>
        page.EvaluateAsync($"() => document.body.dataset.pauseIdle = '{seconds}'");

    private static Task<string?> CircuitStateAsync(IPage page) => page.Locator("body").GetAttributeAsync("data-circuit");

    private async Task<IPage> OpenCatalogAsync(string email, ViewportKind kind = ViewportKind.Desktop)
    {
        var page = await portal.NewPageAsync(kind);
        await PortalPages.OpenCatalogAsync(page, email, SelfServiceSeed.Password);
        return page;
    }

    [Fact]
    public async Task An_idle_catalog_gives_up_its_circuit_and_comes_back_with_the_users_machine_and_search()
    {
        var email = await _seed.NewUserAsync("ida");
        var first = await _seed.AddMachineAsync(email, "ida-laptop");
        var second = await _seed.AddMachineAsync(email, "ida-desktop");
        var wanted = await _seed.AddApplicationAsync("Pausable Viewer " + Guid.NewGuid().ToString("N")[..4]);
        var other = await _seed.AddApplicationAsync("Other Tool " + Guid.NewGuid().ToString("N")[..4]);
        var page = await OpenCatalogAsync(email);
        var picker = page.Locator("[data-testid=machine-picker]");
        var chosen = await picker.InputValueAsync() == first.Id.ToString() ? second : first;
        await picker.SelectOptionAsync(chosen.Id.ToString());
        await page.Locator("[data-testid=catalog-search]").FillAsync(wanted.Name);
        await Card(page, other.Name).WaitForAsync(new() { State = WaitForSelectorState.Detached });
        var circuitsWhileLive = ActiveCircuits;
        // Marks the page's elements as they are now: the resumed circuit renders them anew, from the state it was given.
        await page.Locator("[data-testid=catalog-search]").EvaluateAsync("e => e.dataset.beforePause = 'true'");
        await picker.EvaluateAsync("e => e.dataset.beforePause = 'true'");

        await PauseAfterSecondsAsync(page, 2);
        await page.WaitForSelectorAsync("body[data-circuit='paused']", new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });

        // The portal closed the circuit; the page still shows what it showed, with a note instead of a dialog over it.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (ActiveCircuits >= circuitsWhileLive && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.True(ActiveCircuits < circuitsWhileLive, $"the portal still has {ActiveCircuits} circuits (had {circuitsWhileLive} with the page live)");
        Assert.True(await page.Locator("[data-testid=pause-notice]").IsVisibleAsync());
        Assert.Contains("Paused while you were away", await page.Locator("[data-testid=pause-notice]").InnerTextAsync());
        Assert.False(await page.Locator("#components-reconnect-modal").IsVisibleAsync());
        Assert.True(await Card(page, wanted.Name).IsVisibleAsync());
        await PortalPages.ScreenshotAsync(page, "catalog-paused", ViewportKind.Desktop);

        // The user comes back: the page resumes in a new circuit with what they had chosen, checked again by the portal.
        await PauseAfterSecondsAsync(page, 0);
        await page.Mouse.MoveAsync(400, 300);
        await page.Mouse.MoveAsync(420, 320);
        await page.WaitForSelectorAsync("body[data-circuit='live']", new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        await page.WaitForSelectorAsync("[data-testid=catalog-search]:not([data-before-pause])");
        await page.WaitForSelectorAsync("[data-testid=machine-picker]:not([data-before-pause])");
        await PortalPages.WaitForInteractiveAsync(page);
        Assert.Equal(chosen.Id.ToString(), await picker.InputValueAsync());
        Assert.Equal(wanted.Name, await page.Locator("[data-testid=catalog-search]").InputValueAsync());
        await Card(page, wanted.Name).WaitForAsync();
        Assert.Equal(0, await Card(page, other.Name).CountAsync());
        Assert.False(await page.Locator("[data-testid=pause-notice]").IsVisibleAsync());

        // The resumed circuit answers clicks.
        await page.Locator("[data-testid=view-installed]").ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=view-installed][aria-pressed=true]");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_page_with_an_open_dialog_stays_live_and_a_click_on_a_paused_page_brings_it_back_without_an_error()
    {
        var email = await _seed.NewUserAsync("ivo");
        await _seed.AddMachineAsync(email, "ivo-laptop");
        var application = await _seed.AddApplicationAsync("Dialog Keeper " + Guid.NewGuid().ToString("N")[..4]);
        var page = await OpenCatalogAsync(email, ViewportKind.Phone);

        // A dialog holds what the user is typing: the page does not pause under it, however long they take.
        await Card(page, application.Name).Locator("[data-testid=app-install]").ClickAsync();
        await page.Locator(".mud-dialog-container").WaitForAsync();
        await PauseAfterSecondsAsync(page, 1);
        await page.WaitForTimeoutAsync(4_000);
        Assert.Equal("live", await CircuitStateAsync(page));

        // Closed, the page pauses; a click on it is held back (nothing reaches a circuit that is not there), the page
        // comes back, and the next click works.
        await page.Keyboard.PressAsync("Escape");
        await page.Locator(".mud-dialog-container").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await page.WaitForSelectorAsync("body[data-circuit='paused']", new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        await PortalPages.ScreenshotAsync(page, "catalog-paused", ViewportKind.Phone);
        await PauseAfterSecondsAsync(page, 0);
        await page.Locator("[data-testid=view-installed]").ClickAsync();
        await page.WaitForSelectorAsync("body[data-circuit='live']", new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        await PortalPages.WaitForInteractiveAsync(page);
        await page.Locator("[data-testid=view-installed]").ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=view-installed][aria-pressed=true]");
        Assert.False(await page.Locator("#blazor-error-ui").IsVisibleAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_visible_catalog_with_an_install_under_way_stays_live_until_the_install_has_ended()
    {
        var email = await _seed.NewUserAsync("iva");
        var machine = await _seed.AddMachineAsync(email, "iva-laptop");
        var application = await _seed.AddApplicationAsync("Live Installer " + Guid.NewGuid().ToString("N")[..4]);
        var job = await _seed.QueuedInstallAsync(machine, application);
        var page = await OpenCatalogAsync(email);
        Assert.Equal(1, await page.Locator("[data-live-work]").CountAsync());

        await PauseAfterSecondsAsync(page, 1);
        await page.WaitForTimeoutAsync(4_000);
        Assert.Equal("live", await CircuitStateAsync(page));

        // The agent finishes: the card says so at once (the page was live), and with nothing under way the page pauses.
        await _seed.CompleteAsync(job, SelfServiceSeed.Inventory(new InstalledApplication(application.Id, application.Name, application.Version, DateTimeOffset.UtcNow)), "installed");
        await page.Locator($"[data-testid=app-card][data-app='{application.Name}'][data-install-state=Installed]").WaitForAsync();
        await page.WaitForSelectorAsync("body[data-circuit='paused']", new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        Assert.Equal(0, await page.Locator("[data-live-work]").CountAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_page_in_a_hidden_tab_pauses_even_while_shown_as_busy_and_resumes_when_the_tab_is_shown_again()
    {
        var email = await _seed.NewUserAsync("ina");
        var machine = await _seed.AddMachineAsync(email, "ina-laptop");
        var application = await _seed.AddApplicationAsync("Background Tab " + Guid.NewGuid().ToString("N")[..4]);
        await _seed.QueuedInstallAsync(machine, application);
        var page = await OpenCatalogAsync(email);
        Assert.Equal(1, await page.Locator("[data-live-work]").CountAsync());

        // Headless Chromium keeps every page visible: the page is told it is hidden the way a browser tells it.
        await page.EvaluateAsync("""
            () => {
                document.body.dataset.pauseIdle = '0';
                document.body.dataset.pauseHidden = '1';
                Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
                document.dispatchEvent(new Event('visibilitychange'));
            }
            """);
        await page.WaitForSelectorAsync("body[data-circuit='paused']", new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });

        await page.EvaluateAsync("""
            () => {
                Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
                document.dispatchEvent(new Event('visibilitychange'));
            }
            """);
        await page.WaitForSelectorAsync("body[data-circuit='live']", new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        await page.Locator("[data-testid=view-installed]").ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=view-installed][aria-pressed=true]");
        await page.Context.CloseAsync();
    }
}
