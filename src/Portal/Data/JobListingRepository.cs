using Catalog.Jobs;
using Dapper;

namespace Portal.Data;

/// <summary>
/// Jobs as lists show them: one page at a time, with the machine's and application's names joined in the same query,
/// so a list costs what it shows and never loads the fleet.
/// </summary>
public sealed class JobListingRepository
{
    private const string Select =
        $"""
        SELECT j.id, j.machine_id, j.application_id, j.kind, j.state, j.phase, j.percent, j.message, j.answers, j.requested_by,
               j.chain_id, j.chain_order, j.attempts, j.created_at, j.updated_at, j.delivered_at, j.completed_at, j.attempt,
               j.retry_of, j.superseded, j.upgrade_from, j.upgrade_from_application,
               COALESCE(m.name, '') AS machine_name, COALESCE(a.name, '') AS application_name, COALESCE(a.version, '') AS application_version
        FROM jobs j
        LEFT JOIN machines m ON m.id = j.machine_id
        LEFT JOIN applications a ON a.id = j.application_id
        """;

    private readonly IDbConnectionFactory _connections;

    public JobListingRepository(IDbConnectionFactory connections)
    {
        DapperSetup.EnsureRegistered();
        _connections = connections;
    }

    /// <summary>One page of the jobs matching the filter, newest first.</summary>
    public async Task<IReadOnlyList<JobListing>> ListAsync(JobFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var (where, parameters) = filter.ToWhere("j");
        return await QueryAsync(
            $"""
            {Select}
            {where}
            ORDER BY j.created_at DESC, j.chain_order DESC, j.id
            LIMIT @Limit OFFSET @Offset
            """,
            parameters,
            cancellationToken);
    }

    /// <summary>How many jobs match the filter (for a pager).</summary>
    public async Task<int> CountAsync(JobFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var (where, parameters) = filter.ToWhere("j");
        await using var connection = await _connections.OpenAsync(cancellationToken);
        return (int)await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM jobs j {where}", parameters, cancellationToken: cancellationToken));
    }

    public async Task<JobListing?> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        (await QueryAsync($"{Select} WHERE j.id = @id", new DynamicParameters(new { id }), cancellationToken)).FirstOrDefault();

    /// <summary>
    /// The newest current attempt of each application on the machine (what a catalog card shows: running, failed or
    /// done). Reads that machine's jobs only.
    /// </summary>
    public async Task<IReadOnlyList<JobListing>> LatestPerApplicationAsync(Guid machineId, CancellationToken cancellationToken = default) =>
        await QueryAsync(
            $"""
            {Select}
            WHERE j.id IN (
                SELECT id FROM (
                    SELECT id, ROW_NUMBER() OVER (PARTITION BY application_id ORDER BY created_at DESC, chain_order DESC, id) AS position
                    FROM jobs
                    WHERE machine_id = @machineId AND superseded = 0
                ) ranked
                WHERE position = 1)
            """,
            new DynamicParameters(new { machineId }),
            cancellationToken);

    private async Task<IReadOnlyList<JobListing>> QueryAsync(string sql, DynamicParameters parameters, CancellationToken cancellationToken)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<JobRow, JobNames, JobListing>(
            new CommandDefinition(sql, parameters, cancellationToken: cancellationToken),
            (job, names) => new JobListing(job.ToJob(), names.MachineName, names.ApplicationName, names.ApplicationVersion),
            splitOn: "machine_name");
        return rows.ToList();
    }

    private sealed class JobNames
    {
        public string MachineName { get; init; } = "";

        public string ApplicationName { get; init; } = "";

        public string ApplicationVersion { get; init; } = "";
    }
}
