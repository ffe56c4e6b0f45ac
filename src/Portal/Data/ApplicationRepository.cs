using System.Data.Common;
using Catalog.Applications;
using Dapper;

namespace Portal.Data;

/// <summary>Application objects: the whole record as a JSON document plus the columns the catalog filters on.</summary>
public sealed class ApplicationRepository
{
    private readonly IDbConnectionFactory _connections;
    private readonly TimeProvider _time;
    private readonly ParsedApplications _parsed = new();

    public ApplicationRepository(IDbConnectionFactory connections, TimeProvider time)
    {
        DapperSetup.EnsureRegistered();
        _connections = connections;
        _time = time;
    }

    /// <summary>
    /// Inserts or replaces the application with this id. A new one gets CreatedAt = now; an existing one keeps its
    /// CreatedAt. UpdatedAt is always now. Returns the record as stored.
    /// </summary>
    /// <exception cref="DuplicateApplicationException">Another application has the same name and version.</exception>
    public async Task<Application> UpsertAsync(Application application, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(application);
        var now = _time.GetUtcNow();
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var createdAt = await connection.ExecuteScalarAsync<DateTimeOffset?>(new CommandDefinition(
            "SELECT created_at FROM applications WHERE id = @Id",
            new { application.Id }, transaction, cancellationToken: cancellationToken)) ?? now;
        var stored = application with { CreatedAt = createdAt, UpdatedAt = now };
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO applications (id, name, version, publisher, category, package_sha256, document, created_at, updated_at)
                VALUES (@Id, @Name, @Version, @Publisher, @Category, @PackageSha256, @Document, @CreatedAt, @UpdatedAt)
                ON CONFLICT (id) DO UPDATE SET
                    name = excluded.name,
                    version = excluded.version,
                    publisher = excluded.publisher,
                    category = excluded.category,
                    package_sha256 = excluded.package_sha256,
                    document = excluded.document,
                    updated_at = excluded.updated_at
                """,
                new
                {
                    stored.Id,
                    stored.Name,
                    stored.Version,
                    stored.Publisher,
                    stored.Category,
                    PackageSha256 = stored.Package?.Sha256,
                    Document = DbJson.Write(stored),
                    stored.CreatedAt,
                    stored.UpdatedAt,
                },
                transaction,
                cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO application_versions (application_id, version, package_sha256, first_saved_at, saved_at)
                VALUES (@Id, @Version, @PackageSha256, @UpdatedAt, @UpdatedAt)
                ON CONFLICT (application_id, version) DO UPDATE SET
                    package_sha256 = excluded.package_sha256,
                    saved_at = excluded.saved_at
                """,
                new { stored.Id, stored.Version, PackageSha256 = stored.Package?.Sha256, stored.UpdatedAt },
                transaction,
                cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbException exception) when (DbErrors.IsUniqueViolation(exception))
        {
            throw new DuplicateApplicationException(application.Name, application.Version, exception);
        }

        return stored;
    }

    public async Task<Application?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ApplicationRow>(new CommandDefinition(
            $"{Select} WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return row is null ? null : _parsed.Read(row);
    }

    /// <summary>Every application, by name then newest version first.</summary>
    public async Task<IReadOnlyList<Application>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ApplicationRow>(new CommandDefinition(Select, cancellationToken: cancellationToken));
        return rows.Select(_parsed.Read)
            .OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase)
            .ThenByDescending(a => a.Version, VersionOrder.Instance)
            .ToList();
    }

    /// <summary>Every version of the application with this name (case-insensitive), newest version first.</summary>
    public async Task<IReadOnlyList<Application>> FindByNameAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ApplicationRow>(new CommandDefinition(
            $"{Select} WHERE lower(name) = lower(@name)", new { name }, cancellationToken: cancellationToken));
        return rows.Select(_parsed.Read).OrderByDescending(a => a.Version, VersionOrder.Instance).ToList();
    }

    /// <summary>The line of versions of one application (every version saved under its id), newest version first.</summary>
    public async Task<IReadOnlyList<ApplicationVersion>> ListVersionsAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ApplicationVersionRow>(new CommandDefinition(
            """
            SELECT version, package_sha256, first_saved_at, saved_at FROM application_versions
            WHERE application_id = @id
            """,
            new { id },
            cancellationToken: cancellationToken));
        return rows.Select(r => new ApplicationVersion(r.Version, r.PackageSha256, r.FirstSavedAt, r.SavedAt))
            .OrderByDescending(v => v.Version, VersionOrder.Instance)
            .ToList();
    }

    /// <summary>Deletes the application and its line of versions; returns whether it existed.</summary>
    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM application_versions WHERE application_id = @id", new { id }, transaction, cancellationToken: cancellationToken));
        var deleted = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM applications WHERE id = @id", new { id }, transaction, cancellationToken: cancellationToken)) > 0;
        await transaction.CommitAsync(cancellationToken);
        _parsed.Forget(id);
        return deleted;
    }

    private const string Select = "SELECT id, document, created_at, updated_at FROM applications";
}
