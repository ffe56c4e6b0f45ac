using System.Net;
using System.Net.Http.Json;
using Portal.Data;
using Catalog.Events;
using Catalog.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Administration;

public sealed class EventsApiTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Day = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid EditorId = Guid.NewGuid();
    private readonly PortalFactory _portal = AdminPortal.Create();
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _admin = await _portal.AdminAsync();
        var events = _portal.Services.GetRequiredService<ReportedEventRepository>();
        await events.AddAsync(new ReportedEvent { Type = EventType.DistributionSuccess, At = Day, User = "alice@example.com", Machine = "alice-laptop", ApplicationName = "Editor", ApplicationId = EditorId, Version = "1.0.0", Message = "Installed" });
        await events.AddAsync(new ReportedEvent { Type = EventType.DistributionFailure, At = Day.AddDays(1), User = "bob@example.com", Machine = "bob-pc", ApplicationName = "Editor", ApplicationId = EditorId, Version = "1.0.0", Message = "Disk full, \"quota\" reached" });
        await events.AddAsync(new ReportedEvent { Type = EventType.UninstallSuccess, At = Day.AddDays(2), User = "alice@example.com", Machine = "alice-laptop", ApplicationName = "Fonts", Message = "=cmd()" });
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task Events_filter_by_type_application_and_time_newest_first()
    {
        var byApp = await _admin.GetFromJsonAsync<List<ReportedEvent>>($"/api/events?applicationId={EditorId}", CatalogJson.Options);
        Assert.Equal([EventType.DistributionFailure, EventType.DistributionSuccess], byApp!.Select(e => e.Type));

        var failures = await _admin.GetFromJsonAsync<List<ReportedEvent>>("/api/events?type=distributionfailure,UninstallFailure", CatalogJson.Options);
        Assert.Equal("bob-pc", Assert.Single(failures!).Machine);

        var window = await _admin.GetFromJsonAsync<List<ReportedEvent>>("/api/events?from=2026-03-11&to=2026-03-13&limit=1&offset=1", CatalogJson.Options);
        Assert.Equal(EventType.DistributionFailure, Assert.Single(window!).Type);
    }

    [Fact]
    public async Task Csv_export_has_a_header_and_one_quoted_row_per_event()
    {
        var response = await _admin.GetAsync("/api/events?format=csv");

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("events.csv", response.Content.Headers.ContentDisposition?.FileName);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("id,type,at,user,machine", lines[0]);
        Assert.Contains("UninstallSuccess,2026-03-12T09:00:00Z,alice@example.com,alice-laptop", lines[1]);
        Assert.EndsWith(",'=cmd()", lines[1]);
        Assert.EndsWith(",\"Disk full, \"\"quota\"\" reached\"", lines[2]);
    }

    [Fact]
    public async Task An_unknown_event_type_or_bad_date_is_a_400_problem_saying_what_is_wrong()
    {
        var type = await ProblemDetailsAssert.IsProblemAsync(await _admin.GetAsync("/api/events?type=Explosion"), HttpStatusCode.BadRequest);
        Assert.StartsWith("Event type 'Explosion' is unknown; use one of DistributionSuccess", type);

        var date = await ProblemDetailsAssert.IsProblemAsync(await _admin.GetAsync("/api/events?from=yesterday"), HttpStatusCode.BadRequest);
        Assert.StartsWith("from 'yesterday' is not a date and time", date);
    }
}
