using System.Collections.Concurrent;
using System.Diagnostics;

namespace Benchmarks.Fanout;

/// <summary>
/// What every simulated agent reports to the benchmark: when each machine's install was posted and acknowledged,
/// completions the portal confirmed, jobs pushed again after the portal had confirmed their completion (duplicates),
/// reconnect hints, and when each agent was back (connected, fresh inventory stored). Times are
/// <see cref="Stopwatch"/> timestamps.
/// </summary>
internal sealed class FanoutTally
{
    private readonly ConcurrentDictionary<Guid, long> _posted = new();
    private readonly ConcurrentQueue<double> _ackMs = new();
    private long _acked;
    private long _completed;
    private long _duplicated;
    private long _hints;
    private long _back;
    private long _lastBack;

    /// <summary>False while agents keep their jobs running (storm): they complete them once connected again.</summary>
    public volatile bool CompleteAtOnce = true;

    public long Acked => Interlocked.Read(ref _acked);

    public long Completed => Interlocked.Read(ref _completed);

    public long Duplicated => Interlocked.Read(ref _duplicated);

    public long Hints => Interlocked.Read(ref _hints);

    public long Back => Interlocked.Read(ref _back);

    public long LastBack => Interlocked.Read(ref _lastBack);

    public IReadOnlyCollection<double> AckMilliseconds => _ackMs;

    /// <summary>Starts a new phase: counts and latencies from here.</summary>
    public void Reset()
    {
        _posted.Clear();
        _ackMs.Clear();
        Interlocked.Exchange(ref _acked, 0);
        Interlocked.Exchange(ref _completed, 0);
        Interlocked.Exchange(ref _back, 0);
        Interlocked.Exchange(ref _lastBack, 0);
    }

    public void Posting(Guid machineId) => _posted[machineId] = Stopwatch.GetTimestamp();

    /// <summary>The portal stored the agent's Ack of the machine's job: latency from the start of the POST.</summary>
    public void AckStored(Guid machineId)
    {
        var now = Stopwatch.GetTimestamp();
        if (_posted.TryRemove(machineId, out var posted))
        {
            _ackMs.Enqueue(Stopwatch.GetElapsedTime(posted, now).TotalMilliseconds);
        }

        Interlocked.Increment(ref _acked);
    }

    public void CompletionConfirmed() => Interlocked.Increment(ref _completed);

    public void Duplicate() => Interlocked.Increment(ref _duplicated);

    public void Hint() => Interlocked.Increment(ref _hints);

    public void AgentBack()
    {
        Interlocked.Increment(ref _back);
        var now = Stopwatch.GetTimestamp();
        long seen;
        while ((seen = Interlocked.Read(ref _lastBack)) < now && Interlocked.CompareExchange(ref _lastBack, now, seen) != seen)
        {
        }
    }
}
