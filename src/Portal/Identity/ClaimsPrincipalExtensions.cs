using System.Security.Claims;

namespace Portal.Identity;

public static class ClaimsPrincipalExtensions
{
    /// <summary>The display name, falling back to the user name (email).</summary>
    public static string DisplayName(this ClaimsPrincipal principal) =>
        principal.FindFirst(PortalClaimTypes.DisplayName)?.Value ?? principal.Identity?.Name ?? "";

    /// <summary>The user's roles in the order of <see cref="Catalog.Users.RoleNames.All"/>.</summary>
    public static IReadOnlyList<string> PortalRoles(this ClaimsPrincipal principal) =>
        Catalog.Users.RoleNames.All.Where(principal.IsInRole).ToList();
}
