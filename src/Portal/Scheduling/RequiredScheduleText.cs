using System.Globalization;
using Catalog.Scheduling;

namespace Portal.Scheduling;

/// <summary>The sentences the card and the API show for a required application: when it installs, and why then.</summary>
public static class RequiredScheduleText
{
    /// <summary>A time in the machine's zone, e.g. "Wed 2 Dec 22:00 (Europe/Berlin)".</summary>
    public static string At(DateTimeOffset at, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(at, zone);
        return $"{local.ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture)} ({(zone == TimeZoneInfo.Utc ? "UTC" : zone.Id)})";
    }

    /// <summary>When it installs and why.</summary>
    public static string When(RequiredInstallStatus status, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(status);
        var starts = status.StartsAt is { } s ? At(s, zone) : null;
        if (status.StartNow)
        {
            return "Required: it is due and a maintenance window is open, so it is being queued now.";
        }

        if (starts is null)
        {
            return status.DueAt is { } d
                ? $"Required: deadline {At(d, zone)}, but no maintenance window of this machine ever opens; ask your administrator."
                : "Required: no maintenance window of this machine ever opens; ask your administrator.";
        }

        if (status.DueAt is not { } due)
        {
            return $"Required: installs when the next maintenance window opens, {starts}.";
        }

        if (status.WaitingForWindow)
        {
            return $"Required: the deadline {At(due, zone)} has passed; installs when the next maintenance window opens, {starts}.";
        }

        return status.WindowDecides
            ? $"Required: deadline {At(due, zone)}; installs in the first maintenance window after it, {starts}."
            : $"Required: installs automatically at its deadline, {starts}.";
    }

    /// <summary>What "Later" does, or that it is used up.</summary>
    public static string Deferrals(RequiredInstallStatus status, int deferralHours)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (status.DeferralsLeft > 0)
        {
            return $"\"Later\" moves it by {deferralHours} h; {status.DeferralsLeft} postponement{(status.DeferralsLeft == 1 ? "" : "s")} left.";
        }

        return status.DeferralsUsed > 0 ? "No postponements left." : "";
    }
}
