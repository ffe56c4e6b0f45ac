using System.Globalization;
using System.Text;
using Portal.Data;
using Catalog.Events;
using Microsoft.Extensions.Primitives;

namespace Portal.Administration;

/// <summary><c>/api/events</c> (filters, paging, CSV) and <c>/api/audit</c>.</summary>
internal static class ReportEndpoints
{
    public const int MaxPageSize = 1000;
    public const int MaxCsvRows = 100_000;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/events", EventsAsync).WithTags("Reports")
            .WithSummary("Reported events, newest first. Filters: type (repeatable or comma separated), applicationId, machineId, from, to (ISO 8601), text; paging: offset, limit; format=csv downloads CSV.")
            .Produces<ReportedEvent[]>().Produces(StatusCodes.Status200OK, contentType: "text/csv").ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/audit", AuditAsync).WithTags("Reports")
            .WithSummary("The audit trail, newest first. Filters: from, to, actor; limit (at most 1000).")
            .Produces<Catalog.Auditing.AuditEntry[]>().ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> EventsAsync(HttpRequest request, ReportedEventRepository events, CancellationToken cancellationToken)
    {
        var query = request.Query;
        var csv = string.Equals(query["format"], "csv", StringComparison.OrdinalIgnoreCase);
        if (!string.IsNullOrEmpty(query["format"]) && !csv && !string.Equals(query["format"], "json", StringComparison.OrdinalIgnoreCase))
        {
            return AdminHttp.BadRequest($"Format '{query["format"]}' is not json or csv.");
        }

        var types = new List<EventType>();
        foreach (var name in query["type"].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!Enum.TryParse<EventType>(name, ignoreCase: true, out var type) || !Enum.IsDefined(type))
            {
                return AdminHttp.BadRequest($"Event type '{name}' is unknown; use one of {string.Join(", ", Enum.GetNames<EventType>())}.");
            }

            types.Add(type);
        }

        if (!TryGuid(query["applicationId"], "applicationId", out var applicationId, out var problem)
            || !TryGuid(query["machineId"], "machineId", out var machineId, out problem)
            || !TryTime(query["from"], "from", out var from, out problem)
            || !TryTime(query["to"], "to", out var to, out problem)
            || !TryInt(query["offset"], "offset", 0, int.MaxValue, 0, out var offset, out problem)
            || !TryInt(query["limit"], "limit", 1, csv ? MaxCsvRows : MaxPageSize, csv ? MaxCsvRows : 100, out var limit, out problem))
        {
            return problem!;
        }

        var found = await events.QueryAsync(
            new EventQuery
            {
                Types = types.Count > 0 ? types : null,
                ApplicationId = applicationId,
                MachineId = machineId,
                From = from,
                To = to,
                Text = query["text"].ToString() is { Length: > 0 } text ? text : null,
                Offset = offset,
                Limit = limit,
            },
            cancellationToken);
        return csv
            ? Results.File(Encoding.UTF8.GetBytes(EventCsv.Write(found)), "text/csv; charset=utf-8", "events.csv")
            : AdminHttp.Json(found);
    }

    private static async Task<IResult> AuditAsync(HttpRequest request, AuditRepository audit, CancellationToken cancellationToken)
    {
        var query = request.Query;
        if (!TryTime(query["from"], "from", out var from, out var problem)
            || !TryTime(query["to"], "to", out var to, out problem)
            || !TryInt(query["limit"], "limit", 1, MaxPageSize, 200, out var limit, out problem))
        {
            return problem!;
        }

        var actor = query["actor"].ToString();
        return AdminHttp.Json(await audit.ListAsync(from, to, actor.Length > 0 ? actor : null, limit, cancellationToken));
    }

    private static bool TryGuid(StringValues value, string name, out Guid? result, out IResult? problem)
    {
        result = null;
        problem = null;
        if (StringValues.IsNullOrEmpty(value))
        {
            return true;
        }

        if (Guid.TryParse(value.ToString(), out var id))
        {
            result = id;
            return true;
        }

        problem = AdminHttp.BadRequest($"{name} '{value}' is not a GUID.");
        return false;
    }

    private static bool TryTime(StringValues value, string name, out DateTimeOffset? result, out IResult? problem)
    {
        result = null;
        problem = null;
        if (StringValues.IsNullOrEmpty(value))
        {
            return true;
        }

        if (DateTimeOffset.TryParse(value.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            result = time;
            return true;
        }

        problem = AdminHttp.BadRequest($"{name} '{value}' is not a date and time (use ISO 8601, e.g. 2026-01-31 or 2026-01-31T12:00:00Z).");
        return false;
    }

    private static bool TryInt(StringValues value, string name, int minimum, int maximum, int fallback, out int result, out IResult? problem)
    {
        result = fallback;
        problem = null;
        if (StringValues.IsNullOrEmpty(value))
        {
            return true;
        }

        if (int.TryParse(value.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out result) && result >= minimum && result <= maximum)
        {
            return true;
        }

        problem = AdminHttp.BadRequest($"{name} '{value}' must be a whole number from {minimum} to {maximum}.");
        return false;
    }
}
