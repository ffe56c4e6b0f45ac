using System.Data.Common;
using Dapper;

namespace Portal.Data;

/// <summary>
/// Applies the embedded, ordered migration scripts of the connection's dialect that are newer than the database's
/// schema version, each in its own transaction, recording each in <c>schema_version</c>. SQLite scripts are
/// <c>Data/Migrations/NNNN_name.sql</c>; PostgreSQL uses <c>Data/Migrations/PostgreSql/NNNN_name.sql</c> where the SQL
/// must differ, else the shared script of the same number. Safe to run from several processes at once: each step
/// re-reads the version under the database's write lock (SQLite: an immediate transaction; PostgreSQL: an advisory lock).
/// </summary>
public sealed class MigrationRunner(IDbConnectionFactory connections)
{
    private const long PostgreSqlLockKey = 0x5EC7A106;
    private const string SharedPrefix = "Portal.Data.Migrations.";
    private const string PostgreSqlPrefix = "Portal.Data.Migrations.PostgreSql.";

    public async Task<int> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var applied = 0;
        foreach (var (version, name, sql) in LoadScripts(connections.Dialect))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var current = await LockAndReadVersionAsync(connection, transaction, cancellationToken);
            if (version <= current)
            {
                await transaction.RollbackAsync(cancellationToken);
                continue;
            }

            await connection.ExecuteAsync(new CommandDefinition(sql, transaction: transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_version (version, name, applied_at) VALUES (@version, @name, @at)",
                new { version, name, at = DateTimeOffset.UtcNow.ToString("O") },
                transaction,
                cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            applied++;
        }

        return applied;
    }

    private async Task<long> LockAndReadVersionAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (connections.Dialect == SqlDialect.PostgreSql)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "SELECT pg_advisory_xact_lock(@key)", new { key = PostgreSqlLockKey }, transaction, cancellationToken: cancellationToken));
        }

        // Microsoft.Data.Sqlite begins transactions IMMEDIATE, so on SQLite this write lock is already held here.
        await connection.ExecuteAsync(new CommandDefinition(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
            transaction: transaction,
            cancellationToken: cancellationToken));
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT MAX(version) FROM schema_version", transaction: transaction, cancellationToken: cancellationToken)) ?? 0;
    }

    internal static IReadOnlyList<(int Version, string Name, string Sql)> LoadScripts() => LoadScripts(SqlDialect.Sqlite);

    internal static IReadOnlyList<(int Version, string Name, string Sql)> LoadScripts(SqlDialect dialect)
    {
        var assembly = typeof(MigrationRunner).Assembly;
        var shared = new SortedDictionary<int, (string Name, string Sql)>();
        var postgreSql = new SortedDictionary<int, (string Name, string Sql)>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(SharedPrefix, StringComparison.Ordinal)))
        {
            var isPostgreSql = resource.StartsWith(PostgreSqlPrefix, StringComparison.Ordinal);
            var fileName = resource[(isPostgreSql ? PostgreSqlPrefix : SharedPrefix).Length..];
            var separator = fileName.IndexOf('_', StringComparison.Ordinal);
            if (separator <= 0 || !int.TryParse(fileName[..separator], out var version))
            {
                throw new InvalidOperationException($"Migration '{fileName}' must be named NNNN_description.sql.");
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            var target = isPostgreSql ? postgreSql : shared;
            if (!target.TryAdd(version, (fileName, reader.ReadToEnd())))
            {
                throw new InvalidOperationException($"Two migrations have the number {version}: '{target[version].Name}' and '{fileName}'.");
            }
        }

        if (dialect == SqlDialect.PostgreSql)
        {
            foreach (var (version, script) in postgreSql)
            {
                shared[version] = script;
            }
        }

        return shared.Select(s => (s.Key, s.Value.Name, s.Value.Sql)).ToList();
    }
}
