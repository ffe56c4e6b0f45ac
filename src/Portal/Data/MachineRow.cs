using Catalog.Machines;

namespace Portal.Data;

/// <summary>A row of the machines table; the inventory is a JSON column.</summary>
internal sealed class MachineRow
{
    public Guid Id { get; init; }

    public string Name { get; init; } = "";

    public Guid? OwnerUserId { get; init; }

    public string CredentialHash { get; init; } = "";

    public DateTimeOffset EnrolledAt { get; init; }

    public DateTimeOffset? LastSeenAt { get; init; }

    public string Address { get; init; } = "";

    public long Revoked { get; init; }

    public string? Inventory { get; init; }

    /// <summary>The inventory's external-software list from <c>machine_software</c>, when read.</summary>
    public string? Software { get; init; }

    public Machine ToMachine() => new()
    {
        Id = Id,
        Name = Name,
        OwnerUserId = OwnerUserId,
        CredentialHash = CredentialHash,
        EnrolledAt = EnrolledAt,
        LastSeenAt = LastSeenAt,
        Address = Address,
        Revoked = Revoked != 0,
        Inventory = InventoryDocument.Read(Inventory, Software),
    };
}
