namespace Catalog.Machines;

/// <summary>A one-time token an agent exchanges for its own credential.</summary>
public sealed record EnrollmentToken
{
    public Guid Id { get; init; } = Guid.NewGuid();
    /// <summary>SHA-256 (hex) of the token; the token is shown once and never stored.</summary>
    public required string TokenHash { get; init; }
    public Guid? OwnerUserId { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public string CreatedBy { get; init; } = "";
    public DateTimeOffset? UsedAt { get; init; }
    public Guid? MachineId { get; init; }
    public bool Revoked { get; init; }
}
