using Catalog.Users;

namespace Portal.Components.Layout;

/// <summary>
/// The side navigation, in display order. Parts of the portal add their pages here (one line each); the menu and the
/// home page show each item only to the roles listed.
/// </summary>
public static class PortalNavigation
{
    public static IReadOnlyList<NavItem> Items { get; } =
    [
        new("Home", "home", "", []),
        new("Users", "manage_accounts", "admin/users", [RoleNames.Administrator], "See every account and its roles."),
    ];
}
