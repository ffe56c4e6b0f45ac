using System.Globalization;
using Microsoft.Playwright;

namespace Benchmarks.Circuits;

/// <summary>
/// <see cref="MinimalCircuitBaseline"/> on its own: memory per idle circuit of the minimal Blazor Server app, without
/// the portal. Options: <c>--circuits</c> (40), <c>--warmup</c> (as many as <c>--circuits</c>), <c>--idle</c> seconds
/// (135), <c>--env NAME=VALUE</c> (repeatable, for the app process), <c>--gcdump DIR</c> (heap dumps of 1 and N+1 circuits).
/// </summary>
public sealed class MinimalCircuitBenchmark : IBenchmark
{
    public string Name => "circuits-minimal";

    public string Description => "RSS and GC heap per idle circuit of a minimal Blazor Server app [--circuits --warmup --idle --env --gcdump]";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var circuits = (int)BenchmarkSupport.Int64Option(args, "--circuits", 40);
        var idle = TimeSpan.FromSeconds(BenchmarkSupport.Int64Option(args, "--idle", 135));
        var warmUp = (int)BenchmarkSupport.Int64Option(args, "--warmup", circuits);
        var environment = BenchmarkSupport.EnvironmentOptions(args);
        CircuitBrowser.EnsureInstalled();

        Console.WriteLine($"circuits-minimal: app={MinimalCircuitBaseline.LocateDll()} circuits={circuits} warmup={warmUp} env={string.Join(',', environment.Select(e => e.Key + "=" + e.Value))}");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await CircuitBrowser.LaunchAsync(playwright);
        var figures = await MinimalCircuitBaseline.MeasureAsync(
            browser, circuits, warmUp, idle, cancellationToken, environment, BenchmarkSupport.StringOption(args, "--gcdump"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"circuits-minimal: n={figures.Circuits} rss_kb_per_circuit={figures.RssKbPerCircuit:0} gc_heap_kb_per_circuit={figures.GcHeapKbPerCircuit:0} " +
            $"live_kb_per_circuit={figures.LiveKbPerCircuit:0} baseline_rss_kb={figures.Baseline.RssKb} baseline_gc_heap_kb={figures.Baseline.GcHeapKb:0}"));
        return 0;
    }
}
