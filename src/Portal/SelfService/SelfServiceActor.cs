using System.Security.Claims;
using Catalog.Users;

namespace Portal.SelfService;

/// <summary>Who is acting: a user (own machines only) or staff (helpdesk, administrator: every machine).</summary>
public sealed record SelfServiceActor(Guid UserId, string Email, IReadOnlyList<string> Roles)
{
    public bool IsStaff => Roles.Contains(RoleNames.Helpdesk) || Roles.Contains(RoleNames.Administrator);

    /// <summary>The actor of a signed-in principal; a principal without a user id is refused.</summary>
    public static SelfServiceActor From(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var id = principal.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        if (principal.Identity?.IsAuthenticated != true || !Guid.TryParse(id, out var userId))
        {
            throw new PortalAccessException("Sign in to use the self-service portal.");
        }

        var email = principal.FindFirst(ClaimTypes.Email)?.Value ?? principal.Identity?.Name ?? "";
        return new SelfServiceActor(userId, email, RoleNames.All.Where(principal.IsInRole).ToList());
    }

    public string Label => Email.Length > 0 ? Email : UserId.ToString();
}
