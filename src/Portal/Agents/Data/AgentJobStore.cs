using Catalog.Data;
using Catalog.Jobs;
using Dapper;

namespace Portal.Agents.Data;

/// <summary>The durable job queue as the agent link uses it: jobs are stored before they are pushed.</summary>
public sealed class AgentJobStore(IDbConnectionFactory connections)
{
    private const string Columns =
        "id, machine_id, application_id, kind, state, phase, percent, message, answers, requested_by, chain_id, chain_order, attempts, created_at, updated_at, delivered_at, completed_at";

    /// <summary>States in which a job is not finished yet.</summary>
    public static IReadOnlyList<JobState> OpenStates { get; } = [JobState.Queued, JobState.Delivered, JobState.Running];

    public static bool IsFinished(JobState state) => !OpenStates.Contains(state);

    public async Task InsertAsync(IReadOnlyList<Job> jobs, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var job in jobs)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                $"""
                INSERT INTO jobs ({Columns})
                VALUES (@id, @machineId, @applicationId, @kind, @state, @phase, @percent, @message, @answers, @requestedBy,
                        @chainId, @chainOrder, @attempts, @createdAt, @updatedAt, NULL, NULL)
                """,
                new
                {
                    id = Db.Id(job.Id),
                    machineId = Db.Id(job.MachineId),
                    applicationId = Db.Id(job.ApplicationId),
                    kind = job.Kind.ToString(),
                    state = job.State.ToString(),
                    phase = job.Phase?.ToString(),
                    percent = job.Percent,
                    message = job.Message,
                    answers = Db.Json(job.Answers),
                    requestedBy = Db.Id(job.RequestedBy),
                    chainId = Db.Id(job.ChainId),
                    chainOrder = job.ChainOrder,
                    attempts = job.Attempts,
                    createdAt = Db.Time(job.CreatedAt),
                    updatedAt = Db.Time(job.UpdatedAt),
                },
                transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<Job?> GetAsync(Guid jobId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<JobRow>(new CommandDefinition(
            $"SELECT {Columns} FROM jobs WHERE id = @id", new { id = Db.Id(jobId) }, cancellationToken: cancellationToken));
        return row?.ToJob();
    }

    public async Task<IReadOnlyList<Job>> ListChainAsync(Guid chainId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<JobRow>(new CommandDefinition(
            $"SELECT {Columns} FROM jobs WHERE chain_id = @chainId ORDER BY chain_order", new { chainId = Db.Id(chainId) },
            cancellationToken: cancellationToken));
        return rows.Select(r => r.ToJob()).ToList();
    }

    public async Task<IReadOnlyList<Job>> ListForMachineAsync(Guid machineId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<JobRow>(new CommandDefinition(
            $"SELECT {Columns} FROM jobs WHERE machine_id = @machineId ORDER BY created_at, chain_order",
            new { machineId = Db.Id(machineId) }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToJob()).ToList();
    }

    /// <summary>
    /// The machine's unfinished jobs whose chain predecessors all succeeded, oldest first: what the agent should run
    /// (again, after a reconnect — the agent ignores ids it already finished).
    /// </summary>
    public async Task<IReadOnlyList<Job>> ListDeliverableAsync(Guid machineId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<JobRow>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM jobs j
            WHERE j.machine_id = @machineId AND j.state IN ('Queued', 'Delivered', 'Running')
              AND NOT EXISTS (SELECT 1 FROM jobs p WHERE p.chain_id = j.chain_id AND p.chain_order < j.chain_order AND p.state <> 'Succeeded')
            ORDER BY j.created_at, j.chain_order
            """,
            new { machineId = Db.Id(machineId) }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToJob()).ToList();
    }

    /// <summary>Queued → Delivered. Returns false when the job was not queued.</summary>
    public async Task<bool> MarkDeliveredAsync(Guid jobId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE jobs SET state = 'Delivered', delivered_at = @at, updated_at = @at, attempts = attempts + 1 WHERE id = @id AND state = 'Queued'",
            new { id = Db.Id(jobId), at = Db.Time(at) }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Records progress of an unfinished job (it is then Running). Returns false for a finished job.</summary>
    public async Task<bool> UpdateProgressAsync(Guid jobId, JobPhase phase, int percent, string message, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE jobs SET state = 'Running', phase = @phase, percent = @percent, message = @message, updated_at = @at,
                            delivered_at = COALESCE(delivered_at, @at)
            WHERE id = @id AND state IN ('Queued', 'Delivered', 'Running')
            """,
            new { id = Db.Id(jobId), phase = phase.ToString(), percent = Math.Clamp(percent, 0, 100), message, at = Db.Time(at) },
            cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Finishes an unfinished job. Returns false when it was already finished (a repeated report).</summary>
    public async Task<bool> CompleteAsync(Guid jobId, JobState outcome, string message, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (!IsFinished(outcome))
        {
            throw new ArgumentException($"'{outcome}' is not a final job state.", nameof(outcome));
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE jobs SET state = @state, message = @message, updated_at = @at, completed_at = @at,
                            percent = CASE WHEN @state = 'Succeeded' THEN 100 ELSE percent END
            WHERE id = @id AND state IN ('Queued', 'Delivered', 'Running')
            """,
            new { id = Db.Id(jobId), state = outcome.ToString(), message, at = Db.Time(at) },
            cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Puts a failed, rolled-back or cancelled job back in the queue.</summary>
    public async Task<bool> RequeueAsync(Guid jobId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE jobs SET state = 'Queued', phase = NULL, percent = 0, message = '', updated_at = @at, delivered_at = NULL, completed_at = NULL
            WHERE id = @id AND state IN ('Failed', 'RolledBack', 'Cancelled')
            """,
            new { id = Db.Id(jobId), at = Db.Time(at) }, cancellationToken: cancellationToken)) == 1;
    }

    public async Task AddEventAsync(JobEvent jobEvent, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO job_events (job_id, at, level, message) VALUES (@jobId, @at, @level, @message)",
            new { jobId = Db.Id(jobEvent.JobId), at = Db.Time(jobEvent.At), level = jobEvent.Level.ToString(), message = jobEvent.Message },
            cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<JobEvent>> ListEventsAsync(Guid jobId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Id, string At, string Level, string Message)>(new CommandDefinition(
            "SELECT id, at, level, message FROM job_events WHERE job_id = @jobId ORDER BY id", new { jobId = Db.Id(jobId) },
            cancellationToken: cancellationToken));
        return rows.Select(r => new JobEvent
        {
            Id = r.Id, JobId = jobId, At = Db.ParseTime(r.At), Level = Db.Enum<JobEventLevel>(r.Level), Message = r.Message,
        }).ToList();
    }
}
