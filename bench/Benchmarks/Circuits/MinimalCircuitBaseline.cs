using System.Globalization;
using Benchmarks.Requests;
using Microsoft.Playwright;

namespace Benchmarks.Circuits;

/// <summary>
/// The framework's floor for <see cref="CircuitsBenchmark"/>: memory per idle circuit of a minimal Blazor Server app
/// (bench/MinimalCircuit: the empty Blazor Web App template with Server interactivity, one counter page, no MudBlazor,
/// no authentication), measured the same way as the portal — a separate process in Production on a free port,
/// <c>warmUp</c> pages opened and closed, a one-page baseline, then <c>circuits</c> more pages, each sample after a full
/// GC, an idle period and a full GC (<see cref="CircuitMeasurement"/>). It is the denominator of the
/// portal's figure: what an idle circuit costs before the portal puts anything in it. The app keeps the template's
/// defaults, WebSocket compression included (zlib state per circuit, outside the managed heap: some 220 KB of RSS per
/// circuit here); the portal turns compression off, so pass <c>MinimalCircuit__DisableWebSocketCompression=true</c> in
/// <c>environment</c> to compare like with like.
/// </summary>
internal static class MinimalCircuitBaseline
{
    private const string BuildCommand = "dotnet build -c Release bench/MinimalCircuit";

    /// <param name="environment">More settings for the app process, e.g. <c>MinimalCircuit__DisableWebSocketCompression=true</c> (as the portal).</param>
    public static async Task<CircuitFigures> MeasureAsync(
        IBrowser browser, int circuits, int warmUp, TimeSpan idle, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? environment = null, string? gcdumpDirectory = null)
    {
        var dll = LocateDll();
        var work = Path.Combine(Path.GetTempPath(), "bench-minimal-circuit-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            // The portal's process helper: /healthz, Production, warnings-only logging; the admin settings mean nothing to this app.
            await using var app = await PortalProcess.StartAsync(dll, work, "unused@bench.example", "unused", cancellationToken, environment: environment);
            var (figures, pages) = await CircuitMeasurement.RunAsync(
                app.ProcessId, () => OpenAsync(browser, app.Address), circuits, warmUp, idle, "circuits-minimal", gcdumpDirectory, "minimal",
                () => Task.FromResult($" pid={app.ProcessId}"), cancellationToken);
            foreach (var page in pages)
            {
                await page.Context.CloseAsync();
            }

            return figures;
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    /// <summary>
    /// bench/MinimalCircuit/bin/{Release,Debug}/net10.0/MinimalCircuit.dll above the current or the benchmark's directory
    /// (the benchmarks project builds it along, as a reference that is not referenced).
    /// </summary>
    internal static string LocateDll() =>
        BenchmarkSupport.FindBuiltDll(Path.Combine("bench", "MinimalCircuit"), "MinimalCircuit.dll")
        ?? throw new FileNotFoundException($"MinimalCircuit.dll not found under bench/MinimalCircuit/bin; build it first: {BuildCommand}");

    /// <summary>A page in its own context (so its own circuit) on the counter, waited for until the circuit is live.</summary>
    private static async Task<IPage> OpenAsync(IBrowser browser, Uri address)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = address.ToString(),
            ViewportSize = new ViewportSize { Width = 1366, Height = 800 },
        });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("");
        // The marker is hidden: wait for it in the page, not on screen.
        await page.WaitForSelectorAsync("[data-interactive='true']", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
        return page;
    }
}
