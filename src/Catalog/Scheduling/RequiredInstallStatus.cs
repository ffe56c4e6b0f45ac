namespace Catalog.Scheduling;

/// <summary>Where a required application stands on one machine that does not have it yet.</summary>
public sealed record RequiredInstallStatus
{
    /// <summary>When the install is due on this machine: the deadline moved by the deferrals used (null = no deadline).</summary>
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>When the portal will start it: the due time, or the next maintenance window after it.</summary>
    public DateTimeOffset? StartsAt { get; init; }

    /// <summary>It is due and a window is open: the scheduler queues it now.</summary>
    public bool StartNow { get; init; }

    /// <summary>It is due, but no maintenance window is open: it waits for <see cref="StartsAt"/>.</summary>
    public bool WaitingForWindow { get; init; }

    /// <summary>The next opening of the machine's windows is later than the due time.</summary>
    public bool WindowDecides { get; init; }

    public int DeferralsUsed { get; init; }

    public int DeferralsLeft { get; init; }

    /// <summary>"Later" is offered: deferrals are left and the install has not started.</summary>
    public bool CanDefer => DeferralsLeft > 0;
}
