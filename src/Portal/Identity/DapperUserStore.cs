using Portal.Data;
using Catalog.Users;
using Dapper;
using Microsoft.AspNetCore.Identity;

namespace Portal.Identity;

/// <summary>
/// ASP.NET Core Identity's user store over the <c>users</c> and <c>user_roles</c> tables, with Dapper and portable SQL
/// (SQLite or PostgreSQL). A connection per call.
/// </summary>
public sealed class DapperUserStore(IDbConnectionFactory connections) :
    IUserEmailStore<PortalUser>,
    IUserPasswordStore<PortalUser>,
    IUserSecurityStampStore<PortalUser>,
    IUserRoleStore<PortalUser>,
    IUserLockoutStore<PortalUser>
{
    public async Task<IdentityResult> CreateAsync(PortalUser user, CancellationToken cancellationToken)
    {
        const string sql = """
            INSERT INTO users (id, email, normalized_email, user_name, normalized_user_name, display_name, password_hash,
                               security_stamp, concurrency_stamp, email_confirmed, lockout_enabled, lockout_end, access_failed_count)
            VALUES (@id, @email, @normalizedEmail, @userName, @normalizedUserName, @displayName, @passwordHash,
                    @securityStamp, @concurrencyStamp, @emailConfirmed, @lockoutEnabled, @lockoutEnd, @accessFailedCount)
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, UserRow.Parameters(user, user.ConcurrencyStamp), cancellationToken: cancellationToken));
        return IdentityResult.Success;
    }

    public async Task<IdentityResult> UpdateAsync(PortalUser user, CancellationToken cancellationToken)
    {
        const string sql = """
            UPDATE users SET email = @email, normalized_email = @normalizedEmail, user_name = @userName,
                normalized_user_name = @normalizedUserName, display_name = @displayName, password_hash = @passwordHash,
                security_stamp = @securityStamp, concurrency_stamp = @concurrencyStamp, email_confirmed = @emailConfirmed,
                lockout_enabled = @lockoutEnabled, lockout_end = @lockoutEnd, access_failed_count = @accessFailedCount
            WHERE id = @id AND concurrency_stamp = @oldConcurrencyStamp
            """;
        var newStamp = Guid.NewGuid().ToString("N");
        await using var connection = await connections.OpenAsync(cancellationToken);
        var updated = await connection.ExecuteAsync(new CommandDefinition(sql, UserRow.Parameters(user, newStamp), cancellationToken: cancellationToken));
        if (updated == 0)
        {
            return IdentityResult.Failed(new IdentityErrorDescriber().ConcurrencyFailure());
        }

        user.ConcurrencyStamp = newStamp;
        return IdentityResult.Success;
    }

    public async Task<IdentityResult> DeleteAsync(PortalUser user, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM users WHERE id = @id", new { id = UserRow.IdText(user.Id) }, cancellationToken: cancellationToken));
        return IdentityResult.Success;
    }

    public Task<PortalUser?> FindByIdAsync(string userId, CancellationToken cancellationToken) =>
        Guid.TryParse(userId, out var id)
            ? FindOneAsync("id = @value", UserRow.IdText(id), cancellationToken)
            : Task.FromResult<PortalUser?>(null);

    public Task<PortalUser?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken) =>
        FindOneAsync("normalized_user_name = @value", normalizedUserName, cancellationToken);

    public Task<PortalUser?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        FindOneAsync("normalized_email = @value", normalizedEmail, cancellationToken);

    private async Task<PortalUser?> FindOneAsync(string condition, string value, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            $"SELECT {UserRow.Columns} FROM users WHERE {condition}", new { value }, cancellationToken: cancellationToken));
        return row?.ToUser();
    }

    public Task<string> GetUserIdAsync(PortalUser user, CancellationToken cancellationToken) => Task.FromResult(UserRow.IdText(user.Id));

    public Task<string?> GetUserNameAsync(PortalUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.UserName);

    public Task SetUserNameAsync(PortalUser user, string? userName, CancellationToken cancellationToken)
    {
        user.UserName = userName ?? "";
        return Task.CompletedTask;
    }

    public Task<string?> GetNormalizedUserNameAsync(PortalUser user, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(user.NormalizedUserName);

    public Task SetNormalizedUserNameAsync(PortalUser user, string? normalizedName, CancellationToken cancellationToken)
    {
        user.NormalizedUserName = normalizedName ?? "";
        return Task.CompletedTask;
    }

    public Task SetEmailAsync(PortalUser user, string? email, CancellationToken cancellationToken)
    {
        user.Email = email ?? "";
        return Task.CompletedTask;
    }

    public Task<string?> GetEmailAsync(PortalUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.Email);

    public Task<bool> GetEmailConfirmedAsync(PortalUser user, CancellationToken cancellationToken) => Task.FromResult(user.EmailConfirmed);

    public Task SetEmailConfirmedAsync(PortalUser user, bool confirmed, CancellationToken cancellationToken)
    {
        user.EmailConfirmed = confirmed;
        return Task.CompletedTask;
    }

    public Task<string?> GetNormalizedEmailAsync(PortalUser user, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(user.NormalizedEmail);

    public Task SetNormalizedEmailAsync(PortalUser user, string? normalizedEmail, CancellationToken cancellationToken)
    {
        user.NormalizedEmail = normalizedEmail ?? "";
        return Task.CompletedTask;
    }

    public Task SetPasswordHashAsync(PortalUser user, string? passwordHash, CancellationToken cancellationToken)
    {
        user.PasswordHash = passwordHash;
        return Task.CompletedTask;
    }

    public Task<string?> GetPasswordHashAsync(PortalUser user, CancellationToken cancellationToken) => Task.FromResult(user.PasswordHash);

    public Task<bool> HasPasswordAsync(PortalUser user, CancellationToken cancellationToken) => Task.FromResult(user.PasswordHash is not null);

    public Task SetSecurityStampAsync(PortalUser user, string stamp, CancellationToken cancellationToken)
    {
        user.SecurityStamp = stamp;
        return Task.CompletedTask;
    }

    public Task<string?> GetSecurityStampAsync(PortalUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.SecurityStamp);

    public async Task AddToRoleAsync(PortalUser user, string roleName, CancellationToken cancellationToken)
    {
        const string sql = """
            INSERT INTO user_roles (user_id, role_id)
            SELECT @userId, id FROM roles WHERE normalized_name = @roleName
              AND NOT EXISTS (SELECT 1 FROM user_roles ur WHERE ur.user_id = @userId AND ur.role_id = roles.id)
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var added = await connection.ExecuteAsync(new CommandDefinition(
            sql, new { userId = UserRow.IdText(user.Id), roleName }, cancellationToken: cancellationToken));
        if (added == 0 && !await IsInRoleAsync(user, roleName, cancellationToken))
        {
            throw new InvalidOperationException($"Role '{roleName}' does not exist.");
        }
    }

    public async Task RemoveFromRoleAsync(PortalUser user, string roleName, CancellationToken cancellationToken)
    {
        const string sql = """
            DELETE FROM user_roles
            WHERE user_id = @userId AND role_id IN (SELECT id FROM roles WHERE normalized_name = @roleName)
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, new { userId = UserRow.IdText(user.Id), roleName }, cancellationToken: cancellationToken));
    }

    public async Task<IList<string>> GetRolesAsync(PortalUser user, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT r.name FROM roles r JOIN user_roles ur ON ur.role_id = r.id
            WHERE ur.user_id = @userId ORDER BY r.name
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var roles = await connection.QueryAsync<string>(new CommandDefinition(sql, new { userId = UserRow.IdText(user.Id) }, cancellationToken: cancellationToken));
        return roles.ToList();
    }

    public async Task<bool> IsInRoleAsync(PortalUser user, string roleName, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT COUNT(*) FROM user_roles ur JOIN roles r ON r.id = ur.role_id
            WHERE ur.user_id = @userId AND r.normalized_name = @roleName
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var count = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            sql, new { userId = UserRow.IdText(user.Id), roleName }, cancellationToken: cancellationToken));
        return count > 0;
    }

    public async Task<IList<PortalUser>> GetUsersInRoleAsync(string roleName, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT {UserRow.Columns} FROM users
            WHERE id IN (SELECT ur.user_id FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE r.normalized_name = @roleName)
            ORDER BY normalized_email
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<UserRow>(new CommandDefinition(sql, new { roleName }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToUser()).ToList();
    }

    public Task<DateTimeOffset?> GetLockoutEndDateAsync(PortalUser user, CancellationToken cancellationToken) => Task.FromResult(user.LockoutEnd);

    public Task SetLockoutEndDateAsync(PortalUser user, DateTimeOffset? lockoutEnd, CancellationToken cancellationToken)
    {
        user.LockoutEnd = lockoutEnd;
        return Task.CompletedTask;
    }

    public Task<int> IncrementAccessFailedCountAsync(PortalUser user, CancellationToken cancellationToken) =>
        Task.FromResult(++user.AccessFailedCount);

    public Task ResetAccessFailedCountAsync(PortalUser user, CancellationToken cancellationToken)
    {
        user.AccessFailedCount = 0;
        return Task.CompletedTask;
    }

    public Task<int> GetAccessFailedCountAsync(PortalUser user, CancellationToken cancellationToken) => Task.FromResult(user.AccessFailedCount);

    public Task<bool> GetLockoutEnabledAsync(PortalUser user, CancellationToken cancellationToken) => Task.FromResult(user.LockoutEnabled);

    public Task SetLockoutEnabledAsync(PortalUser user, bool enabled, CancellationToken cancellationToken)
    {
        user.LockoutEnabled = enabled;
        return Task.CompletedTask;
    }

    public void Dispose()
    {
    }
}
