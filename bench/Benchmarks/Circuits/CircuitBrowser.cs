using Microsoft.Playwright;

namespace Benchmarks.Circuits;

/// <summary>Debian's headless Chromium, as the circuit benchmarks drive it (one browser context per page, so one circuit each).</summary>
internal static class CircuitBrowser
{
    private const string ChromiumPath = "/usr/bin/chromium";

    /// <exception cref="InvalidOperationException">Chromium is not installed.</exception>
    public static void EnsureInstalled()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"The circuit benchmarks need Debian's Chromium at {ChromiumPath}: apt-get install -y chromium");
        }
    }

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = ChromiumPath,
        Headless = true,
        Args =
        [
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
        ],
    });
}
