using Microsoft.Playwright;
using Portal.BrowserTests.Infrastructure;
using Portal.Seeding;

namespace Portal.BrowserTests;

/// <summary>
/// Every page an administrator can open (the role that sees them all), at laptop and phone size: it renders without a
/// circuit error, nothing sticks out sideways, and a screenshot is saved to look at (TestResults/screenshots/page-*).
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class EveryPageTests(PortalBrowserFixture portal)
{
    private const float SlowMachineTimeout = 90_000;

    private static readonly string[] Pages =
    [
        "", "catalog", "jobs", "helpdesk/requests", "helpdesk/machines", "helpdesk/jobs", "admin/users", "admin/applications",
        "admin/applications/new", "admin/external-software", "admin/tokens", "admin/machines", "admin/reports", "no-such-page",
    ];

    [Theory]
    [InlineData(ViewportKind.Desktop)]
    [InlineData(ViewportKind.Phone)]
    public async Task Every_page_renders_and_fits_the_screen(ViewportKind kind)
    {
        var page = await portal.NewPageAsync(kind);
        page.SetDefaultTimeout(SlowMachineTimeout);
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        await PortalPages.SignInAsync(page, "admin@example.com", DemoUsers.Password);

        foreach (var path in Pages)
        {
            await page.GotoAsync(path);
            if (path != "no-such-page")
            {
                await PortalPages.WaitForInteractiveAsync(page, SlowMachineTimeout);
            }

            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var name = "page-" + (path.Length == 0 ? "home" : path.Replace('/', '-'));
            await PortalPages.ScreenshotAsync(page, name, kind);

            Assert.False(await page.Locator("#blazor-error-ui").IsVisibleAsync(), $"{path}: the circuit failed");
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 1, $"{path} is {overflow} px wider than the {kind} screen");
        }

        await page.GotoAsync("account/password");
        await PortalPages.ScreenshotAsync(page, "page-account-password", kind);
        Assert.True(await page.Locator("#current").IsVisibleAsync());
        Assert.Empty(errors);
        await page.Context.CloseAsync();
    }
}
