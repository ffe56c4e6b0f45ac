namespace Catalog.Jobs;

/// <summary>A user's request to remove an application, decided by the helpdesk.</summary>
public sealed record UninstallRequest
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public required Guid MachineId { get; init; }
    public required Guid ApplicationId { get; init; }
    public required Guid UserId { get; init; }
    public string Reason { get; init; } = "";
    public UninstallRequestState State { get; init; } = UninstallRequestState.Pending;
    public Guid? DecidedBy { get; init; }
    public string DecisionReason { get; init; } = "";
    public Guid? JobId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
}
