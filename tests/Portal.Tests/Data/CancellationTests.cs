using Portal.Data;

namespace Portal.Tests.Data;

public sealed class CancellationTests(SqliteDatabaseFixture database) : IClassFixture<SqliteDatabaseFixture>
{
    [Fact]
    public async Task A_cancelled_token_stops_reads_and_writes_before_they_touch_the_database()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var applications = new ApplicationRepository(database.Connections, TimeProvider.System);
        var application = TestData.FullApplication(name: "Cancelled");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => applications.UpsertAsync(application, cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new AuditRepository(database.Connections).ListAsync(cancellationToken: cancelled.Token));

        Assert.Null(await applications.GetAsync(application.Id));
    }
}
