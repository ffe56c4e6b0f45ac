using Microsoft.Playwright;

namespace Portal.BrowserTests.Infrastructure;

/// <summary>What browser tests do again and again: sign in, open the catalog, wait for the circuit, take screenshots.</summary>
public static class PortalPages
{
    /// <summary>Signs in through the login form (static server-rendered, no circuit needed) and waits for the next page.</summary>
    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("account/login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForLoadStateAsync(LoadState.Load);
    }

    /// <summary>Signs in and opens the catalog, waiting until its circuit is live and its cards are shown.</summary>
    public static async Task OpenCatalogAsync(IPage page, string email, string password)
    {
        await SignInAsync(page, email, password);
        await page.GotoAsync("catalog");
        await WaitForInteractiveAsync(page);
        await page.WaitForSelectorAsync("[data-testid=catalog-cards]");
    }

    /// <summary>An application's card in the catalog, found by the application's name.</summary>
    public static ILocator AppCard(IPage page, string name) => page.Locator($"[data-testid=app-card][data-app='{name}']");

    /// <summary>
    /// Waits until the interactive layout has rendered in the circuit (clicks before that would be lost): the layout's
    /// hidden marker says data-interactive="true", so it is waited for in the page, not on the screen.
    /// </summary>
    public static async Task WaitForInteractiveAsync(IPage page, float? timeoutMilliseconds = null) =>
        await page.WaitForSelectorAsync("[data-interactive='true']", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached, Timeout = timeoutMilliseconds });

    /// <summary>Saves a full-page PNG to TestResults/screenshots/&lt;name&gt;-&lt;kind&gt;.png at the repository root and returns its path.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name, ViewportKind kind)
    {
        var directory = Path.Combine(RepositoryRoot(), "TestResults", "screenshots");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{name}-{kind.ToString().ToLowerInvariant()}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Portal.sln")))
            {
                return directory.FullName;
            }
        }

        return AppContext.BaseDirectory;
    }
}
