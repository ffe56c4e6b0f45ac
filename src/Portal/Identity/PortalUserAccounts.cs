using Catalog.Users;
using Microsoft.AspNetCore.Identity;

namespace Portal.Identity;

/// <summary>Creates users with roles through Identity (validation, hashing), for the API, the seed and the bootstrap admin.</summary>
public sealed class PortalUserAccounts(UserManager<PortalUser> users)
{
    /// <summary>
    /// Creates a user whose user name is its email. Fails (without creating anything) when the email is taken, the password
    /// breaks the password rules or a role does not exist.
    /// </summary>
    public async Task<IdentityResult> CreateAsync(string email, string password, string displayName, IEnumerable<string> roles, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var unknown = roles.Where(r => !RoleNames.All.Contains(r, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0)
        {
            return IdentityResult.Failed(new IdentityError
            {
                Code = "UnknownRole",
                Description = $"Unknown role(s): {string.Join(", ", unknown)}. Roles are {string.Join(", ", RoleNames.All)}.",
            });
        }

        var user = new PortalUser
        {
            Email = email.Trim(),
            UserName = email.Trim(),
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? email.Trim() : displayName.Trim(),
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return created;
        }

        var canonicalRoles = RoleNames.All.Where(r => roles.Contains(r, StringComparer.OrdinalIgnoreCase)).ToList();
        if (canonicalRoles.Count > 0)
        {
            var added = await users.AddToRolesAsync(user, canonicalRoles);
            if (!added.Succeeded)
            {
                await users.DeleteAsync(user);
                return added;
            }
        }

        return IdentityResult.Success;
    }
}
