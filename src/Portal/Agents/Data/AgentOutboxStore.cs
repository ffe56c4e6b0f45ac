using Catalog.Data;
using Dapper;

namespace Portal.Agents.Data;

/// <summary><c>xml_outbox</c>: XML event posts waiting for their receiver, so a slow receiver never blocks a job.</summary>
public sealed class AgentOutboxStore(IDbConnectionFactory connections)
{
    public async Task EnqueueAsync(string url, string body, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO xml_outbox (url, body, attempts, next_attempt_at, last_error, created_at) VALUES (@url, @body, 0, @now, '', @now)",
            new { url, body, now = Db.Time(now) }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<OutboxMessage>> ListDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Id, string Url, string Body, long Attempts)>(new CommandDefinition(
            "SELECT id, url, body, attempts FROM xml_outbox WHERE next_attempt_at <= @now ORDER BY id LIMIT @limit",
            new { now = Db.Time(now), limit }, cancellationToken: cancellationToken));
        return rows.Select(r => new OutboxMessage(r.Id, r.Url, r.Body, (int)r.Attempts)).ToList();
    }

    public async Task DeleteAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM xml_outbox WHERE id = @id", new { id }, cancellationToken: cancellationToken));
    }

    public async Task RecordFailureAsync(long id, string error, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE xml_outbox SET attempts = attempts + 1, last_error = @error, next_attempt_at = @next WHERE id = @id",
            new { id, error, next = Db.Time(nextAttemptAt) }, cancellationToken: cancellationToken));
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT COUNT(*) FROM xml_outbox", cancellationToken: cancellationToken));
    }
}
