using Portal.Data;
using Dapper;

namespace Portal.Tests.Data;

public sealed class ApplicationRepositoryTests(SqliteDatabaseFixture database) : IClassFixture<SqliteDatabaseFixture>
{
    private readonly ManualTimeProvider _time = new(TestData.Start);

    private ApplicationRepository Repository => new(database.Connections, _time);

    [Fact]
    public async Task Upsert_then_get_round_trips_every_field_including_polymorphic_requirements_and_macros()
    {
        var application = TestData.FullApplication(name: "RoundTrip");

        var stored = await Repository.UpsertAsync(application);
        var loaded = await Repository.GetAsync(application.Id);

        Assert.NotNull(loaded);
        Same.Json(application with { CreatedAt = TestData.Start, UpdatedAt = TestData.Start }, loaded);
        Same.Json(stored, loaded);
    }

    [Fact]
    public async Task Every_reader_of_one_stored_revision_shares_one_parsed_application()
    {
        // Each open catalog page keeps what it shows: one parsed copy per stored revision, not one per page.
        var repository = Repository;
        var application = TestData.FullApplication(name: "Shared");
        await repository.UpsertAsync(application);

        var listed = (await repository.ListAsync()).Single(a => a.Id == application.Id);
        var listedAgain = (await repository.ListAsync()).Single(a => a.Id == application.Id);
        var got = await repository.GetAsync(application.Id);

        Assert.Same(listed, listedAgain);
        Assert.Same(listed, got);
    }

    [Fact]
    public async Task A_changed_row_is_read_again_even_when_saved_within_the_same_clock_tick_or_by_another_node()
    {
        var reader = Repository;
        var application = TestData.FullApplication(name: "Changing");
        await reader.UpsertAsync(application);
        var first = await reader.GetAsync(application.Id);

        // Same clock reading: only the document differs.
        await reader.UpsertAsync(application with { Description = "same tick" });
        var sameTick = await reader.GetAsync(application.Id);
        // Another node (another repository over the same database) saves a change.
        await new ApplicationRepository(database.Connections, _time).UpsertAsync(application with { Description = "other node" });
        var otherNode = (await reader.ListAsync()).Single(a => a.Id == application.Id);

        Assert.Equal(application.Description, first!.Description);
        Assert.Equal("same tick", sameTick!.Description);
        Assert.Equal("other node", otherNode.Description);
    }

    [Fact]
    public async Task A_deleted_application_is_gone_for_its_reader()
    {
        var repository = Repository;
        var application = TestData.FullApplication(name: "Deleted");
        await repository.UpsertAsync(application);
        Assert.NotNull(await repository.GetAsync(application.Id));

        Assert.True(await repository.DeleteAsync(application.Id));

        Assert.Null(await repository.GetAsync(application.Id));
        Assert.DoesNotContain(await repository.ListAsync(), a => a.Id == application.Id);
    }

    [Fact]
    public async Task Upsert_of_existing_keeps_created_at_and_moves_updated_at()
    {
        var application = TestData.FullApplication(name: "Timestamps");
        await Repository.UpsertAsync(application);
        _time.Advance(TimeSpan.FromHours(3));

        await Repository.UpsertAsync(application with { Description = "changed" });
        var loaded = await Repository.GetAsync(application.Id);

        Assert.Equal("changed", loaded!.Description);
        Assert.Equal(TestData.Start, loaded.CreatedAt);
        Assert.Equal(TestData.Start.AddHours(3), loaded.UpdatedAt);
    }

    [Fact]
    public async Task Timestamps_and_ids_are_stored_as_iso_utc_text_and_lower_case_guids()
    {
        var application = TestData.FullApplication(name: "Storage");
        var local = new ManualTimeProvider(new DateTimeOffset(2026, 1, 2, 5, 4, 5, TimeSpan.FromHours(2)));
        await new ApplicationRepository(database.Connections, local).UpsertAsync(application);

        await using var connection = await database.Connections.OpenAsync();
        var row = await connection.QuerySingleAsync<(string Id, string CreatedAt)>(
            "SELECT id, created_at FROM applications WHERE name = 'Storage'");

        Assert.Equal(application.Id.ToString("D").ToLowerInvariant(), row.Id);
        Assert.Equal("2026-01-02T03:04:05.0000000+00:00", row.CreatedAt);
    }

    [Fact]
    public async Task Same_name_and_version_under_another_id_is_refused_with_a_clear_message()
    {
        await Repository.UpsertAsync(TestData.FullApplication(name: "Dup", version: "1.0"));

        var error = await Assert.ThrowsAsync<DuplicateApplicationException>(
            () => Repository.UpsertAsync(TestData.FullApplication(name: "Dup", version: "1.0")));

        Assert.Contains("'Dup'", error.Message);
        Assert.Contains("'1.0'", error.Message);
        Assert.Single(await Repository.FindByNameAsync("Dup"));
    }

    [Fact]
    public async Task FindByName_returns_all_versions_newest_first_by_number_not_text()
    {
        foreach (var version in new[] { "1.9", "2.0-beta.2", "1.10", "1.2.3", "2.0", "2.0-beta.10" })
        {
            await Repository.UpsertAsync(TestData.FullApplication(name: "Versions", version: version));
        }

        var found = await Repository.FindByNameAsync("versions");

        Assert.Equal(["2.0", "2.0-beta.10", "2.0-beta.2", "1.10", "1.9", "1.2.3"], found.Select(a => a.Version));
    }

    [Fact]
    public async Task List_contains_stored_applications_and_delete_removes_one()
    {
        var keep = await Repository.UpsertAsync(TestData.FullApplication(name: "Keep"));
        var drop = await Repository.UpsertAsync(TestData.FullApplication(name: "Drop"));

        var deleted = await Repository.DeleteAsync(drop.Id);
        var deletedAgain = await Repository.DeleteAsync(drop.Id);
        var all = await Repository.ListAsync();

        Assert.True(deleted);
        Assert.False(deletedAgain);
        Assert.Contains(all, a => a.Id == keep.Id);
        Assert.DoesNotContain(all, a => a.Id == drop.Id);
        Assert.Null(await Repository.GetAsync(drop.Id));
    }
}
