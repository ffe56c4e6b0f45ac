namespace Catalog.Users;

/// <summary>A role: <see cref="RoleNames.User"/>, <see cref="RoleNames.Helpdesk"/> or <see cref="RoleNames.Administrator"/>.</summary>
public sealed class PortalRole
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public string Name { get; set; } = "";
    public string NormalizedName { get; set; } = "";
    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString("N");
}
