namespace Portal.Data;

/// <summary>One required application on one machine: the deferrals its user took and the install the portal queued.</summary>
public sealed record RequiredInstallRecord
{
    public Guid MachineId { get; init; }
    public Guid ApplicationId { get; init; }
    public int DeferralsUsed { get; init; }
    /// <summary>When a portal node claimed it to queue the install; null while it waits.</summary>
    public DateTimeOffset? ClaimedAt { get; init; }
    /// <summary>The install job that was queued; null while it waits (or while the claiming node creates it).</summary>
    public Guid? JobId { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}
