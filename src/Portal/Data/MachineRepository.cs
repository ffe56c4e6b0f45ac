using System.Data.Common;
using Catalog.Machines;
using Dapper;

namespace Portal.Data;

/// <summary>
/// Enrolled machines and their last reported inventory (its external-software list stored apart, see
/// <see cref="InventoryDocument"/>).
/// </summary>
public sealed class MachineRepository
{
    private const string Columns =
        "m.id, m.name, m.owner_user_id, m.credential_hash, m.enrolled_at, m.last_seen_at, m.address, m.revoked, m.inventory, s.document AS software";

    private const string WithSoftware = "machines m LEFT JOIN machine_software s ON s.machine_id = m.id";

    private const string SummaryColumns =
        "m.id, m.name, m.owner_user_id, m.credential_hash, m.enrolled_at, m.last_seen_at, m.address, m.revoked, NULL AS inventory, NULL AS software";

    private const string RestColumns =
        "m.id, m.name, m.owner_user_id, m.credential_hash, m.enrolled_at, m.last_seen_at, m.address, m.revoked, m.inventory, NULL AS software";

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
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await InsertAsync(connection, transaction, machine, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<Machine?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<MachineRow>(new CommandDefinition(
            $"SELECT {Columns} FROM {WithSoftware} WHERE m.id = @id", new { id }, cancellationToken: cancellationToken));
        return row?.ToMachine();
    }

