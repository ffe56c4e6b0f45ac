using Catalog.Users;
using Microsoft.AspNetCore.Identity;
using Portal.Administration;

namespace Portal.Identity;

/// <summary>
/// The rules of the Users page and <c>/api/users</c>: create users, change roles (never leaving the portal without an
/// administrator), lock and unlock accounts (never one's own), reset passwords. Every change is written to the audit trail.
/// </summary>
public sealed class UserAdministration(PortalUserAccounts accounts, UserManager<PortalUser> users, UserDirectory directory, AuditTrail audit)
{
    public async Task<UserAdministrationResult> CreateAsync(
        string actor, string email, string password, string displayName, IReadOnlyCollection<string> roles, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(email) || !email.Contains('@', StringComparison.Ordinal))
        {
            errors["email"] = ["An email address is required."];
        }

        if (string.IsNullOrEmpty(password))
        {
            errors["password"] = ["A password is required."];
        }

        if (errors.Count > 0)
        {
            return UserAdministrationResult.Invalid(string.Join(" ", errors.Values.SelectMany(v => v)), errors);
        }

        var result = await accounts.CreateAsync(email, password, displayName, roles, cancellationToken);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code is "DuplicateEmail" or "DuplicateUserName"))
            {
                return UserAdministrationResult.Conflict($"A user with email {email.Trim()} already exists.");
            }

            var byField = result.Errors.GroupBy(e => FieldOf(e.Code)).ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray());
            return UserAdministrationResult.Invalid($"The user could not be created: {result.Describe()}", byField);
        }

        var canonical = Canonical(roles);
        await audit.RecordAsync(actor, "user.create", $"user {email.Trim()}", $"Roles: {RoleText(canonical)}", cancellationToken);
        return UserAdministrationResult.Success($"Created {email.Trim()} with roles {RoleText(canonical)}.");
    }

    /// <summary>Makes the user's roles exactly <paramref name="roles"/>; refuses to take Administrator from the last administrator.</summary>
    public async Task<UserAdministrationResult> SetRolesAsync(string actor, Guid userId, IReadOnlyCollection<string> roles, CancellationToken cancellationToken)
    {
        var unknown = roles.Where(r => !RoleNames.All.Contains(r, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0)
        {
            return UserAdministrationResult.Invalid(
                "roles", $"Unknown role(s): {string.Join(", ", unknown)}. Roles are {string.Join(", ", RoleNames.All)}.");
        }

        var user = await users.FindByIdAsync(userId.ToString("D"));
        if (user is null)
        {
            return UserAdministrationResult.NotFound(userId);
        }

        var wanted = Canonical(roles);
        var current = Canonical((await users.GetRolesAsync(user)).ToList());
        if (current.Contains(RoleNames.Administrator) && !wanted.Contains(RoleNames.Administrator)
            && await directory.CountInRoleAsync(RoleNames.Administrator, cancellationToken) <= 1)
        {
            return UserAdministrationResult.Conflict(
                $"{user.Email} is the last administrator; make another user an administrator before removing the Administrator role.");
        }

        foreach (var role in current.Except(wanted))
        {
            var removed = await users.RemoveFromRoleAsync(user, role);
            if (!removed.Succeeded)
            {
                return UserAdministrationResult.Invalid("roles", $"The role {role} could not be removed from {user.Email}: {removed.Describe()}");
            }
        }

        foreach (var role in wanted.Except(current))
        {
            var added = await users.AddToRoleAsync(user, role);
            if (!added.Succeeded)
            {
                return UserAdministrationResult.Invalid("roles", $"The role {role} could not be given to {user.Email}: {added.Describe()}");
            }
        }

        await audit.RecordAsync(actor, "user.roles", $"user {user.Email}", $"Roles: {RoleText(current)} -> {RoleText(wanted)}", cancellationToken);
        return UserAdministrationResult.Success($"{user.Email} now has roles {RoleText(wanted)}.");
    }

    /// <summary>Locks the account until an administrator unlocks it and ends its sessions; an administrator cannot lock themselves.</summary>
    public async Task<UserAdministrationResult> LockAsync(string actor, Guid userId, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId.ToString("D"));
        if (user is null)
        {
            return UserAdministrationResult.NotFound(userId);
        }

        if (string.Equals(user.UserName, actor, StringComparison.OrdinalIgnoreCase) || string.Equals(user.Email, actor, StringComparison.OrdinalIgnoreCase))
        {
            return UserAdministrationResult.Conflict("You cannot lock your own account.");
        }

        if (!await users.GetLockoutEnabledAsync(user))
        {
            await users.SetLockoutEnabledAsync(user, true);
        }

        var locked = await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
        if (!locked.Succeeded)
        {
            return UserAdministrationResult.Invalid("user", $"{user.Email} could not be locked: {locked.Describe()}");
        }

        await users.UpdateSecurityStampAsync(user);
        await audit.RecordAsync(actor, "user.lock", $"user {user.Email}", "Locked until unlocked by an administrator", cancellationToken);
        return UserAdministrationResult.Success($"{user.Email} is locked until an administrator unlocks the account.");
    }

    /// <summary>Ends a lockout (by an administrator or after failed sign-ins) and clears the failed sign-in count.</summary>
    public async Task<UserAdministrationResult> UnlockAsync(string actor, Guid userId, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId.ToString("D"));
        if (user is null)
        {
            return UserAdministrationResult.NotFound(userId);
        }

        var unlocked = await users.SetLockoutEndDateAsync(user, null);
        if (!unlocked.Succeeded)
        {
            return UserAdministrationResult.Invalid("user", $"{user.Email} could not be unlocked: {unlocked.Describe()}");
        }

        await users.ResetAccessFailedCountAsync(user);
        await audit.RecordAsync(actor, "user.unlock", $"user {user.Email}", "Unlocked", cancellationToken);
        return UserAdministrationResult.Success($"{user.Email} is unlocked and can sign in again.");
    }

    /// <summary>Sets a new password chosen by the administrator; the password rules apply.</summary>
    public async Task<UserAdministrationResult> ResetPasswordAsync(string actor, Guid userId, string newPassword, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(newPassword))
        {
            return UserAdministrationResult.Invalid("password", "A new password is required.");
        }

        var user = await users.FindByIdAsync(userId.ToString("D"));
        if (user is null)
        {
            return UserAdministrationResult.NotFound(userId);
        }

        var token = await users.GeneratePasswordResetTokenAsync(user);
        var reset = await users.ResetPasswordAsync(user, token, newPassword);
        if (!reset.Succeeded)
        {
            return UserAdministrationResult.Invalid(
                $"The password of {user.Email} was not changed: {reset.Describe()}",
                new Dictionary<string, string[]> { ["password"] = reset.Errors.Select(e => e.Description).ToArray() });
        }

        await audit.RecordAsync(actor, "user.password-reset", $"user {user.Email}", "Password reset by an administrator", cancellationToken);
        return UserAdministrationResult.Success($"The password of {user.Email} was reset.");
    }

    private static List<string> Canonical(IReadOnlyCollection<string> roles) =>
        RoleNames.All.Where(r => roles.Contains(r, StringComparer.OrdinalIgnoreCase)).ToList();

    private static string RoleText(IReadOnlyCollection<string> roles) => roles.Count == 0 ? "(none)" : string.Join(", ", roles);

    private static string FieldOf(string code) =>
        code.StartsWith("Password", StringComparison.Ordinal) ? "password"
        : code.Contains("Email", StringComparison.Ordinal) || code.Contains("UserName", StringComparison.Ordinal) ? "email"
        : code == "UnknownRole" ? "roles"
        : "user";
}
