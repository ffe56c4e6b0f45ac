using Catalog.Data;
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
}
