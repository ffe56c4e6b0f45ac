using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Catalog.Jobs;
using Portal.AgentLink;

namespace Portal.Operations;

/// <summary>
/// The portal's own instruments (meter <c>Portal</c>, exported at <c>/metrics</c>): agents connected to this node, open
/// jobs by state (sampled by <see cref="JobStateSampler"/>), finished jobs by outcome, the time from pushing a job to
/// the agent's acknowledgement, and live Blazor circuits on this node.
/// </summary>
public sealed class PortalMetrics : IDisposable
{
    public const string MeterName = "Portal";

    /// <summary>Pushes remembered while waiting for their acknowledgement; beyond it the oldest are forgotten.</summary>
    private const int MaxPending = 100_000;

    private readonly Meter _meter;
    private readonly Histogram<double> _dispatch;
    private readonly Counter<long> _finished;
    private readonly ConcurrentDictionary<Guid, long> _pushedAt = new();
    private readonly TimeProvider _time;
    private IReadOnlyDictionary<JobState, long> _openJobs = new Dictionary<JobState, long>();
    private long _circuits;

    public PortalMetrics(IMeterFactory meters, AgentConnectionRegistry registry, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _time = time;
        _meter = meters.Create(MeterName);
        _meter.CreateObservableGauge("portal.agents.connected", () => registry.ConnectedMachines.Count, "{agent}",
            "Agents connected to this portal node");
        _meter.CreateObservableGauge("portal.jobs.open", ObserveOpenJobs, "{job}",
            "Current job attempts queued, delivered or running (whole fleet), by state");
        _meter.CreateObservableGauge("portal.circuits.active", () => Interlocked.Read(ref _circuits), "{circuit}",
            "Blazor circuits (live pages) open on this portal node");
        _finished = _meter.CreateCounter<long>("portal.jobs.finished", "{job}", "Jobs that finished on this node, by outcome");
        _dispatch = _meter.CreateHistogram("portal.dispatch.duration", "s",
            "From pushing a job to the agent until the agent acknowledged it",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30] });
    }

    /// <summary>A job was pushed to its agent's connection on this node.</summary>
    public void JobPushed(Guid jobId)
    {
        if (_pushedAt.Count >= MaxPending)
        {
            _pushedAt.Clear();
        }

        // The first push counts: a repeated push of a job still waiting for its acknowledgement does not reset it.
        _pushedAt.TryAdd(jobId, _time.GetTimestamp());
    }

    /// <summary>The agent acknowledged a job: records the dispatch time when this node pushed it.</summary>
    public void JobAcknowledged(Guid jobId)
    {
        if (_pushedAt.TryRemove(jobId, out var pushedAt))
        {
            _dispatch.Record(_time.GetElapsedTime(pushedAt).TotalSeconds);
        }
    }

    public void JobFinished(JobState outcome) => _finished.Add(1, new KeyValuePair<string, object?>("state", outcome.ToString()));

    /// <summary>Blazor circuits open on this node now (a paused page holds none).</summary>
    public long ActiveCircuits => Interlocked.Read(ref _circuits);

    public void CircuitOpened() => Interlocked.Increment(ref _circuits);

    public void CircuitClosed() => Interlocked.Decrement(ref _circuits);

    internal void SetOpenJobs(IReadOnlyDictionary<JobState, long> counts) => Volatile.Write(ref _openJobs, counts);

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<long>> ObserveOpenJobs() =>
        Volatile.Read(ref _openJobs).Select(p => new Measurement<long>(p.Value, new KeyValuePair<string, object?>("state", p.Key.ToString())));
}