    /// <summary>
    /// The machine with its inventory but without the inventory's external-software list (empty, unless stored before
    /// the list had a table of its own): what a report needs to merge and check, without reading and parsing the list.
    /// Never evaluate requirements on it.
    /// </summary>
    public async Task<Machine?> GetWithoutSoftwareAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<MachineRow>(new CommandDefinition(
            $"SELECT {RestColumns} FROM machines m WHERE m.id = @id", new { id }, cancellationToken: cancellationToken));
        return row?.ToMachine();
    }

    /// <summary>The machine whose agent credential hashes to this value (revoked machines included: check <see cref="Machine.Revoked"/>).</summary>
    public async Task<Machine?> GetByCredentialHashAsync(string credentialHash, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<MachineRow>(new CommandDefinition(
            $"SELECT {Columns} FROM {WithSoftware} WHERE m.credential_hash = @credentialHash",
            new { credentialHash }, cancellationToken: cancellationToken));
        return row?.ToMachine();
    }

    /// <summary>All machines by name, or only those owned by <paramref name="ownerUserId"/> when given.</summary>
    public async Task<IReadOnlyList<Machine>> ListAsync(Guid? ownerUserId = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<MachineRow>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM {WithSoftware}
            {new SqlWhere().When(ownerUserId is not null, "m.owner_user_id = @ownerUserId")}
            ORDER BY m.name, m.id
            """,
            new { ownerUserId }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToMachine()).ToList();
    }

    /// <summary>The machine without its inventory document: what access checks, job pages and reports need.</summary>
    public async Task<Machine?> GetSummaryAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<MachineRow>(new CommandDefinition(
            $"SELECT {SummaryColumns} FROM machines m WHERE m.id = @id", new { id }, cancellationToken: cancellationToken));
        return row?.ToMachine();
    }

    /// <summary>The machine (without inventory) whose agent credential hashes to this value: the agent's sign-in.</summary>
    public async Task<Machine?> GetSummaryByCredentialHashAsync(string credentialHash, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<MachineRow>(new CommandDefinition(
            $"SELECT {SummaryColumns} FROM machines m WHERE m.credential_hash = @credentialHash",
            new { credentialHash }, cancellationToken: cancellationToken));
        return row?.ToMachine();
    }

    /// <summary>One page of machines by name, each with its owner's email (revoked machines left out).</summary>
    public async Task<IReadOnlyList<(Machine Machine, string OwnerEmail)>> ListPageAsync(
        MachineFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var (where, parameters) = filter.ToWhere(_connections.Dialect);
        await using var connection = await _connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<MachineRow, OwnerRow, (Machine, string)>(
            new CommandDefinition(
                $"""
                SELECT m.id, m.name, m.owner_user_id, m.credential_hash, m.enrolled_at, m.last_seen_at, m.address, m.revoked,
                       {(filter.WithInventory ? "m.inventory, s.document AS software" : "NULL AS inventory, NULL AS software")},
                       COALESCE(u.email, '') AS owner_email
                FROM machines m
                {(filter.WithInventory ? "LEFT JOIN machine_software s ON s.machine_id = m.id" : "")}
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

    /// <summary>A pager counts at most this many machines; beyond it, it says "more than" (<see cref="CountAsync"/>).</summary>
    public const int CountLimit = 10_000;

    /// <summary>
    /// How many machines match the filter (for a pager), counting no further than <see cref="CountLimit"/> + 1: a count
    /// of every machine would read the whole fleet on every page.
    /// </summary>
    public async Task<int> CountAsync(MachineFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var (where, parameters) = filter.ToWhere(_connections.Dialect);
        parameters.Add("CountTo", CountLimit + 1);
        await using var connection = await _connections.OpenAsync(cancellationToken);
        return (int)await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM (SELECT 1 AS one FROM machines m {where} LIMIT @CountTo) counted", parameters, cancellationToken: cancellationToken));
    }

    /// <summary>Records that the agent connected now from <paramref name="address"/>.</summary>
    public async Task<bool> RecordSeenAsync(Guid id, DateTimeOffset seenAt, string address, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE machines SET last_seen_at = @seenAt, address = @address WHERE id = @id",
            new { id, seenAt, address }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>
    /// Stores the agent's latest inventory and when it was seen. Returns whether the machine exists. The external-software
    /// list is written only when its digest differs from the stored one.
    /// </summary>
    public Task<bool> SaveInventoryAsync(Guid id, Inventory inventory, DateTimeOffset seenAt, CancellationToken cancellationToken = default) =>
        StoreInventoryAsync(id, inventory, null, seenAt, cancellationToken);

    /// <summary>Stores the agent's latest inventory, its address and when it was seen. Returns whether the machine exists.</summary>
    public Task<bool> UpdateInventoryAsync(
        Guid id, Inventory inventory, string address, DateTimeOffset seenAt, CancellationToken cancellationToken = default) =>
        StoreInventoryAsync(id, inventory, address, seenAt, cancellationToken);

    /// <summary>
    /// Stores an inventory read with <see cref="GetWithoutSoftwareAsync"/> after changing what it holds besides the
    /// external-software list (e.g. last-used times): the stored list stays as it is.
    /// </summary>
    public async Task<bool> SaveInventoryWithoutSoftwareAsync(Guid id, Inventory inventory, DateTimeOffset seenAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        await using var connection = await _connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE machines SET inventory = @inventory, last_seen_at = @seenAt WHERE id = @id",
            new { id, inventory = DbJson.Write(inventory), seenAt }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>
    /// Stores an inventory whose agent left its external-software list out as unchanged (<paramref name="softwareDigest"/>):
    /// only when the stored list has that digest. Returns false, storing nothing, when it has another or none (the
    /// portal then asks the agent for the whole inventory).
    /// </summary>
    public async Task<bool> SaveInventoryKeepingSoftwareAsync(
        Guid id, Inventory inventory, string softwareDigest, DateTimeOffset seenAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        await using var connection = await _connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE machines SET inventory = @inventory, last_seen_at = @seenAt
            WHERE id = @id AND EXISTS (SELECT 1 FROM machine_software s WHERE s.machine_id = @id AND s.digest = @softwareDigest)
            """,
            new { id, inventory = InventoryDocument.WriteRest(inventory), seenAt, softwareDigest }, cancellationToken: cancellationToken)) > 0;
    }

    private async Task<bool> StoreInventoryAsync(Guid id, Inventory inventory, string? address, DateTimeOffset seenAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        var digest = SoftwareDigest.Of(inventory.ExternalSoftware);
        await using var connection = await _connections.OpenAsync(cancellationToken);
        // Read before the transaction: an unchanged list (nearly every report) costs one indexed read, no write of it.
        var stored = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT digest FROM machine_software WHERE machine_id = @id", new { id }, cancellationToken: cancellationToken));
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var updated = await connection.ExecuteAsync(new CommandDefinition(
            address is null
                ? "UPDATE machines SET inventory = @inventory, last_seen_at = @seenAt WHERE id = @id"
                : "UPDATE machines SET inventory = @inventory, address = @address, last_seen_at = @seenAt WHERE id = @id",
            new { id, inventory = InventoryDocument.WriteRest(inventory), address, seenAt }, transaction, cancellationToken: cancellationToken)) > 0;
        if (updated && stored != digest)
        {
            await UpsertSoftwareAsync(connection, transaction, id, inventory, digest, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return updated;
    }

    private static Task UpsertSoftwareAsync(
        DbConnection connection, DbTransaction transaction, Guid machineId, Inventory inventory, string digest, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO machine_software (machine_id, digest, document) VALUES (@machineId, @digest, @document)
            ON CONFLICT (machine_id) DO UPDATE SET digest = excluded.digest, document = excluded.document
            """,
            new { machineId, digest, document = InventoryDocument.WriteSoftware(inventory) }, transaction, cancellationToken: cancellationToken));

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

    /// <summary>Inserts a machine (and its inventory's external-software list) inside the caller's transaction.</summary>
    internal static async Task InsertAsync(DbConnection connection, DbTransaction transaction, Machine machine, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(machine);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO machines (id, name, name_key, owner_user_id, credential_hash, enrolled_at, last_seen_at, address, revoked, inventory)
            VALUES (@Id, @Name, @NameKey, @OwnerUserId, @CredentialHash, @EnrolledAt, @LastSeenAt, @Address, @Revoked, @Inventory)
            """,
            new
            {
                machine.Id,
                machine.Name,
                NameKey = MachineSearchKey.Of(machine.Name),
                machine.OwnerUserId,
                machine.CredentialHash,
                machine.EnrolledAt,
                machine.LastSeenAt,
                machine.Address,
                Revoked = machine.Revoked ? 1 : 0,
                Inventory = machine.Inventory is null ? null : InventoryDocument.WriteRest(machine.Inventory),
            },
            transaction,
            cancellationToken: cancellationToken));
        if (machine.Inventory is { } inventory)
        {
            await UpsertSoftwareAsync(connection, transaction, machine.Id, inventory, SoftwareDigest.Of(inventory.ExternalSoftware), cancellationToken);
        }
    }

    private sealed class OwnerRow
    {
        public string OwnerEmail { get; init; } = "";
    }
}
