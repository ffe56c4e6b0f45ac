using Microsoft.Playwright;
using Portal.BrowserTests.Infrastructure;
using Portal.Demo;
using Portal.Seeding;

namespace Portal.BrowserTests.Administration;

[Collection(PortalCollection.Name)]
public sealed class AdminScreenshotTests(PortalBrowserFixture portal)
{
    // The shared CI machine can be very busy; these pages do real work in the circuit.
    private const float SlowMachineTimeout = 90_000;

    [Theory]
    [InlineData(ViewportKind.Desktop)]
    [InlineData(ViewportKind.Phone)]
    public async Task Administration_pages_render_the_demo_catalog(ViewportKind kind)
    {
        var page = await portal.NewPageAsync(kind);
        page.SetDefaultTimeout(SlowMachineTimeout);
        await PortalPages.SignInAsync(page, "admin@example.com", DemoUsers.Password);

        await page.GotoAsync("admin/applications");
        await PortalPages.WaitForInteractiveAsync(page, SlowMachineTimeout);
        await page.WaitForSelectorAsync("[data-testid=applications-grid] a.admin-app-name");
        Assert.Contains("Office Suite", await page.InnerTextAsync("[data-testid=applications-grid]"));
        await PortalPages.ScreenshotAsync(page, "admin-applications", kind);

        await page.GotoAsync($"admin/applications/{DemoCatalog.TextEditorId}");
        await PortalPages.WaitForInteractiveAsync(page, SlowMachineTimeout);
        await page.WaitForSelectorAsync("[data-testid=editor-tabs]");
        await PortalPages.ScreenshotAsync(page, "admin-editor-identification", kind);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Macros" }).ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=macro]");
        Assert.Equal(2, await page.Locator("[data-testid=macro]").CountAsync());
        await PortalPages.ScreenshotAsync(page, "admin-editor-macros", kind);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Package" }).ClickAsync();
        Assert.Contains("SHA-256", await page.InnerTextAsync("[data-testid=package-facts]"));
        await PortalPages.ScreenshotAsync(page, "admin-editor-package", kind);

        await page.GotoAsync($"admin/applications/{DemoCatalog.BigDataStudioId}");
        await PortalPages.WaitForInteractiveAsync(page, SlowMachineTimeout);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Requirements" }).ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=requirement-text]");
        Assert.Equal(["At least 64 GB of memory", "At least 4 CPUs"],
            (await page.Locator("[data-testid=requirement-text]").AllInnerTextsAsync()).Select(t => t.Trim()));
        await PortalPages.ScreenshotAsync(page, "admin-editor-requirements", kind);

        await page.GotoAsync("admin/external-software");
        await PortalPages.WaitForInteractiveAsync(page, SlowMachineTimeout);
        await page.WaitForSelectorAsync("[data-testid=external-row]");
        Assert.Contains("Revision 1", await page.TextContentAsync("[data-testid=revision]"));
        await PortalPages.ScreenshotAsync(page, "admin-external-software", kind);

        await page.GotoAsync("admin/reports");
        await PortalPages.WaitForInteractiveAsync(page, SlowMachineTimeout);
        await page.WaitForSelectorAsync("[data-testid=events-grid]");
        await PortalPages.ScreenshotAsync(page, "admin-reports-events", kind);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Audit log" }).ClickAsync();
        Assert.Contains("application.create", await page.InnerTextAsync("[data-testid=audit-grid]"));
        await PortalPages.ScreenshotAsync(page, "admin-reports-audit", kind);

        await page.GotoAsync("admin/tokens");
        await PortalPages.WaitForInteractiveAsync(page, SlowMachineTimeout);
        await page.ClickAsync("[data-testid=create-token]");
        var token = (await page.TextContentAsync("[data-testid=new-token] code.admin-token"))!.Trim();
        Assert.True(token.Length >= 20, $"token '{token}' looks too short");
        Assert.Contains("Open", await page.TextContentAsync("[data-testid=tokens-grid]"));
        await PortalPages.ScreenshotAsync(page, "admin-tokens", kind);

        await page.GotoAsync("admin/machines");
        await PortalPages.WaitForInteractiveAsync(page, SlowMachineTimeout);
        await page.WaitForSelectorAsync("[data-testid=machines-grid]");
        await PortalPages.ScreenshotAsync(page, "admin-machines", kind);
        await page.Context.CloseAsync();
    }
}
