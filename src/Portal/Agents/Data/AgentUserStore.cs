using Catalog.Data;
using Dapper;

namespace Portal.Agents.Data;

/// <summary>The few user lookups the agent link needs (owner of an enrollment token, user named in events).</summary>
public sealed class AgentUserStore(IDbConnectionFactory connections)
{
    public async Task<Guid?> FindIdByEmailAsync(string email, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var id = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT id FROM users WHERE normalized_email = @email", new { email = email.Trim().ToUpperInvariant() },
            cancellationToken: cancellationToken));
        return Db.ParseId(id);
    }

    public async Task<string?> FindEmailAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT email FROM users WHERE id = @id", new { id = Db.Id(userId) }, cancellationToken: cancellationToken));
    }
}
