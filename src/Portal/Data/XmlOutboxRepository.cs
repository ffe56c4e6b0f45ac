using Dapper;

namespace Portal.Data;

/// <summary>The durable outbox of XML event posts: enqueued with the event, deleted once the receiver accepted it.</summary>
public sealed class XmlOutboxRepository
{
    private readonly IDbConnectionFactory _connections;

    public XmlOutboxRepository(IDbConnectionFactory connections)
    {
        DapperSetup.EnsureRegistered();
        _connections = connections;
    }

    /// <summary>Queues a post due at once (<paramref name="now"/>) and returns its id.</summary>
    public async Task<long> EnqueueAsync(string url, string body, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO xml_outbox (url, body, attempts, next_attempt_at, last_error, created_at)
            VALUES (@url, @body, 0, @now, '', @now)
            RETURNING id
            """,
            new { url, body, now },
            cancellationToken: cancellationToken));
    }

    /// <summary>Up to <paramref name="limit"/> posts due at <paramref name="now"/>, longest waiting first.</summary>
    public async Task<IReadOnlyList<XmlOutboxMessage>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<XmlOutboxMessage>(new CommandDefinition(
            """
            SELECT id, url, body, attempts, next_attempt_at, last_error, created_at FROM xml_outbox
            WHERE next_attempt_at <= @now
            ORDER BY next_attempt_at, id
            LIMIT @limit
            """,
            new { now, limit },
            cancellationToken: cancellationToken));
        return rows.ToList();
    }

    /// <summary>
    /// Claims up to <paramref name="limit"/> posts due at <paramref name="now"/> for this sender until
    /// <paramref name="leaseUntil"/>: they are due again only then, so another portal node sharing the database does not
    /// post them too. On PostgreSQL rows another node is claiming at the same moment are skipped
    /// (<c>FOR UPDATE SKIP LOCKED</c>) rather than waited for. A sender that dies mid-post loses its claim when the
    /// lease ends and the post is retried (at least once, never lost).
    /// </summary>
    public async Task<IReadOnlyList<XmlOutboxMessage>> ClaimDueAsync(
        DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken = default)
    {
        var skipLocked = _connections.Dialect == SqlDialect.PostgreSql ? "FOR UPDATE SKIP LOCKED" : "";
        await using var connection = await _connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<XmlOutboxMessage>(new CommandDefinition(
            $"""
            UPDATE xml_outbox SET next_attempt_at = @leaseUntil
            WHERE id IN (
                SELECT id FROM xml_outbox
                WHERE next_attempt_at <= @now
                ORDER BY next_attempt_at, id
                LIMIT @limit
                {skipLocked})
            RETURNING id, url, body, attempts, next_attempt_at, last_error, created_at
            """,
            new { now, leaseUntil, limit },
            cancellationToken: cancellationToken));
        return rows.OrderBy(r => r.Id).ToList();
    }

    /// <summary>The receiver accepted the post: remove it. Returns whether it was still queued.</summary>
    public async Task<bool> MarkSentAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM xml_outbox WHERE id = @id", new { id }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>The post failed: count the attempt, keep the error, and try again at <paramref name="nextAttemptAt"/>.</summary>
    public async Task<bool> MarkFailedAsync(long id, string error, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE xml_outbox SET attempts = attempts + 1, last_error = @error, next_attempt_at = @nextAttemptAt WHERE id = @id",
            new { id, error, nextAttemptAt },
            cancellationToken: cancellationToken)) > 0;
    }
}
