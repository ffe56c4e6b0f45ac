using Catalog.Users;

namespace Portal.Identity;

/// <summary>A <c>roles</c> row as stored (TEXT id).</summary>
internal sealed class RoleRow
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string NormalizedName { get; set; } = "";
    public string ConcurrencyStamp { get; set; } = "";

    public PortalRole ToRole() => new() { Id = Guid.Parse(Id), Name = Name, NormalizedName = NormalizedName, ConcurrencyStamp = ConcurrencyStamp };
}
