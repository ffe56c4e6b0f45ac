using Catalog.Auditing;
using Dapper;

namespace Portal.Data;

/// <summary>The audit trail: who did what to what, and when.</summary>
public sealed class AuditRepository
{
    private readonly IDbConnectionFactory _connections;

    public AuditRepository(IDbConnectionFactory connections)
    {
        DapperSetup.EnsureRegistered();
        _connections = connections;
    }

    /// <summary>Appends the entry and returns its id.</summary>
    public async Task<long> AddAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = await _connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO audit_entries (at, actor, action, target, detail) VALUES (@At, @Actor, @Action, @Target, @Detail) RETURNING id",
            new { entry.At, entry.Actor, entry.Action, entry.Target, entry.Detail },
            cancellationToken: cancellationToken));
    }

    /// <summary>Entries with <paramref name="from"/> ≤ At &lt; <paramref name="to"/> by <paramref name="actor"/> (each when given), newest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ListAsync(
        DateTimeOffset? from = null, DateTimeOffset? to = null, string? actor = null, int limit = 200,
        CancellationToken cancellationToken = default, int offset = 0)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<AuditEntry>(new CommandDefinition(
            $"""
            SELECT id, at, actor, action, target, detail FROM audit_entries
            {new SqlWhere().When(from is not null, "at >= @from").When(to is not null, "at < @to").When(actor is not null, "actor = @actor")}
            ORDER BY at DESC, id DESC
            LIMIT @limit OFFSET @offset
            """,
            new { from, to, actor, limit, offset = Math.Max(0, offset) },
            cancellationToken: cancellationToken));
        return rows.ToList();
    }
}
