using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Portal.Data;

/// <summary>
/// One writer at a time per SQLite file, queued asynchronously in this process. SQLite allows a single writer; without
/// the gate every other writer waits inside <c>sqlite3_step</c> — a blocked thread-pool thread sleeping in SQLite's
/// busy handler (1, 2, 5 … 100 ms steps) even after the lock is free. Under fan-out load that was the portal's top
/// wall-clock cost and starved the thread pool (docs/performance.md). Readers (WAL) never wait for it.
/// </summary>
public sealed partial class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SqliteWriteGate> ByFile = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, bool> WritesBySql = new(StringComparer.Ordinal);

    private readonly SemaphoreSlim _semaphore = new(1, 1);

    private SqliteWriteGate()
    {
    }

    /// <summary>The gate of a database file (every factory and connection on the file shares it).</summary>
    public static SqliteWriteGate For(string databasePath) => ByFile.GetOrAdd(Path.GetFullPath(databasePath), _ => new SqliteWriteGate());

    /// <summary>Whether a statement outside a transaction writes (and so goes through the gate).</summary>
    public static bool Writes(string? sql) =>
        !string.IsNullOrEmpty(sql) && WritesBySql.GetOrAdd(sql, text => WriteKeyword().IsMatch(text));

    public async ValueTask<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _semaphore.WaitAsync(cancellationToken);
        return new Release(_semaphore);
    }

    public IDisposable Enter()
    {
        _semaphore.Wait();
        return new Release(_semaphore);
    }

    [GeneratedRegex(@"\b(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER|VACUUM)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WriteKeyword();

    private sealed class Release(SemaphoreSlim semaphore) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                semaphore.Release();
            }
        }
    }
}
