using System.Data.Common;
using Catalog.ExternalSoftware;
using Dapper;

namespace Portal.Data;

/// <summary>The published external-software list, kept as numbered revisions; the highest is current.</summary>
public sealed class ExternalSoftwareRepository
{
    private const int MaxAttempts = 10;
    private const string Columns = "revision, published_at, published_by, replaced, entries";

    private readonly IDbConnectionFactory _connections;

    public ExternalSoftwareRepository(IDbConnectionFactory connections)
    {
        DapperSetup.EnsureRegistered();
        _connections = connections;
    }

    /// <summary>The current list, or <see cref="ExternalSoftwareList.Empty"/> when nothing was ever published.</summary>
    public async Task<ExternalSoftwareList> GetCurrentAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        var row = await connection.QueryFirstOrDefaultAsync<ExternalSoftwareRevisionRow>(new CommandDefinition(
            $"SELECT {Columns} FROM external_software_revisions ORDER BY revision DESC LIMIT 1",
            cancellationToken: cancellationToken));
        return row is null ? ExternalSoftwareList.Empty : new ExternalSoftwareList((int)row.Revision, row.PublishedAt, row.ToRevision().Entries);
    }

    /// <summary>
    /// Publishes <paramref name="entries"/> as the next revision (previous + 1) and returns it. The number is taken in
    /// the insert itself; should a concurrent publisher take the same number, the insert is retried with the next one.
    /// </summary>
    public async Task<ExternalSoftwareRevision> SaveRevisionAsync(
        IReadOnlyList<ExternalSoftwareEntry> entries, bool replaced, string publishedBy, DateTimeOffset at,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var json = DbJson.Write(entries);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await _connections.OpenAsync(cancellationToken);
                var revision = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    $"""
                    INSERT INTO external_software_revisions ({Columns})
                    SELECT COALESCE(MAX(revision), 0) + 1, @at, @publishedBy, @replaced, @json FROM external_software_revisions
                    RETURNING revision
                    """,
                    new { at, publishedBy, replaced = replaced ? 1 : 0, json },
                    cancellationToken: cancellationToken));
                return new ExternalSoftwareRevision((int)revision, at, publishedBy, replaced, entries);
            }
            catch (DbException exception) when (attempt < MaxAttempts && DbErrors.IsUniqueViolation(exception))
            {
                // Another publisher took this revision number between our read and our insert: take the next one.
            }
        }
    }

    /// <summary>Every revision, newest first.</summary>
    public async Task<IReadOnlyList<ExternalSoftwareRevision>> ListRevisionsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ExternalSoftwareRevisionRow>(new CommandDefinition(
            $"SELECT {Columns} FROM external_software_revisions ORDER BY revision DESC", cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRevision()).ToList();
    }
}
