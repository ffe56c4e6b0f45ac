using Portal.Data;

namespace Portal.Tests.Data;

public sealed class XmlOutboxRepositoryTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = TestData.Start;
    private readonly SqliteDatabaseFixture _database = new();
    private XmlOutboxRepository _repository = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _repository = new XmlOutboxRepository(_database.Connections);
    }

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task Enqueued_posts_are_due_at_once_and_round_trip()
    {
        var id = await _repository.EnqueueAsync("https://collector.example/events", "<event type=\"x\"/>", Now);

        var due = await _repository.DueAsync(Now, 10);

        Assert.Equal(
            [new XmlOutboxMessage { Id = id, Url = "https://collector.example/events", Body = "<event type=\"x\"/>", NextAttemptAt = Now, CreatedAt = Now }],
            due);
    }

    [Fact]
    public async Task Failed_posts_wait_until_their_next_attempt_and_sent_ones_disappear()
    {
        var failing = await _repository.EnqueueAsync("https://a.example", "<a/>", Now);
        var sent = await _repository.EnqueueAsync("https://b.example", "<b/>", Now);
        var third = await _repository.EnqueueAsync("https://c.example", "<c/>", Now.AddSeconds(1));

        Assert.True(await _repository.MarkFailedAsync(failing, "503 Service Unavailable", Now.AddMinutes(5)));
        Assert.True(await _repository.MarkSentAsync(sent));
        Assert.False(await _repository.MarkSentAsync(sent));
        var dueNow = await _repository.DueAsync(Now.AddMinutes(1), 10);
        var dueLater = await _repository.DueAsync(Now.AddMinutes(5), 10);
        var limited = await _repository.DueAsync(Now.AddMinutes(5), 1);

        Assert.Equal([third], dueNow.Select(m => m.Id));
        Assert.Equal([third, failing], dueLater.Select(m => m.Id));
        Assert.Equal(1, dueLater[1].Attempts);
        Assert.Equal("503 Service Unavailable", dueLater[1].LastError);
        Assert.Equal([third], limited.Select(m => m.Id));
    }
}
