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
        new("Catalog", "apps", "catalog", [], "Browse and install software on your machine."),
        new("My jobs", "work_history", "jobs", [], "Follow your installs and uninstalls live."),
        new("Requests", "pending_actions", "helpdesk/requests", [RoleNames.Helpdesk, RoleNames.Administrator], "Approve or deny uninstall requests."),
        new("Machines", "computer", "helpdesk/machines", [RoleNames.Helpdesk, RoleNames.Administrator], "Every machine, online or not, with its software."),
        new("All jobs", "manage_history", "helpdesk/jobs", [RoleNames.Helpdesk, RoleNames.Administrator], "Retry failed jobs, cancel queued ones."),
        new("Users", "manage_accounts", "admin/users", [RoleNames.Administrator], "See every account and its roles."),
        new("Applications", "app_registration", "admin/applications", [RoleNames.Administrator], "Define applications, their rules and packages."),
        new("External software", "inventory_2", "admin/external-software", [RoleNames.Administrator], "Publish the list of software installed by other means."),
        new("Enrollment tokens", "key", "admin/tokens", [RoleNames.Administrator], "Let a machine's agent enroll, once."),
        new("Enrolled machines", "devices", "admin/machines", [RoleNames.Administrator], "Revoke a machine's agent."),
        new("Reports", "monitoring", "admin/reports", [RoleNames.Administrator], "Events, charts, CSV export and the audit log."),
    ];
}
