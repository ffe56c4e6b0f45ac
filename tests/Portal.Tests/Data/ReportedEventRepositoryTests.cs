using Portal.Data;
using Catalog.Events;

namespace Portal.Tests.Data;

public sealed class ReportedEventRepositoryTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Day1 = new(2026, 5, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Midnight = new(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly SqliteDatabaseFixture _database = new();
    private readonly Guid _editor = Guid.NewGuid();
    private readonly Guid _machine = Guid.NewGuid();
    private ReportedEventRepository _repository = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _repository = new ReportedEventRepository(_database.Connections);
    }

    public Task DisposeAsync() => _database.DisposeAsync();

    private ReportedEvent Event(EventType type, DateTimeOffset at, string application = "Editor", string message = "") => new()
    {
        Type = type,
        At = at,
        User = "alice@example.test",
        Machine = "ws-01",
        MachineId = _machine,
        MachineAddress = "10.0.0.1",
        ApplicationName = application,
        ApplicationId = application == "Editor" ? _editor : Guid.NewGuid(),
        Version = "1.0",
        JobId = Guid.NewGuid(),
        Message = message,
    };

    [Fact]
    public async Task Events_round_trip_every_field()
    {
        var reported = Event(EventType.DistributionFailure, Day1, message: "disk full");

        var id = await _repository.AddAsync(reported);
        var loaded = await _repository.QueryAsync(new EventQuery());

        Assert.Equal([reported with { Id = id }], loaded);
    }

    [Fact]
    public async Task Query_filters_by_type_application_machine_time_and_text_newest_first()
    {
        var ids = new List<long>
        {
            await _repository.AddAsync(Event(EventType.DistributionSuccess, Day1)),
            await _repository.AddAsync(Event(EventType.DistributionFailure, Day1.AddHours(1), message: "Disk FULL on /opt")),
            await _repository.AddAsync(Event(EventType.UninstallSuccess, Day1.AddHours(2), "Browser")),
            await _repository.AddAsync(Event(EventType.LaunchSuccess, Day1.AddHours(3), message: "100% done_")),
        };

        var failures = await _repository.QueryAsync(new EventQuery { Types = [EventType.DistributionFailure, EventType.UninstallFailure] });
        var editor = await _repository.QueryAsync(new EventQuery { ApplicationId = _editor });
        var window = await _repository.QueryAsync(new EventQuery { From = Day1.AddHours(1), To = Day1.AddHours(3) });
        var text = await _repository.QueryAsync(new EventQuery { Text = "disk full" });
        var percent = await _repository.QueryAsync(new EventQuery { Text = "0% d" });
        var wildcard = await _repository.QueryAsync(new EventQuery { Text = "_" });
        var paged = await _repository.QueryAsync(new EventQuery { MachineId = _machine, Limit = 2, Offset = 1 });

        Assert.Equal([ids[1]], failures.Select(e => e.Id));
        Assert.Equal([ids[3], ids[1], ids[0]], editor.Select(e => e.Id));
        Assert.Equal([ids[2], ids[1]], window.Select(e => e.Id));
        Assert.Equal([ids[1]], text.Select(e => e.Id));
        Assert.Equal([ids[3]], percent.Select(e => e.Id));
        Assert.Equal([ids[3]], wildcard.Select(e => e.Id));
        Assert.Equal([ids[2], ids[1]], paged.Select(e => e.Id));
    }

    [Fact]
    public async Task Counts_group_successes_and_failures_by_day_and_by_application()
    {
        await _repository.AddAsync(Event(EventType.DistributionSuccess, Day1));
        await _repository.AddAsync(Event(EventType.DistributionFailure, Day1.AddHours(13)));
        await _repository.AddAsync(Event(EventType.UninstallSuccess, Day1.AddDays(1), "Browser"));
        await _repository.AddAsync(Event(EventType.CacheFailure, Day1.AddDays(1), "Browser"));
        await _repository.AddAsync(Event(EventType.FilterHidden, Day1.AddDays(1), "Browser"));
        await _repository.AddAsync(Event(EventType.DistributionSuccess, Day1.AddDays(5)));

        var byDay = await _repository.CountByDayAsync(Midnight, Midnight.AddDays(2));
        var byApplication = await _repository.CountByApplicationAsync(Midnight, Midnight.AddDays(2));

        Assert.Equal(
            [new DailyEventCount(new DateOnly(2026, 5, 1), 1, 1), new DailyEventCount(new DateOnly(2026, 5, 2), 1, 1)],
            byDay);
        Assert.Equal([new ApplicationEventCount("Browser", 1, 1), new ApplicationEventCount("Editor", 1, 1)], byApplication);
    }
}
