using Catalog.Scheduling;

namespace Portal.Scheduling;

/// <summary>A required application's schedule on one machine, as the API shows it (<c>required</c> in the catalog).</summary>
public sealed record RequiredStatusView(
    DateTimeOffset? DueAt,
    DateTimeOffset? StartsAt,
    bool WaitingForWindow,
    int DeferralsUsed,
    int DeferralsLeft,
    string TimeZone,
    string When)
{
    public static RequiredStatusView From(RequiredInstallStatus status, TimeZoneInfo zone, int? deferralHours)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(zone);
        var when = RequiredScheduleText.When(status, zone);
        var deferrals = deferralHours is { } hours ? RequiredScheduleText.Deferrals(status, hours) : "";
        return new RequiredStatusView(
            status.DueAt, status.StartsAt, status.WaitingForWindow, status.DeferralsUsed, status.DeferralsLeft,
            zone == TimeZoneInfo.Utc ? "UTC" : zone.Id, deferrals.Length > 0 ? $"{when} {deferrals}" : when);
    }
}
