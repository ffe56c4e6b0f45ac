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
        new("Applications", "apps", "admin/applications", [RoleNames.Administrator], "Define applications, their rules and packages."),
        new("External software", "inventory_2", "admin/external-software", [RoleNames.Administrator], "Publish the list of software installed by other means."),
        new("Reports", "monitoring", "admin/reports", [RoleNames.Administrator], "Events, charts, CSV export and the audit log."),
    ];
}
