using Catalog.Machines;

namespace Portal.Agents.Data;

internal sealed record MachineRow(
    string id, string name, string? owner_user_id, string credential_hash, string enrolled_at,
    string? last_seen_at, string address, long revoked, string? inventory)
{
    public Machine ToMachine() => new()
    {
        Id = Guid.Parse(id),
        Name = name,
        OwnerUserId = Db.ParseId(owner_user_id),
        CredentialHash = credential_hash,
        EnrolledAt = Db.ParseTime(enrolled_at),
        LastSeenAt = Db.ParseOptionalTime(last_seen_at),
        Address = address,
        Revoked = revoked != 0,
        Inventory = inventory is null ? null : Db.FromJson<Inventory>(inventory),
    };
}
