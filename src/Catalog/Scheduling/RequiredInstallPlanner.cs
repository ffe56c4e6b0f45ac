using Catalog.Applications;

namespace Catalog.Scheduling;

/// <summary>
/// When a required application installs on a machine that lacks it: at its deadline, moved by the deferrals the
/// machine's user took ("Later"), and then only while one of the machine's maintenance windows is open.
/// </summary>
public static class RequiredInstallPlanner
{
    public static RequiredInstallStatus Evaluate(
        Availability availability, int deferralsUsed, DateTimeOffset now, IReadOnlyCollection<MaintenanceWindow> windows, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(availability);
        var used = Math.Max(0, deferralsUsed);
        var due = DueAt(availability, used);
        var left = Math.Max(0, availability.Deferrals - used);
        if (due is null || due <= now)
        {
            var open = MaintenanceSchedule.IsOpen(windows, now, zone);
            return new RequiredInstallStatus
            {
                DueAt = due,
                StartsAt = open ? now : MaintenanceSchedule.NextOpening(windows, now, zone),
                StartNow = open,
                WaitingForWindow = !open,
                WindowDecides = !open,
                DeferralsUsed = used,
                DeferralsLeft = left,
            };
        }

        var starts = MaintenanceSchedule.NextOpening(windows, due.Value, zone);
        return new RequiredInstallStatus
        {
            DueAt = due,
            StartsAt = starts,
            WindowDecides = starts != due,
            DeferralsUsed = used,
            DeferralsLeft = left,
        };
    }

    /// <summary>The deadline moved by the deferrals used; null without a deadline.</summary>
    public static DateTimeOffset? DueAt(Availability availability, int deferralsUsed)
    {
        ArgumentNullException.ThrowIfNull(availability);
        return availability.Deadline?.AddHours((double)Math.Max(0, deferralsUsed) * Math.Max(0, availability.DeferralHours));
    }
}
