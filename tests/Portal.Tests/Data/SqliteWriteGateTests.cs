using Dapper;
using Portal.Data;

namespace Portal.Tests.Data;

/// <summary>
/// Writers on one SQLite file queue for its gate instead of blocking in SQLite's busy handler: a transaction holds it
/// until it ends, a writing statement while it runs, reads never wait, and the results are those of the writes in the
/// order they got the gate.
/// </summary>
public sealed class SqliteWriteGateTests(SqliteDatabaseFixture database) : IClassFixture<SqliteDatabaseFixture>
{
    [Theory]
    [InlineData("SELECT id FROM jobs WHERE machine_id = @id", false)]
    [InlineData("  insert into audit_entries (at) values (@at)", true)]
    [InlineData("UPDATE jobs SET state = @state WHERE id = @id", true)]
    [InlineData("DELETE FROM xml_outbox WHERE id = @id", true)]
    [InlineData("INSERT INTO job_events (job_id) VALUES (@id) RETURNING id", true)]
    [InlineData("SELECT updated_at FROM jobs", false)]
    public void Writes_TellsWritingStatementsFromReads(string sql, bool writes) => Assert.Equal(writes, SqliteWriteGate.Writes(sql));

    [Fact]
    public async Task AWriteOutsideATransaction_WaitsUntilTheOpenTransactionCommits()
    {
        await using (var setup = await database.Connections.OpenAsync())
        {
            await setup.ExecuteAsync("CREATE TABLE IF NOT EXISTS gate_order (seq INTEGER PRIMARY KEY AUTOINCREMENT, who TEXT NOT NULL)");
        }

        await using var first = await database.Connections.OpenAsync();
        await using var transaction = await first.BeginTransactionAsync();

        // Started while the transaction is open but before it wrote anything: without the gate SQLite would let it
        // write first (the transaction is deferred), so its row would come first.
        var second = Task.Run(async () =>
        {
            await using var connection = await database.Connections.OpenAsync();
            await connection.ExecuteAsync("INSERT INTO gate_order (who) VALUES ('second')");
        });
        await Task.Yield();
        await first.ExecuteAsync("INSERT INTO gate_order (who) VALUES ('first')", transaction: transaction);
        Assert.False(second.IsCompleted);
        await transaction.CommitAsync();
        await second;

        await using var read = await database.Connections.OpenAsync();
        Assert.Equal(["first", "second"], await read.QueryAsync<string>("SELECT who FROM gate_order ORDER BY seq"));
    }

    [Fact]
    public async Task AReadDoesNotWaitForAnOpenTransaction()
    {
        await using var writer = await database.Connections.OpenAsync();
        await using var transaction = await writer.BeginTransactionAsync();

        await using var reader = await database.Connections.OpenAsync();
        var count = await reader.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM users");

        Assert.True(count >= 0);
        await transaction.RollbackAsync();
    }

    [Fact]
    public async Task AWritingStatementsReader_ReleasesTheGateWhenDisposed_SoTheNextWriteProceeds()
    {
        await using (var setup = await database.Connections.OpenAsync())
        {
            await setup.ExecuteAsync("CREATE TABLE IF NOT EXISTS gate_returning (id INTEGER PRIMARY KEY AUTOINCREMENT, note TEXT NOT NULL)");
        }

        await using var connection = await database.Connections.OpenAsync();
        var first = await connection.QuerySingleAsync<long>("INSERT INTO gate_returning (note) VALUES ('a') RETURNING id");
        var second = await connection.QuerySingleAsync<long>("INSERT INTO gate_returning (note) VALUES ('b') RETURNING id");

        Assert.Equal(first + 1, second);
        await using var transaction = await connection.BeginTransactionAsync();
        Assert.Equal(2L, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM gate_returning", transaction: transaction));
    }
}
