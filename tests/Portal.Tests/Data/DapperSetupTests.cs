using Portal.Data;
using Dapper;

namespace Portal.Tests.Data;

public sealed class DapperSetupTests(SqliteDatabaseFixture database) : IClassFixture<SqliteDatabaseFixture>
{
    [Fact]
    public async Task Registering_from_many_threads_leaves_one_working_set_of_conventions()
    {
        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(DapperSetup.EnsureRegistered)));
        var id = Guid.NewGuid();
        var at = new DateTimeOffset(2026, 7, 1, 12, 30, 0, TimeSpan.FromHours(-5));

        await using var connection = await database.Connections.OpenAsync();
        var text = await connection.QuerySingleAsync<(string Id, string At)>("SELECT @id, @at", new { id, at });
        var back = await connection.QuerySingleAsync<(Guid Id, DateTimeOffset At)>("SELECT @id, @at", new { id, at });

        Assert.Equal(id.ToString("D"), text.Id);
        Assert.Equal("2026-07-01T17:30:00.0000000+00:00", text.At);
        Assert.Equal(id, back.Id);
        Assert.Equal(at, back.At);
        Assert.Equal(TimeSpan.Zero, back.At.Offset);
    }
}
