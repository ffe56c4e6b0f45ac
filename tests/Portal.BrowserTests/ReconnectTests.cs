using Microsoft.Playwright;
using Portal.BrowserTests.Infrastructure;
using Portal.Seeding;

namespace Portal.BrowserTests;

[Collection(PortalCollection.Name)]
public sealed class ReconnectTests(PortalBrowserFixture portal)
{
    [Fact]
    public async Task Portal_restart_shows_the_banner_then_the_page_recovers()
    {
        var page = await portal.NewPageAsync();
        await PortalPages.SignInAsync(page, "helpdesk@example.com", DemoUsers.Password);
        await PortalPages.WaitForInteractiveAsync(page);
        await page.EvaluateAsync("() => window.beforeRestart = true");
        var banner = page.Locator("#components-reconnect-modal");
        Assert.False(await banner.IsVisibleAsync());

        await portal.RestartPortalAsync(whileDown: async () =>
        {
            await page.WaitForSelectorAsync("#components-reconnect-modal.components-reconnect-show");
            Assert.True(await banner.IsVisibleAsync());
            Assert.Contains("Connection lost — reconnecting…", await banner.InnerTextAsync());
            await PortalPages.ScreenshotAsync(page, "reconnecting", ViewportKind.Desktop);
        });

        // The new portal does not know the old circuit: the client is rejected and reloads into a new circuit.
        await page.WaitForFunctionAsync("() => window.beforeRestart === undefined", null, new PageWaitForFunctionOptions { Timeout = 60_000 });
        await PortalPages.WaitForInteractiveAsync(page, 30_000);
        Assert.Equal("Welcome, Helen Desk", await page.InnerTextAsync("[data-testid=welcome]"));
        Assert.False(await banner.IsVisibleAsync());
        await page.Context.CloseAsync();
    }
}
