using Portal.Data;
using Catalog.Users;
using Dapper;
using Microsoft.AspNetCore.Identity;

namespace Portal.Identity;

/// <summary>ASP.NET Core Identity's role store over the <c>roles</c> table, with Dapper and portable SQL.</summary>
public sealed class DapperRoleStore(IDbConnectionFactory connections) : IRoleStore<PortalRole>
{
    private const string Columns = "id AS Id, name AS Name, normalized_name AS NormalizedName, concurrency_stamp AS ConcurrencyStamp";

    public async Task<IdentityResult> CreateAsync(PortalRole role, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO roles (id, name, normalized_name, concurrency_stamp) VALUES (@id, @name, @normalizedName, @concurrencyStamp)",
            new { id = Id(role), name = role.Name, normalizedName = role.NormalizedName, concurrencyStamp = role.ConcurrencyStamp },
            cancellationToken: cancellationToken));
        return IdentityResult.Success;
    }

    public async Task<IdentityResult> UpdateAsync(PortalRole role, CancellationToken cancellationToken)
    {
        var newStamp = Guid.NewGuid().ToString("N");
        await using var connection = await connections.OpenAsync(cancellationToken);
        var updated = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE roles SET name = @name, normalized_name = @normalizedName, concurrency_stamp = @newStamp
            WHERE id = @id AND concurrency_stamp = @oldStamp
            """,
            new { id = Id(role), name = role.Name, normalizedName = role.NormalizedName, newStamp, oldStamp = role.ConcurrencyStamp },
            cancellationToken: cancellationToken));
        if (updated == 0)
        {
            return IdentityResult.Failed(new IdentityErrorDescriber().ConcurrencyFailure());
        }

        role.ConcurrencyStamp = newStamp;
        return IdentityResult.Success;
    }

    public async Task<IdentityResult> DeleteAsync(PortalRole role, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM roles WHERE id = @id", new { id = Id(role) }, cancellationToken: cancellationToken));
        return IdentityResult.Success;
    }

    public Task<PortalRole?> FindByIdAsync(string roleId, CancellationToken cancellationToken) =>
        Guid.TryParse(roleId, out var id)
            ? FindOneAsync("id = @value", id.ToString("D"), cancellationToken)
            : Task.FromResult<PortalRole?>(null);

    public Task<PortalRole?> FindByNameAsync(string normalizedRoleName, CancellationToken cancellationToken) =>
        FindOneAsync("normalized_name = @value", normalizedRoleName, cancellationToken);

    private async Task<PortalRole?> FindOneAsync(string condition, string value, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<RoleRow>(
            new CommandDefinition($"SELECT {Columns} FROM roles WHERE {condition}", new { value }, cancellationToken: cancellationToken));
        return row?.ToRole();
    }

    public Task<string> GetRoleIdAsync(PortalRole role, CancellationToken cancellationToken) => Task.FromResult(Id(role));

    public Task<string?> GetRoleNameAsync(PortalRole role, CancellationToken cancellationToken) => Task.FromResult<string?>(role.Name);

    public Task SetRoleNameAsync(PortalRole role, string? roleName, CancellationToken cancellationToken)
    {
        role.Name = roleName ?? "";
        return Task.CompletedTask;
    }

    public Task<string?> GetNormalizedRoleNameAsync(PortalRole role, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(role.NormalizedName);

    public Task SetNormalizedRoleNameAsync(PortalRole role, string? normalizedName, CancellationToken cancellationToken)
    {
        role.NormalizedName = normalizedName ?? "";
        return Task.CompletedTask;
    }

    private static string Id(PortalRole role) => role.Id.ToString("D");

    public void Dispose()
    {
    }
}
