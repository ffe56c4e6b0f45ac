using Portal.Data;
using Dapper;
using Npgsql;
using Portal.Tests.Hosting;

namespace Portal.Tests.Data;

/// <summary>A new, migrated PostgreSQL database per test class, dropped afterwards; inert when no server is configured.</summary>
public sealed class PostgreSqlDatabaseFixture : IAsyncLifetime
{
    private readonly string? _adminConnectionString = Environment.GetEnvironmentVariable(PostgreSqlFactAttribute.Variable);
    private readonly string _database = $"catalog_test_{Guid.NewGuid():N}";

    public NpgsqlConnectionFactory Connections { get; private set; } = null!;

    public int FirstMigrationCount { get; private set; }

    public async Task InitializeAsync()
    {
        if (string.IsNullOrWhiteSpace(_adminConnectionString))
        {
            return;
        }

        await using (var admin = new NpgsqlConnection(_adminConnectionString))
        {
            await admin.OpenAsync();
            await admin.ExecuteAsync($"CREATE DATABASE {_database}");
        }

        Connections = new NpgsqlConnectionFactory(
            new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = _database }.ConnectionString);
        FirstMigrationCount = await new MigrationRunner(Connections).MigrateAsync();
    }

    public Task<Guid> AddUserAsync(string? email = null) => TestUsers.AddAsync(Connections, email);

    public async Task DisposeAsync()
    {
        if (string.IsNullOrWhiteSpace(_adminConnectionString))
        {
            return;
        }

        await Connections.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(_adminConnectionString);
        await admin.OpenAsync();
        await admin.ExecuteAsync($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)");
    }
}
