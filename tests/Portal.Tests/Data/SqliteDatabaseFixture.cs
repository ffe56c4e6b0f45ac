using Portal.Data;
using Dapper;

namespace Portal.Tests.Data;

/// <summary>A migrated SQLite file in its own temp directory, shared by the tests of one class, deleted afterwards.</summary>
public sealed class SqliteDatabaseFixture : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("catalog-data-").FullName;

    public SqliteConnectionFactory Connections { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Connections = new SqliteConnectionFactory(Path.Combine(_directory, "portal.db"));
        await new MigrationRunner(Connections).MigrateAsync();
    }

    /// <summary>Inserts a user row (machines and tokens reference users) and returns its id.</summary>
    public async Task<Guid> AddUserAsync(string? email = null)
    {
        var id = Guid.NewGuid();
        email ??= $"{id:N}@example.test";
        await using var connection = await Connections.OpenAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO users (id, email, normalized_email, user_name, normalized_user_name, security_stamp, concurrency_stamp)
            VALUES (@id, @email, @normalized, @email, @normalized, 'stamp', 'stamp')
            """,
            new { id = id.ToString("D"), email, normalized = email.ToUpperInvariant() });
        return id;
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}
