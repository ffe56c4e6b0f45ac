namespace Catalog.Scheduling;

/// <summary>
/// Whether a machine's maintenance windows are open at an instant, and when they next open, in the machine's time
/// zone. No window at all means always open. Pure: the portal's scheduler and the card both ask it.
/// </summary>
public static class MaintenanceSchedule
{
    /// <summary>True when one of the windows is open at <paramref name="at"/> (or there is none).</summary>
    public static bool IsOpen(IReadOnlyCollection<MaintenanceWindow> windows, DateTimeOffset at, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentNullException.ThrowIfNull(zone);
        if (windows.Count == 0)
        {
            return true;
        }

        var local = TimeZoneInfo.ConvertTime(at, zone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var today = local.DayOfWeek;
        var yesterday = (DayOfWeek)(((int)today + 6) % 7);
        foreach (var window in windows)
        {
            var overnight = window.End <= window.Start;
            if (window.Days.Contains(today) && time >= window.Start && (overnight || time < window.End))
            {
                return true;
            }

            if (overnight && window.Days.Contains(yesterday) && time < window.End)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The first instant at or after <paramref name="from"/> at which a window is open: <paramref name="from"/> itself
    /// when one is open then (or there is none), else the next opening within a week; null when no window ever opens.
    /// </summary>
    public static DateTimeOffset? NextOpening(IReadOnlyCollection<MaintenanceWindow> windows, DateTimeOffset from, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentNullException.ThrowIfNull(zone);
        if (IsOpen(windows, from, zone))
        {
            return from;
        }

        var localDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(from, zone).DateTime);
        DateTimeOffset? best = null;
        for (var offset = 0; offset <= 7; offset++)
        {
            var date = localDate.AddDays(offset);
            foreach (var window in windows.Where(w => w.Days.Contains(date.DayOfWeek)))
            {
                var opening = ToInstant(date.ToDateTime(window.Start), zone);
                if (opening > from && (best is null || opening < best))
                {
                    best = opening;
                }
            }

            if (best is not null)
            {
                return best;
            }
        }

        return best;
    }

    /// <summary>
    /// A wall-clock time in the zone as an instant. A time the clocks skip (spring forward) opens when the clocks
    /// reach it again, i.e. at the first valid minute after it; a time that occurs twice opens at its first occurrence.
    /// </summary>
    private static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddMinutes(1);
        }

        var offset = zone.IsAmbiguousTime(unspecified)
            ? zone.GetAmbiguousTimeOffsets(unspecified).Max()
            : zone.GetUtcOffset(unspecified);
        return new DateTimeOffset(unspecified, offset);
    }
}
