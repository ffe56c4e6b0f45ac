using System.Security.Claims;
using Catalog.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Portal.Identity;

/// <summary>Adds the display name to the usual Identity claims (id, user name, email, security stamp, roles).</summary>
public sealed class PortalClaimsPrincipalFactory(
    UserManager<PortalUser> userManager,
    RoleManager<PortalRole> roleManager,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<PortalUser, PortalRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PortalUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(PortalClaimTypes.DisplayName, string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email : user.DisplayName));
        return identity;
    }
}
