using System.Globalization;
using Microsoft.Playwright;

namespace Benchmarks.Circuits;

/// <summary>
/// The procedure both circuit benchmarks measure a process with: <c>warmUp</c> pages opened, left (so blazor.web.js
/// ends their circuits; a closed context alone would leave them retained as disconnected for minutes) and closed; a
/// baseline with one page open; then <c>circuits</c> more pages; each sample idle (<see cref="IdleSampleAsync"/>).
/// Running every path as often as the measurement does matters because of tiered compilation: the runtime compiles hot
/// methods again once they have run often enough, and that one-time code would otherwise land in the figure as if each
/// circuit held it. The pages stay open for the caller, which closes them.
/// </summary>
internal static class CircuitMeasurement
{
    /// <param name="settleWarmUp">When given, the warm-up pages are opened together and each awaited with it before they close.</param>
    /// <param name="baselineNote">More to print on the baseline line (e.g. the process's own count of live circuits).</param>
    public static async Task<(CircuitFigures Figures, IReadOnlyList<IPage> Pages)> RunAsync(
        int processId, Func<Task<IPage>> openPage, int circuits, int warmUp, TimeSpan idle, string logPrefix,
        string? gcdumpDirectory, string dumpPrefix, Func<Task<string>> baselineNote, CancellationToken cancellationToken,
        Func<IPage, Task>? settleWarmUp = null)
    {
        if (settleWarmUp is null)
        {
            for (var i = 0; i < warmUp; i++)
            {
                var page = await openPage();
                await page.GotoAsync("about:blank");
                await page.Context.CloseAsync();
            }
        }
        else
        {
            // Pages that change state while idle (a paused page): the warm-up pages are open together, as the measured
            // ones will be, until each has settled, so the baseline process has run that path and held as many circuits
            // at once as the loaded one will.
            var warming = new List<IPage>();
            for (var i = 0; i < warmUp; i++)
            {
                warming.Add(await openPage());
            }

            foreach (var page in warming)
            {
                await settleWarmUp(page);
            }

            foreach (var page in warming)
            {
                await page.Context.CloseAsync();
            }
        }

        // Baseline: one idle circuit, so what follows measures only what more circuits add.
        var pages = new List<IPage> { await openPage() };
        var baseline = await IdleSampleAsync(processId, idle, cancellationToken);
        var note = await baselineNote();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{logPrefix}: baseline circuits=1 rss_kb={baseline.RssKb} gc_heap_kb={baseline.GcHeapKb:0} live_kb={baseline.LiveKb:0}{note}"));
        await HeapDump.WriteAsync(gcdumpDirectory, processId, $"{dumpPrefix}-1", cancellationToken);

        for (var i = 0; i < circuits; i++)
        {
            pages.Add(await openPage());
        }

        var loaded = await IdleSampleAsync(processId, idle, cancellationToken);
        // A second sample: a figure that keeps moving after a full GC is growth, not a circuit's footprint.
        var settled = await PortalMemory.SampleAsync(processId, cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{logPrefix}: loaded circuits={circuits + 1} rss_kb={loaded.RssKb}/{settled.RssKb} gc_heap_kb={loaded.GcHeapKb:0}/{settled.GcHeapKb:0} live_kb={loaded.LiveKb:0}/{settled.LiveKb:0}"));
        await HeapDump.WriteAsync(gcdumpDirectory, processId, $"{dumpPrefix}-{circuits + 1}", cancellationToken);
        return (new CircuitFigures(circuits, baseline, settled), pages);
    }

    /// <summary>
    /// A full GC, <paramref name="idle"/> without requests, a full GC (after which the pool lets go of what it no longer
    /// uses), then the measured full GC (which collects it).
    /// </summary>
    private static async Task<MemorySample> IdleSampleAsync(int processId, TimeSpan idle, CancellationToken cancellationToken)
    {
        await PortalMemory.SampleAsync(processId, cancellationToken);
        await Task.Delay(idle, cancellationToken);
        await PortalMemory.SampleAsync(processId, cancellationToken);
        return await PortalMemory.SampleAsync(processId, cancellationToken);
    }
}
