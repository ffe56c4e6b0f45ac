namespace Portal.AgentLink;

/// <summary>A machine's inventory (receipts, volumes, usage) or connection changed (published after it was stored).</summary>
public sealed record MachineChanged(Guid MachineId, MachineChangeKind Kind);
