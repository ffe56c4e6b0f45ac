using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace Benchmarks.Circuits;

/// <summary>
/// What the portal process holds, read from outside: a full blocking GC induced over EventPipe (the way
/// <c>dotnet-gcdump</c> does it, keyword GCHeapCollect), the managed heap after it (gen0–2, LOH, POH from the runtime's
/// GCHeapStats event) and the bytes that GC promoted (the live objects), then the resident set size from
/// <c>/proc/PID/status</c>.
/// </summary>
internal static class PortalMemory
{
    public static async Task<MemorySample> SampleAsync(int processId, CancellationToken cancellationToken)
    {
        var (heapBytes, liveBytes) = await InducedGcHeapBytesAsync(processId, cancellationToken);
        // Let the GC hand back what it decommits before reading the resident set.
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        return new MemorySample(ResidentKilobytes(processId), heapBytes / 1024.0, liveBytes / 1024.0);
    }

    public static long ResidentKilobytes(int processId)
    {
        foreach (var line in File.ReadLines($"/proc/{processId}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"/proc/{processId}/status has no VmRSS line.");
    }

    private static async Task<(long Heap, long Live)> InducedGcHeapBytesAsync(int processId, CancellationToken cancellationToken)
    {
        var client = new DiagnosticsClient(processId);
        var keywords = (long)(ClrTraceEventParser.Keywords.GC | ClrTraceEventParser.Keywords.GCHeapCollect);
        using var session = client.StartEventPipeSession(
            [new EventPipeProvider(ClrTraceEventParser.ProviderName, EventLevel.Informational, keywords)], requestRundown: false);
        var heap = new TaskCompletionSource<(long, long)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var inducedGcStarted = false;
        using var source = new EventPipeEventSource(session.EventStream);
        source.Clr.GCStart += e =>
        {
            if (e.Depth == 2 && e.Reason is GCReason.Induced or GCReason.InducedNotForced or GCReason.InducedCompacting)
            {
                inducedGcStarted = true;
            }
        };
        source.Clr.GCHeapStats += e =>
        {
            if (inducedGcStarted)
            {
                heap.TrySetResult((e.GenerationSize0 + e.GenerationSize1 + e.GenerationSize2 + e.GenerationSize3 + e.GenerationSize4,
                    e.TotalPromotedSize0 + e.TotalPromotedSize1 + e.TotalPromotedSize2 + e.TotalPromotedSize3 + e.TotalPromotedSize4));
            }
        };
        var processing = Task.Run(source.Process, cancellationToken);
        try
        {
            return await heap.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        }
        finally
        {
            await session.StopAsync(CancellationToken.None);
            await processing.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
