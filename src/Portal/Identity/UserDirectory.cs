using Portal.Data;
using Dapper;

namespace Portal.Identity;

/// <summary>Lists users with their roles for administration pages and the API (the Identity store has no listing).</summary>
public sealed class UserDirectory(IDbConnectionFactory connections, TimeProvider time)
{
    /// <summary>All users ordered by email, each with its roles; <see cref="UserSummary.LockedOutUntil"/> only while locked out.</summary>
    public async Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var users = await connection.QueryAsync<UserRow>(new CommandDefinition(
            $"SELECT {UserRow.Columns} FROM users ORDER BY normalized_email", cancellationToken: cancellationToken));
        var memberships = await connection.QueryAsync<(string UserId, string RoleName)>(new CommandDefinition(
            "SELECT ur.user_id, r.name FROM user_roles ur JOIN roles r ON r.id = ur.role_id ORDER BY r.name",
            cancellationToken: cancellationToken));
        var rolesByUser = memberships.ToLookup(m => m.UserId, m => m.RoleName, StringComparer.OrdinalIgnoreCase);
        var now = time.GetUtcNow();
        return users
            .Select(row => row.ToUser())
            .Select(user => new UserSummary(
                user.Id,
                user.Email,
                user.DisplayName,
                rolesByUser[UserRow.IdText(user.Id)].ToList(),
                user.LockoutEnd > now ? user.LockoutEnd : null))
            .ToList();
    }

    /// <summary>How many users hold <paramref name="roleName"/>.</summary>
    public async Task<int> CountInRoleAsync(string roleName, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (int)await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE r.name = @roleName",
            new { roleName }, cancellationToken: cancellationToken));
    }

    /// <summary>The id of the user with this email (case-insensitive), or null.</summary>
    public async Task<Guid?> FindIdByEmailAsync(string email, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(email);
        await using var connection = await connections.OpenAsync(cancellationToken);
        var id = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT id FROM users WHERE normalized_email = @email",
            new { email = email.Trim().ToUpperInvariant() }, cancellationToken: cancellationToken));
        return id is null ? null : Guid.Parse(id);
    }

    /// <summary>The email of the user with this id, or null.</summary>
    public async Task<string?> FindEmailAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT email FROM users WHERE id = @id", new { id = UserRow.IdText(userId) }, cancellationToken: cancellationToken));
    }

    /// <summary>The names of the roles one user holds (by key: the required-software scheduler asks per machine owner).</summary>
    public async Task<IReadOnlyList<string>> RolesOfAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var roles = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT r.name FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = @id ORDER BY r.name",
            new { id = UserRow.IdText(userId) }, cancellationToken: cancellationToken));
        return roles.ToList();
    }
}
