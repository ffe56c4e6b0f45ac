using Catalog.Users;
using MudBlazor;

namespace Portal.Components.Layout;

/// <summary>
/// The side navigation, in display order. Parts of the portal add their pages here (one line each); the menu and the
/// home page show each item only to the roles listed.
/// </summary>
public static class PortalNavigation
{
    public static IReadOnlyList<NavItem> Items { get; } =
    [
        new("Home", Icons.Material.Filled.Home, "", []),
        new("Catalog", Icons.Material.Filled.Apps, "catalog", [], "Browse and install software on your machine."),
        new("My jobs", Icons.Material.Filled.WorkHistory, "jobs", [], "Follow your installs and uninstalls live."),
        new("Requests", Icons.Material.Filled.PendingActions, "helpdesk/requests", [RoleNames.Helpdesk, RoleNames.Administrator], "Approve or deny uninstall requests."),
        new("Machines", Icons.Material.Filled.Computer, "helpdesk/machines", [RoleNames.Helpdesk, RoleNames.Administrator], "Every machine, online or not, with its software."),
        new("All jobs", Icons.Material.Filled.ManageHistory, "helpdesk/jobs", [RoleNames.Helpdesk, RoleNames.Administrator], "Retry failed jobs, cancel queued ones."),
        new("Users", Icons.Material.Filled.ManageAccounts, "admin/users", [RoleNames.Administrator], "See every account and its roles."),
        new("Applications", Icons.Material.Filled.AppRegistration, "admin/applications", [RoleNames.Administrator], "Define applications, their rules and packages."),
        new("Maintenance windows", Icons.Material.Filled.Schedule, "admin/maintenance-windows", [RoleNames.Administrator], "When required software and unused-uninstalls may start."),
        new("External software", Icons.Material.Filled.Inventory2, "admin/external-software", [RoleNames.Administrator], "Publish the list of software installed by other means."),
        new("Enrollment tokens", Icons.Material.Filled.Key, "admin/tokens", [RoleNames.Administrator], "Let a machine's agent enroll, once."),
        new("Enrolled machines", Icons.Material.Filled.Devices, "admin/machines", [RoleNames.Administrator], "Revoke a machine's agent."),
        new("Reports", Icons.Material.Filled.QueryStats, "admin/reports", [RoleNames.Administrator], "Events, charts, CSV export and the audit log."),
    ];
}
