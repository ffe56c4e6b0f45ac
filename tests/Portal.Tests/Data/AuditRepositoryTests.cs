using Catalog.Auditing;
using Portal.Data;

namespace Portal.Tests.Data;

public sealed class AuditRepositoryTests(SqliteDatabaseFixture database) : IClassFixture<SqliteDatabaseFixture>
{
    private AuditRepository Repository => new(database.Connections);

    [Fact]
    public async Task Entries_round_trip_and_filter_by_time_and_actor_newest_first()
    {
        var actor = $"admin-{Guid.NewGuid():N}@example.test";
        var entries = Enumerable.Range(0, 5).Select(i => new AuditEntry
        {
            At = TestData.Start.AddMinutes(i),
            Actor = i == 2 ? "other" : actor,
            Action = "application.update",
            Target = $"Editor {i}",
            Detail = "{\"field\":\"version\"}",
        }).ToList();
        var ids = new List<long>();
        foreach (var entry in entries)
        {
            ids.Add(await Repository.AddAsync(entry));
        }

        var byActor = await Repository.ListAsync(actor: actor);
        var window = await Repository.ListAsync(TestData.Start.AddMinutes(1), TestData.Start.AddMinutes(3), actor);
        var limited = await Repository.ListAsync(actor: actor, limit: 2);

        Assert.Equal(new[] { 4, 3, 1, 0 }.Select(i => entries[i] with { Id = ids[i] }), byActor);
        Assert.Equal([ids[1]], window.Select(e => e.Id));
        Assert.Equal([ids[4], ids[3]], limited.Select(e => e.Id));
    }
}
