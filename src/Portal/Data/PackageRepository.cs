using Dapper;

namespace Portal.Data;

/// <summary>Metadata of stored packages; the bytes live in the portal's content-addressed store.</summary>
public sealed class PackageRepository
{
    private const string Select = "SELECT sha256, size, file_name, manifest, uploaded_at, uploaded_by FROM packages";

    private readonly IDbConnectionFactory _connections;

    public PackageRepository(IDbConnectionFactory connections)
    {
        DapperSetup.EnsureRegistered();
        _connections = connections;
    }

    /// <summary>Records the package; a package with the same SHA-256 is the same content, so re-adding keeps the first record and returns false.</summary>
    public async Task<bool> AddAsync(StoredPackage package, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(package);
        await using var connection = await _connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO packages (sha256, size, file_name, manifest, uploaded_at, uploaded_by)
            VALUES (@Sha256, @Size, @FileName, @Manifest, @UploadedAt, @UploadedBy)
            ON CONFLICT (sha256) DO NOTHING
            """,
            new
            {
                Sha256 = package.Sha256.ToLowerInvariant(),
                package.Size,
                package.FileName,
                Manifest = DbJson.Write(package.Manifest),
                package.UploadedAt,
                package.UploadedBy,
            },
            cancellationToken: cancellationToken)) > 0;
    }

    public async Task<StoredPackage?> GetAsync(string sha256, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<PackageRow>(new CommandDefinition(
            $"{Select} WHERE sha256 = @sha256", new { sha256 = sha256.ToLowerInvariant() }, cancellationToken: cancellationToken));
        return row?.ToPackage();
    }

    /// <summary>Every stored package, newest upload first.</summary>
    public async Task<IReadOnlyList<StoredPackage>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PackageRow>(new CommandDefinition(
            $"{Select} ORDER BY uploaded_at DESC, sha256", cancellationToken: cancellationToken));
        return rows.Select(r => r.ToPackage()).ToList();
    }

    public async Task<bool> DeleteAsync(string sha256, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM packages WHERE sha256 = @sha256", new { sha256 = sha256.ToLowerInvariant() },
            cancellationToken: cancellationToken)) > 0;
    }
}
