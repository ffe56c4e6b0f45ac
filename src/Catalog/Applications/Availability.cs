namespace Catalog.Applications;

/// <summary>Who gets the application, and whether they choose it or must have it.</summary>
public sealed record Availability
{
    public const int MaximumDeferrals = 100;
    public const int MaximumDeferralHours = 24 * 90;

    public AvailabilityMode Mode { get; init; } = AvailabilityMode.Available;
    /// <summary>Email addresses of users the application is assigned to.</summary>
    public IReadOnlyList<string> Users { get; init; } = [];
    /// <summary>Roles the application is assigned to (e.g. <c>User</c> = everyone).</summary>
    public IReadOnlyList<string> Roles { get; init; } = ["User"];

    /// <summary>
    /// Required only: when the portal installs it on every assigned machine that lacks it (null = as soon as possible).
    /// Until then users see it with "Install now" and "Later".
    /// </summary>
    public DateTimeOffset? Deadline { get; init; }

    /// <summary>Required only: how often a user may press "Later" on one machine (each moves that machine's install).</summary>
    public int Deferrals { get; init; }

    /// <summary>Required only: how far one "Later" moves the machine's install, in hours.</summary>
    public int DeferralHours { get; init; } = 24;
}
