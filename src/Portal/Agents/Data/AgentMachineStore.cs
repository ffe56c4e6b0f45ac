using Catalog.Data;
using Catalog.Machines;
using Dapper;

namespace Portal.Agents.Data;

/// <summary>The agent link's reads and writes of <c>machines</c>.</summary>
public sealed class AgentMachineStore(IDbConnectionFactory connections)
{
    private const string Columns = "id, name, owner_user_id, credential_hash, enrolled_at, last_seen_at, address, revoked, inventory";

    public async Task<Machine?> GetAsync(Guid machineId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<MachineRow>(new CommandDefinition(
            $"SELECT {Columns} FROM machines WHERE id = @id", new { id = Db.Id(machineId) }, cancellationToken: cancellationToken));
        return row?.ToMachine();
    }

    public async Task<Machine?> FindByCredentialHashAsync(string credentialHash, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<MachineRow>(new CommandDefinition(
            $"SELECT {Columns} FROM machines WHERE credential_hash = @credentialHash", new { credentialHash },
            cancellationToken: cancellationToken));
        return row?.ToMachine();
    }

    public async Task<IReadOnlyList<Machine>> ListActiveAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<MachineRow>(new CommandDefinition(
            $"SELECT {Columns} FROM machines WHERE revoked = 0 ORDER BY name", cancellationToken: cancellationToken));
        return rows.Select(r => r.ToMachine()).ToList();
    }

    public async Task RecordSeenAsync(Guid machineId, DateTimeOffset at, string address, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE machines SET last_seen_at = @at, address = @address WHERE id = @id",
            new { id = Db.Id(machineId), at = Db.Time(at), address }, cancellationToken: cancellationToken));
    }

    public async Task SaveInventoryAsync(Guid machineId, Inventory inventory, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE machines SET inventory = @inventory WHERE id = @id",
            new { id = Db.Id(machineId), inventory = Db.Json(inventory) }, cancellationToken: cancellationToken));
    }

    /// <summary>Marks the machine revoked; returns false when there is no such machine.</summary>
    public async Task<bool> RevokeAsync(Guid machineId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE machines SET revoked = 1 WHERE id = @id", new { id = Db.Id(machineId) },
            cancellationToken: cancellationToken)) == 1;
    }
}
