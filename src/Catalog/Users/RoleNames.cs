namespace Catalog.Users;

public static class RoleNames
{
    public const string User = "User";
    public const string Helpdesk = "Helpdesk";
    public const string Administrator = "Administrator";

    public static IReadOnlyList<string> All { get; } = [User, Helpdesk, Administrator];
}
