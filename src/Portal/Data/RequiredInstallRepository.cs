using Dapper;

namespace Portal.Data;

/// <summary>
/// Per machine and required application: deferrals ("Later") and the claim that makes exactly one portal node queue the
/// install. Every change is one conditional UPDATE, so two nodes (or a user pressing "Later" while a node queues) cannot
/// both win, on SQLite and PostgreSQL alike.
/// </summary>
public sealed class RequiredInstallRepository
{
    private const string Select =
        "SELECT machine_id, application_id, deferrals_used, claimed_at, job_id, updated_at FROM required_installs";

    private readonly IDbConnectionFactory _connections;
    private readonly TimeProvider _time;

    public RequiredInstallRepository(IDbConnectionFactory connections, TimeProvider time)
    {
        DapperSetup.EnsureRegistered();
        _connections = connections;
        _time = time;
    }

    public async Task<RequiredInstallRecord?> GetAsync(Guid machineId, Guid applicationId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<RequiredInstallRecord>(new CommandDefinition(
            $"{Select} WHERE machine_id = @machineId AND application_id = @applicationId",
            new { machineId, applicationId },
            cancellationToken: cancellationToken));
    }

    /// <summary>Every record of one machine (the catalog page shows them all at once).</summary>
    public async Task<IReadOnlyList<RequiredInstallRecord>> ForMachineAsync(Guid machineId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<RequiredInstallRecord>(new CommandDefinition(
            $"{Select} WHERE machine_id = @machineId", new { machineId }, cancellationToken: cancellationToken));
        return rows.ToList();
    }

    /// <summary>
    /// Takes one deferral when fewer than <paramref name="allowed"/> were used and the install was not queued yet.
    /// Returns the deferrals used afterwards, or null when none was left (or it is already queued).
    /// </summary>
    public async Task<int?> TryDeferAsync(Guid machineId, Guid applicationId, int allowed, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await EnsureRowAsync(connection, machineId, applicationId, now, cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE required_installs SET deferrals_used = deferrals_used + 1, updated_at = @now
            WHERE machine_id = @machineId AND application_id = @applicationId AND deferrals_used < @allowed AND claimed_at IS NULL
            """,
            new { machineId, applicationId, allowed, now },
            cancellationToken: cancellationToken));
        if (changed != 1)
        {
            return null;
        }

        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT deferrals_used FROM required_installs WHERE machine_id = @machineId AND application_id = @applicationId",
            new { machineId, applicationId },
            cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Claims the install for this node: wins only when nobody claimed it (or a claim older than
    /// <paramref name="staleBefore"/> never got its job: that node stopped in between) and the user has not taken
    /// another deferral since <paramref name="deferralsUsed"/> was read.
    /// </summary>
    public async Task<bool> TryClaimAsync(
        Guid machineId, Guid applicationId, int deferralsUsed, DateTimeOffset staleBefore, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await EnsureRowAsync(connection, machineId, applicationId, now, cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE required_installs SET claimed_at = @now, updated_at = @now
            WHERE machine_id = @machineId AND application_id = @applicationId AND deferrals_used = @deferralsUsed
              AND (claimed_at IS NULL OR (job_id IS NULL AND claimed_at < @staleBefore))
            """,
            new { machineId, applicationId, deferralsUsed, staleBefore, now },
            cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Records the install job the claim produced.</summary>
    public async Task SetJobAsync(Guid machineId, Guid applicationId, Guid jobId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE required_installs SET job_id = @jobId, updated_at = @now WHERE machine_id = @machineId AND application_id = @applicationId",
            new { machineId, applicationId, jobId, now = _time.GetUtcNow() },
            cancellationToken: cancellationToken));
    }

    /// <summary>Gives a claim back when its job could not be created, so the next pass tries again.</summary>
    public async Task ReleaseAsync(Guid machineId, Guid applicationId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE required_installs SET claimed_at = NULL, updated_at = @now
            WHERE machine_id = @machineId AND application_id = @applicationId AND job_id IS NULL
            """,
            new { machineId, applicationId, now = _time.GetUtcNow() },
            cancellationToken: cancellationToken));
    }

    private static Task EnsureRowAsync(
        System.Data.Common.DbConnection connection, Guid machineId, Guid applicationId, DateTimeOffset now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO required_installs (machine_id, application_id, deferrals_used, updated_at)
            VALUES (@machineId, @applicationId, 0, @now)
            ON CONFLICT (machine_id, application_id) DO NOTHING
            """,
            new { machineId, applicationId, now },
            cancellationToken: cancellationToken));
}
