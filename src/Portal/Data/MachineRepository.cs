using Catalog.Machines;
using Dapper;

namespace Portal.Data;

/// <summary>Enrolled machines and their last reported inventory.</summary>
public sealed class MachineRepository
{
    internal const string Columns =
        "id, name, owner_user_id, credential_hash, enrolled_at, last_seen_at, address, revoked, inventory";

    private const string SummaryColumns =
        "id, name, owner_user_id, credential_hash, enrolled_at, last_seen_at, address, revoked, NULL AS inventory";

    private readonly IDbConnectionFactory _connections;

    public MachineRepository(IDbConnectionFactory connections)
    {
        DapperSetup.EnsureRegistered();
        _connections = connections;
    }

    public async Task AddAsync(Machine machine, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(machine);
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Insert, Parameters(machine), cancellationToken: cancellationToken));
    }

    public async Task<Machine?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<MachineRow>(new CommandDefinition(
            $"SELECT {Columns} FROM machines WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return row?.ToMachine();
    }

    /// <summary>The machine whose agent credential hashes to this value (revoked machines included: check <see cref="Machine.Revoked"/>).</summary>
    public async Task<Machine?> GetByCredentialHashAsync(string credentialHash, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<MachineRow>(new CommandDefinition(
            $"SELECT {Columns} FROM machines WHERE credential_hash = @credentialHash",
            new { credentialHash }, cancellationToken: cancellationToken));
        return row?.ToMachine();
    }

    /// <summary>All machines by name, or only those owned by <paramref name="ownerUserId"/> when given.</summary>
    public async Task<IReadOnlyList<Machine>> ListAsync(Guid? ownerUserId = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<MachineRow>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM machines
            {new SqlWhere().When(ownerUserId is not null, "owner_user_id = @ownerUserId")}
            ORDER BY name, id
            """,
            new { ownerUserId }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToMachine()).ToList();
    }

    /// <summary>The machine without its inventory document: what access checks, job pages and reports need.</summary>
    public async Task<Machine?> GetSummaryAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<MachineRow>(new CommandDefinition(
            $"SELECT {SummaryColumns} FROM machines WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return row?.ToMachine();
    }

    /// <summary>The machine (without inventory) whose agent credential hashes to this value: the agent's sign-in.</summary>
    public async Task<Machine?> GetSummaryByCredentialHashAsync(string credentialHash, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<MachineRow>(new CommandDefinition(
            $"SELECT {SummaryColumns} FROM machines WHERE credential_hash = @credentialHash",
            new { credentialHash }, cancellationToken: cancellationToken));
        return row?.ToMachine();
    }

    /// <summary>One page of machines by name, each with its owner's email (revoked machines left out).</summary>
    public async Task<IReadOnlyList<(Machine Machine, string OwnerEmail)>> ListPageAsync(
        MachineFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var (where, parameters) = filter.ToWhere();
        await using var connection = await _connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<MachineRow, OwnerRow, (Machine, string)>(
            new CommandDefinition(
                $"""
                SELECT m.id, m.name, m.owner_user_id, m.credential_hash, m.enrolled_at, m.last_seen_at, m.address, m.revoked,
                       {(filter.WithInventory ? "m.inventory" : "NULL AS inventory")}, COALESCE(u.email, '') AS owner_email
                FROM machines m
                LEFT JOIN users u ON u.id = m.owner_user_id
                {where}
                ORDER BY m.name, m.id
                LIMIT @Limit OFFSET @Offset
                """,
                parameters,
                cancellationToken: cancellationToken),
            (machine, owner) => (machine.ToMachine(), owner.OwnerEmail),
            splitOn: "owner_email");
        return rows.ToList();
    }

    /// <summary>How many machines match the filter (for a pager).</summary>
    public async Task<int> CountAsync(MachineFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var (where, parameters) = filter.ToWhere();
        await using var connection = await _connections.OpenAsync(cancellationToken);
        return (int)await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM machines m {where}", parameters, cancellationToken: cancellationToken));
    }

    /// <summary>Records that the agent connected now from <paramref name="address"/>.</summary>
    public async Task<bool> RecordSeenAsync(Guid id, DateTimeOffset seenAt, string address, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE machines SET last_seen_at = @seenAt, address = @address WHERE id = @id",
            new { id, seenAt, address }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>Stores the agent's latest inventory and when it was seen. Returns whether the machine exists.</summary>
    public async Task<bool> SaveInventoryAsync(Guid id, Inventory inventory, DateTimeOffset seenAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        await using var connection = await _connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE machines SET inventory = @inventory, last_seen_at = @seenAt WHERE id = @id",
            new { id, inventory = DbJson.Write(inventory), seenAt }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>Stores the agent's latest inventory, its address and when it was seen. Returns whether the machine exists.</summary>
    public async Task<bool> UpdateInventoryAsync(
        Guid id, Inventory inventory, string address, DateTimeOffset seenAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        await using var connection = await _connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE machines SET inventory = @inventory, address = @address, last_seen_at = @seenAt WHERE id = @id",
            new { id, inventory = DbJson.Write(inventory), address, seenAt }, cancellationToken: cancellationToken)) > 0;
    }

    public async Task<bool> TouchAsync(Guid id, DateTimeOffset seenAt, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE machines SET last_seen_at = @seenAt WHERE id = @id",
            new { id, seenAt }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>Revokes the machine's credential; returns false when it was unknown or already revoked.</summary>
    public async Task<bool> RevokeAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE machines SET revoked = 1 WHERE id = @id AND revoked = 0",
            new { id }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>Assigns the machine to a user, or unassigns it with null. Returns whether the machine exists.</summary>
    public async Task<bool> SetOwnerAsync(Guid id, Guid? ownerUserId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE machines SET owner_user_id = @ownerUserId WHERE id = @id",
            new { id, ownerUserId }, cancellationToken: cancellationToken)) > 0;
    }

    internal const string Insert =
        """
        INSERT INTO machines (id, name, owner_user_id, credential_hash, enrolled_at, last_seen_at, address, revoked, inventory)
        VALUES (@Id, @Name, @OwnerUserId, @CredentialHash, @EnrolledAt, @LastSeenAt, @Address, @Revoked, @Inventory)
        """;

    internal static object Parameters(Machine machine) => new
    {
        machine.Id,
        machine.Name,
        machine.OwnerUserId,
        machine.CredentialHash,
        machine.EnrolledAt,
        machine.LastSeenAt,
        machine.Address,
        Revoked = machine.Revoked ? 1 : 0,
        Inventory = machine.Inventory is null ? null : DbJson.Write(machine.Inventory),
    };

    private sealed class OwnerRow
    {
        public string OwnerEmail { get; init; } = "";
    }
}
