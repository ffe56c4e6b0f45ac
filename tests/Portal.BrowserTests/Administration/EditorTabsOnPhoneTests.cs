using Microsoft.Playwright;
using Portal.BrowserTests.Infrastructure;
using Portal.Seeding;

namespace Portal.BrowserTests.Administration;

/// <summary>On a phone the editor's ten property tabs wrap onto several rows: every one is whole on screen and a tap away.</summary>
[Collection(PortalCollection.Name)]
public sealed class EditorTabsOnPhoneTests(PortalBrowserFixture portal)
{
    private const float SlowMachineTimeout = 90_000;

    [Fact]
    public async Task Every_tab_is_whole_on_a_390_px_screen()
    {
        var page = await portal.NewPageAsync(ViewportKind.Phone);
        page.SetDefaultTimeout(SlowMachineTimeout);
        await PortalPages.SignInAsync(page, "admin@example.com", DemoUsers.Password);
        await page.GotoAsync("admin/applications/new");
        await PortalPages.WaitForInteractiveAsync(page, SlowMachineTimeout);
        await page.WaitForSelectorAsync("[data-testid=editor-tabs]");

        var tabs = page.GetByRole(AriaRole.Tab);
        Assert.Equal(11, await tabs.CountAsync());
        for (var i = 0; i < 11; i++)
        {
            var box = await tabs.Nth(i).BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.X >= 0 && box.X + box.Width <= 390, $"tab {i} spans {box.X}–{box.X + box.Width} px of a 390 px screen");
        }

        await PortalPages.ScreenshotAsync(page, "admin-editor-tabs", ViewportKind.Phone);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Reporting" }).ClickAsync();
        await page.WaitForSelectorAsync("[aria-selected=true]:has-text('Reporting')");
        await page.Context.CloseAsync();
    }
}
