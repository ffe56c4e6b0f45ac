namespace Catalog.Machines;

/// <summary>A managed machine with an enrolled client agent.</summary>
public sealed record Machine
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public required string Name { get; init; }
    /// <summary>Id of the user who owns the machine; null = unassigned (helpdesk only).</summary>
    public Guid? OwnerUserId { get; init; }
    /// <summary>SHA-256 (hex) of the agent's credential; the credential itself is never stored.</summary>
    public required string CredentialHash { get; init; }
    public DateTimeOffset EnrolledAt { get; init; }
    public DateTimeOffset? LastSeenAt { get; init; }
    public string Address { get; init; } = "";
    public bool Revoked { get; init; }
    public Inventory? Inventory { get; init; }
}
