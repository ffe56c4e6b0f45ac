using Catalog.Data;
using Dapper;

namespace Catalog.Tests.Data;

public sealed class MigrationRunnerTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("catalog-migrations-").FullName;

    [Fact]
    public async Task Migrate_creates_schema_once_and_records_version()
    {
        var factory = new SqliteConnectionFactory(Path.Combine(_directory, "portal.db"));
        var runner = new MigrationRunner(factory);

        var first = await runner.MigrateAsync();
        var second = await runner.MigrateAsync();

        Assert.True(first >= 1);
        Assert.Equal(0, second);
        await using var connection = await factory.OpenAsync();
        var tables = (await connection.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table'")).ToList();
        Assert.Contains("jobs", tables);
        Assert.Contains("users", tables);
        var mode = await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode");
        Assert.Equal("wal", mode);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
