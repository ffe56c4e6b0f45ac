using Portal.Data;
using Catalog.ExternalSoftware;

namespace Portal.Tests.Data;

public sealed class ExternalSoftwareRepositoryTests : IAsyncLifetime
{
    private readonly SqliteDatabaseFixture _database = new();
    private ExternalSoftwareRepository _repository = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _repository = new ExternalSoftwareRepository(_database.Connections);
    }

    public Task DisposeAsync() => _database.DisposeAsync();

    private static ExternalSoftwareEntry Entry(string name) =>
        new() { Name = name, Publisher = "Oracle", MinVersion = "17", MaxVersion = "21", Notes = "LTS only" };

    [Fact]
    public async Task Current_is_empty_before_anything_is_published()
    {
        var current = await _repository.GetCurrentAsync();

        Assert.Same(ExternalSoftwareList.Empty, current);
        Assert.Empty(await _repository.ListRevisionsAsync());
    }

    [Fact]
    public async Task Revisions_count_up_and_the_highest_is_current_with_every_field()
    {
        var first = await _repository.SaveRevisionAsync([Entry("Java")], replaced: true, "admin", TestData.Start);
        var second = await _repository.SaveRevisionAsync([Entry("Java"), Entry("Python") with { Publisher = null }], false, "helpdesk", TestData.Start.AddDays(1));

        var current = await _repository.GetCurrentAsync();
        var revisions = await _repository.ListRevisionsAsync();

        Assert.Equal(1, first.Revision);
        Assert.Equal(2, second.Revision);
        Assert.Equal(2, current.Revision);
        Assert.Equal(TestData.Start.AddDays(1), current.PublishedAt);
        Assert.Equal(second.Entries, current.Entries);
        Assert.Equal([2, 1], revisions.Select(r => r.Revision));
        Assert.True(revisions[1].Replaced);
        Assert.False(revisions[0].Replaced);
        Assert.Equal("admin", revisions[1].PublishedBy);
        Assert.Equal(first.Entries, revisions[1].Entries);
    }

    [Fact]
    public async Task Concurrent_publishers_get_distinct_consecutive_revisions()
    {
        var publishers = Enumerable.Range(0, 8).Select(i => Task.Run(
            () => _repository.SaveRevisionAsync([Entry($"App {i}")], false, $"admin{i}", TestData.Start.AddMinutes(i))));

        var saved = await Task.WhenAll(publishers);

        Assert.Equal(Enumerable.Range(1, 8), saved.Select(s => s.Revision).Order());
        Assert.Equal(8, (await _repository.ListRevisionsAsync()).Count);
        Assert.Equal(8, (await _repository.GetCurrentAsync()).Revision);
    }
}
