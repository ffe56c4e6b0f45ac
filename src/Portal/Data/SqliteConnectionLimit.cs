using System.Collections.Concurrent;

namespace Portal.Data;

/// <summary>
/// At most <see cref="MaxOpen"/> SQLite connections open at once per database file in this process; the rest queue
/// asynchronously. Microsoft.Data.Sqlite's pool has no upper bound and each open connection holds three file
/// descriptors (database, WAL, shared memory), so 10,000 agents connecting at once exhausted the process's descriptors
/// next to their 10,000 sockets ("SQLite Error 14: unable to open database file", docs/performance.md).
/// A connection opened while the same logical flow already holds one does not queue again (a repository calling
/// another while its connection is open must not wait for itself). A slot not granted within
/// <see cref="WaitLimit"/> fails with a clear error instead of hanging.
/// </summary>
public sealed class SqliteConnectionLimit
{
    /// <summary>Open connections per file: enough for every core to read while writers queue at the write gate.</summary>
    public const int MaxOpen = 64;

    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(60);

    private static readonly ConcurrentDictionary<string, SqliteConnectionLimit> ByFile = new(StringComparer.Ordinal);
    private static readonly AsyncLocal<int> HeldInFlow = new();

    private readonly SemaphoreSlim _slots = new(MaxOpen, MaxOpen);

    private SqliteConnectionLimit()
    {
    }

    /// <summary>The limit of a database file (every factory on the file shares it).</summary>
    public static SqliteConnectionLimit For(string databasePath) =>
        ByFile.GetOrAdd(Path.GetFullPath(databasePath), _ => new SqliteConnectionLimit());

    /// <summary>Connections open now (for tests and diagnostics).</summary>
    public int Open => MaxOpen - _slots.CurrentCount;

    /// <summary>
    /// Takes a slot for a connection about to open. Not an async method on purpose: the flow marker set here must be
    /// visible to the caller (an async method's changes to an <see cref="AsyncLocal{T}"/> do not flow back).
    /// </summary>
    public ValueTask<Lease> EnterAsync(CancellationToken cancellationToken)
    {
        if (HeldInFlow.Value > 0)
        {
            HeldInFlow.Value++;
            return ValueTask.FromResult(new Lease(null));
        }

        HeldInFlow.Value = 1;
        if (_slots.Wait(0, CancellationToken.None))
        {
            return ValueTask.FromResult(new Lease(_slots));
        }

        return WaitAsync(cancellationToken);
    }

    private async ValueTask<Lease> WaitAsync(CancellationToken cancellationToken)
    {
        if (!await _slots.WaitAsync(WaitLimit, cancellationToken))
        {
            throw new TimeoutException(
                $"No database connection became free within {WaitLimit.TotalSeconds:0} s ({MaxOpen} are open on this file); " +
                "the portal is overloaded or a connection is not being closed.");
        }

        return new Lease(_slots);
    }

    /// <summary>Undoes the flow marker of an <see cref="EnterAsync"/> (its lease released).</summary>
    private static void LeaveFlow()
    {
        if (HeldInFlow.Value > 0)
        {
            HeldInFlow.Value--;
        }
    }

    /// <summary>A granted slot; a nested connection's lease holds none. Disposing twice releases once.</summary>
    public sealed class Lease(SemaphoreSlim? slots)
    {
        private int _released;

        public void Release()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0)
            {
                return;
            }

            LeaveFlow();
            slots?.Release();
        }
    }
}
