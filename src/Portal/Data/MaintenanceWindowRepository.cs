using Catalog.Scheduling;
using Dapper;

namespace Portal.Data;

/// <summary>Maintenance windows: read by machine (its own and the fleet-wide ones), listed a page at a time for administrators.</summary>
public sealed class MaintenanceWindowRepository
{
    private readonly IDbConnectionFactory _connections;
    private readonly TimeProvider _time;

    public MaintenanceWindowRepository(IDbConnectionFactory connections, TimeProvider time)
    {
        DapperSetup.EnsureRegistered();
        _connections = connections;
        _time = time;
    }

    /// <summary>Adds or replaces the window with this id.</summary>
    public async Task SaveAsync(MaintenanceWindow window, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(window);
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO maintenance_windows (id, name, machine_id, document, updated_at)
            VALUES (@Id, @Name, @MachineId, @Document, @At)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, machine_id = excluded.machine_id,
                document = excluded.document, updated_at = excluded.updated_at
            """,
            new { window.Id, window.Name, window.MachineId, Document = DbJson.Write(window), At = _time.GetUtcNow() },
            cancellationToken: cancellationToken));
    }

    public async Task<MaintenanceWindow?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        var document = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT document FROM maintenance_windows WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return document is null ? null : DbJson.Read<MaintenanceWindow>(document, "maintenance window");
    }

    /// <summary>The windows that apply to one machine: its own and those for every machine.</summary>
    public async Task<IReadOnlyList<MaintenanceWindow>> ForMachineAsync(Guid machineId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        var documents = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT document FROM maintenance_windows WHERE machine_id IS NULL OR machine_id = @machineId ORDER BY name, id",
            new { machineId },
            cancellationToken: cancellationToken));
        return documents.Select(d => DbJson.Read<MaintenanceWindow>(d, "maintenance window")).ToList();
    }

    /// <summary>One page of every window, by name.</summary>
    public async Task<IReadOnlyList<MaintenanceWindow>> ListPageAsync(int limit, int offset, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        var documents = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT document FROM maintenance_windows ORDER BY name, id LIMIT @limit OFFSET @offset",
            new { limit = Math.Clamp(limit, 1, 500), offset = Math.Max(0, offset) },
            cancellationToken: cancellationToken));
        return documents.Select(d => DbJson.Read<MaintenanceWindow>(d, "maintenance window")).ToList();
    }

    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM maintenance_windows WHERE id = @id", new { id }, cancellationToken: cancellationToken)) == 1;
    }
}
