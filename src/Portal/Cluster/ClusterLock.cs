using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Portal.Data;

namespace Portal.Cluster;

/// <summary>
/// Runs work on one node at a time across the cluster with a PostgreSQL session advisory lock
/// (<c>pg_try_advisory_lock</c>): a node that does not get the lock skips the round, another node is doing it. The
/// lock dies with its connection, so a killed node never leaves it held. On one node (SQLite) the work simply runs.
/// </summary>
public sealed class ClusterLock(IDbConnectionFactory connections)
{
    /// <summary>Runs <paramref name="work"/> when this node got the lock named <paramref name="name"/>; returns whether it ran.</summary>
    public async Task<bool> TryRunAsync(string name, Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (connections.Dialect != SqlDialect.PostgreSql)
        {
            await work(cancellationToken);
            return true;
        }

        var key = KeyOf(name);
        await using DbConnection connection = await connections.OpenAsync(cancellationToken);
        if (!await connection.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT pg_try_advisory_lock(@key)", new { key }, cancellationToken: cancellationToken)))
        {
            return false;
        }

        try
        {
            await work(cancellationToken);
            return true;
        }
        finally
        {
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_unlock(@key)", new { key }, cancellationToken: CancellationToken.None));
        }
    }

    /// <summary>A stable 64-bit lock key for a name (the first eight bytes of its SHA-256).</summary>
    internal static long KeyOf(string name) => BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("portal:" + name)), 0);
}
