using Microsoft.Playwright;
using Portal.BrowserTests.Infrastructure;

namespace Portal.BrowserTests.SelfService;

/// <summary>
/// Waiting for a real agent's machine to be judged: the agent reports its inventory right after connecting, and until
/// then the catalog cannot say whether an application is available on it.
/// </summary>
internal static class CatalogAvailability
{
    /// <summary>Reloads the catalog until <paramref name="card"/> is listed and Available.</summary>
    public static async Task WaitForAvailableAsync(IPage page, ILocator card, string application)
    {
        for (var attempt = 0; attempt < 60; attempt++)
        {
            await page.GotoAsync("catalog");
            await PortalPages.WaitForInteractiveAsync(page);
            try
            {
                await card.WaitForAsync(new() { Timeout = 5_000 });
                if (await card.GetAttributeAsync("data-state") == "Available")
                {
                    return;
                }
            }
            catch (TimeoutException)
            {
                // Not listed yet: the page is still loading or the machine is not judged yet; look again.
            }

            await Task.Delay(1000);
        }

        throw new InvalidOperationException($"The agent's machine never made {application} available in the catalog.");
    }
}
