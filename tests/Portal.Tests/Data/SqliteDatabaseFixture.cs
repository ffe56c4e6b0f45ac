using Portal.Data;

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
    public Task<Guid> AddUserAsync(string? email = null) => TestUsers.AddAsync(Connections, email);

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}
