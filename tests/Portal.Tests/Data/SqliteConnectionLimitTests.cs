using Dapper;
using Portal.Data;

namespace Portal.Tests.Data;

/// <summary>
/// At most <see cref="SqliteConnectionLimit.MaxOpen"/> connections are open per file: one more waits until one is
/// closed, closing gives the slot back, and a connection opened while the same flow holds one never waits for itself.
/// </summary>
public sealed class SqliteConnectionLimitTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("limit-").FullName;

    private string DatabasePath => Path.Combine(_directory, "portal.db");

    [Fact]
    public async Task OneConnectionMoreThanTheLimit_WaitsUntilAnotherCloses()
    {
        var factory = new SqliteConnectionFactory(DatabasePath);
        var limit = SqliteConnectionLimit.For(DatabasePath);
        var open = await Task.WhenAll(Enumerable.Range(0, SqliteConnectionLimit.MaxOpen)
            .Select(_ => Task.Run(() => factory.OpenAsync())));
        Assert.Equal(SqliteConnectionLimit.MaxOpen, limit.Open);

        var extra = Task.Run(() => factory.OpenAsync());
        var settled = await Task.WhenAny(extra, Task.Delay(TimeSpan.FromMilliseconds(300)));
        Assert.NotSame(extra, settled);

        await open[0].DisposeAsync();
        await using (var granted = await extra.WaitAsync(TimeSpan.FromSeconds(30)))
        {
            Assert.Equal(1L, await granted.ExecuteScalarAsync<long>("SELECT 1"));
            Assert.Equal(SqliteConnectionLimit.MaxOpen, limit.Open);
        }

        foreach (var connection in open.Skip(1))
        {
            await connection.DisposeAsync();
        }

        Assert.Equal(0, limit.Open);
    }

    [Fact]
    public async Task AConnectionOpenedWhileTheFlowHoldsOne_DoesNotWaitEvenWhenAllSlotsAreTaken()
    {
        var factory = new SqliteConnectionFactory(DatabasePath);
        var limit = SqliteConnectionLimit.For(DatabasePath);
        var others = await Task.WhenAll(Enumerable.Range(0, SqliteConnectionLimit.MaxOpen - 1)
            .Select(_ => Task.Run(() => factory.OpenAsync())));
        await using var outer = await factory.OpenAsync();
        Assert.Equal(SqliteConnectionLimit.MaxOpen, limit.Open);

        // The repository-calls-repository case: same flow, its own connection still open.
        var nested = factory.OpenAsync();
        await using (var inner = await nested.WaitAsync(TimeSpan.FromSeconds(5)))
        {
            Assert.Equal(2L, await inner.ExecuteScalarAsync<long>("SELECT 2"));
        }

        // Independent work (a flow that does not inherit this one's connection) still waits for a real slot.
        Task<System.Data.Common.DbConnection> independent;
        using (ExecutionContext.SuppressFlow())
        {
            independent = Task.Run(() => factory.OpenAsync());
        }

        Assert.NotSame(independent, await Task.WhenAny(independent, Task.Delay(TimeSpan.FromMilliseconds(300))));
        await others[0].DisposeAsync();
        await (await independent.WaitAsync(TimeSpan.FromSeconds(30))).DisposeAsync();

        foreach (var connection in others.Skip(1))
        {
            await connection.DisposeAsync();
        }
    }

    [Fact]
    public async Task ClosingAConnectionTwice_GivesItsSlotBackOnce()
    {
        var factory = new SqliteConnectionFactory(DatabasePath);
        var limit = SqliteConnectionLimit.For(DatabasePath);
        var connection = await factory.OpenAsync();
        Assert.Equal(1, limit.Open);
        connection.Dispose();
        await connection.DisposeAsync();
        Assert.Equal(0, limit.Open);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
