using Catalog.Applications;
using Catalog.Data;
using Dapper;

namespace Portal.Agents.Data;

/// <summary>Reads application documents (the whole <see cref="Application"/> as JSON in <c>applications.document</c>).</summary>
public sealed class AgentApplicationStore(IDbConnectionFactory connections)
{
    public async Task<Application?> GetAsync(Guid applicationId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var document = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT document FROM applications WHERE id = @id", new { id = Db.Id(applicationId) }, cancellationToken: cancellationToken));
        return document is null ? null : Db.FromJson<Application>(document);
    }

    public async Task<IReadOnlyList<Application>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var documents = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT document FROM applications ORDER BY name, version", cancellationToken: cancellationToken));
        return documents.Select(Db.FromJson<Application>).ToList();
    }
}
