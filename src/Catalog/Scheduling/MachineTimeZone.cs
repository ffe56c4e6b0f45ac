namespace Catalog.Scheduling;

/// <summary>The time zone a machine's maintenance windows are read in: the one its agent reported, else UTC.</summary>
public static class MachineTimeZone
{
    public static TimeZoneInfo Resolve(string? reportedId) =>
        !string.IsNullOrWhiteSpace(reportedId) && TimeZoneInfo.TryFindSystemTimeZoneById(reportedId, out var zone) ? zone : TimeZoneInfo.Utc;
}
