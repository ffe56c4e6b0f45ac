using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Portal.Data;

/// <summary>
/// SQLite connections with WAL journaling, a busy timeout and foreign keys on; writers queue for the file's
/// <see cref="SqliteWriteGate"/> (<see cref="GatedSqliteConnection"/>) instead of sleeping in SQLite's busy handler.
/// </summary>
public sealed class SqliteConnectionFactory : IDbConnectionFactory
{
    private readonly string _connectionString;
    private readonly SqliteWriteGate _gate;
    private readonly SqliteConnectionLimit _limit;

    public SqliteConnectionFactory(string databasePath)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(databasePath));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
            ForeignKeys = true,
        }.ToString();
        DatabasePath = databasePath;
        _gate = SqliteWriteGate.For(databasePath);
        _limit = SqliteConnectionLimit.For(databasePath);
    }

    public string DatabasePath { get; }

    public SqlDialect Dialect => SqlDialect.Sqlite;

    /// <summary>
    /// Opens a connection once the file's <see cref="SqliteConnectionLimit"/> grants a slot. Deliberately not an async
    /// method: the limit marks the caller's flow as holding a connection, and that mark must reach the caller.
    /// </summary>
    public Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default) =>
        OpenLeasedAsync(_limit.EnterAsync(cancellationToken), cancellationToken);

    private async Task<DbConnection> OpenLeasedAsync(ValueTask<SqliteConnectionLimit.Lease> pending, CancellationToken cancellationToken)
    {
        // A wait that fails (timeout, cancellation) leaves the caller's mark until the caller's method returns; its
        // later opens then skip the queue, which is safe.
        var lease = await pending;
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var pragma = connection.CreateCommand();
            // WAL lets readers work while one writer writes; busy_timeout makes a second writer wait instead of failing.
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=30000; PRAGMA synchronous=NORMAL;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
            return new GatedSqliteConnection(connection, _gate, lease);
        }
        catch
        {
            await connection.DisposeAsync();
            lease.Release();
            throw;
        }
    }
}
