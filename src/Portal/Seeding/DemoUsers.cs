using Catalog.Users;

namespace Portal.Seeding;

/// <summary>The demo accounts created when <c>Portal:SeedDemo</c> is true (documented in the README).</summary>
public static class DemoUsers
{
    public const string Password = "Portal!2345";

    /// <summary>The demo end user who owns the local demo agent's machine.</summary>
    public const string Alice = "alice@example.com";

    public static IReadOnlyList<(string Email, string DisplayName, string Role)> All { get; } =
    [
        ("alice@example.com", "Alice Andersen", RoleNames.User),
        ("bob@example.com", "Bob Brown", RoleNames.User),
        ("helpdesk@example.com", "Helen Desk", RoleNames.Helpdesk),
        ("admin@example.com", "Ada Admin", RoleNames.Administrator),
    ];
}
