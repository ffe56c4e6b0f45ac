using System.Data.Common;
using Catalog.Jobs;
using Dapper;

namespace Catalog.Data;

/// <summary>
/// The durable job queue. A job moves Queued → Delivered → Running → Succeeded | Failed | RolledBack, or to
/// Cancelled. Jobs created together form a chain (dependencies first): a member is deliverable only once every
/// earlier member succeeded, and when one fails the later ones are cancelled. Every transition is a conditional
/// update, so a late or repeated report cannot move a finished job.
/// </summary>
public sealed class JobRepository
{
    // Fixed state sets are part of each statement's logic, written as SQL literals from the enum names.
    private const string Unfinished = $"('{nameof(JobState.Queued)}', '{nameof(JobState.Delivered)}', '{nameof(JobState.Running)}')";
    private const string Cancellable = $"('{nameof(JobState.Queued)}', '{nameof(JobState.Delivered)}')";
    private const string Retryable = $"('{nameof(JobState.Failed)}', '{nameof(JobState.RolledBack)}')";

    private readonly IDbConnectionFactory _connections;
    private readonly TimeProvider _time;

    public JobRepository(IDbConnectionFactory connections, TimeProvider time)
    {
        DapperSetup.EnsureRegistered();
        _connections = connections;
        _time = time;
    }

    /// <summary>
    /// Stores the jobs in one transaction as one chain, in list order: they get the first job's ChainId (or a new
    /// one when it is empty), ChainOrder 0..n-1, state Queued and CreatedAt/UpdatedAt = now. Returns them as stored.
    /// </summary>
    public async Task<IReadOnlyList<Job>> CreateChainAsync(IReadOnlyList<Job> jobs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        if (jobs.Count == 0)
        {
            return [];
        }

        var now = _time.GetUtcNow();
        var chainId = jobs[0].ChainId == Guid.Empty ? Guid.NewGuid() : jobs[0].ChainId;
        var stored = jobs.Select((job, order) => job with
        {
            ChainId = chainId,
            ChainOrder = order,
            State = JobState.Queued,
            CreatedAt = now,
            UpdatedAt = now,
        }).ToList();

        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var job in stored)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                $"""
                INSERT INTO jobs ({JobRow.Columns})
                VALUES (@Id, @MachineId, @ApplicationId, @Kind, @State, @Phase, @Percent, @Message, @Answers, @RequestedBy,
                        @ChainId, @ChainOrder, @Attempts, @CreatedAt, @UpdatedAt, @DeliveredAt, @CompletedAt)
                """,
                new
                {
                    job.Id,
                    job.MachineId,
                    job.ApplicationId,
                    Kind = job.Kind.ToString(),
                    State = job.State.ToString(),
                    Phase = job.Phase?.ToString(),
                    job.Percent,
                    job.Message,
                    Answers = DbJson.Write(job.Answers),
                    job.RequestedBy,
                    job.ChainId,
                    job.ChainOrder,
                    job.Attempts,
                    job.CreatedAt,
                    job.UpdatedAt,
                    job.DeliveredAt,
                    job.CompletedAt,
                },
                transaction,
                cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return stored;
    }

    public async Task<Job?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        return await GetAsync(connection, null, id, cancellationToken);
    }

    /// <summary>Jobs matching the filter, newest first.</summary>
    public async Task<IReadOnlyList<Job>> ListAsync(JobFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var parameters = new DynamicParameters(new { filter.MachineId, filter.ApplicationId, filter.RequestedBy, filter.Limit, filter.Offset });
        var where = new SqlWhere()
            .When(filter.MachineId is not null, "machine_id = @MachineId")
            .When(filter.ApplicationId is not null, "application_id = @ApplicationId")
            .When(filter.RequestedBy is not null, "requested_by = @RequestedBy")
            .When(filter.States is { Count: > 0 }, $"state IN {SqlList.In(parameters, "state", filter.States?.Select(s => s.ToString()) ?? [])}");
        await using var connection = await _connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<JobRow>(new CommandDefinition(
            $"""
            SELECT {JobRow.Columns} FROM jobs
            {where}
            ORDER BY created_at DESC, chain_order DESC, id
            LIMIT @Limit OFFSET @Offset
            """,
            parameters,
            cancellationToken: cancellationToken));
        return rows.Select(r => r.ToJob()).ToList();
    }

    /// <summary>
    /// The machine's unfinished jobs (Queued, Delivered or Running) whose earlier chain members all succeeded, oldest
    /// first: what to push to the agent when it connects.
    /// </summary>
    public async Task<IReadOnlyList<Job>> ListDeliverableAsync(Guid machineId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<JobRow>(new CommandDefinition(
            $"""
            SELECT {JobRow.Columns} FROM jobs j
            WHERE j.machine_id = @machineId
              AND j.state IN {Unfinished}
              AND NOT EXISTS (
                  SELECT 1 FROM jobs earlier
                  WHERE earlier.chain_id = j.chain_id
                    AND earlier.chain_order < j.chain_order
                    AND earlier.state <> @Succeeded)
            ORDER BY j.created_at, j.chain_order, j.id
            """,
            new { machineId, Succeeded = nameof(JobState.Succeeded) },
            cancellationToken: cancellationToken));
        return rows.Select(r => r.ToJob()).ToList();
    }

    /// <summary>Records a push to the agent: Queued (or already Delivered) → Delivered, one more attempt. False otherwise.</summary>
    public async Task<bool> MarkDeliveredAsync(Guid id, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE jobs SET state = @Delivered, attempts = attempts + 1, delivered_at = @at, updated_at = @at
            WHERE id = @id AND state IN {Cancellable}
            """,
            new { id, at, Delivered = nameof(JobState.Delivered) },
            cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>Records progress (the job becomes Running); ignored, returning false, once the job has finished.</summary>
    public async Task<bool> UpdateProgressAsync(
        Guid id, JobPhase phase, int percent, string message, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE jobs SET state = @Running, phase = @phase, percent = @percent, message = @message, updated_at = @at
            WHERE id = @id AND state IN {Unfinished}
            """,
            new
            {
                id,
                phase = phase.ToString(),
                percent = Math.Clamp(percent, 0, 100),
                message,
                at,
                Running = nameof(JobState.Running),
            },
            cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>
    /// Finishes an unfinished job with <paramref name="final"/> (Succeeded, Failed, RolledBack or Cancelled). Anything
    /// but success also cancels the later members of its chain with the message "Stopped: dependency NAME failed",
    /// NAME being <paramref name="failedDependencyName"/> (e.g. the application's name) or else the application id.
    /// Idempotent: completing a finished job changes nothing and returns false.
    /// </summary>
    public async Task<bool> CompleteAsync(
        Guid id,
        JobState final,
        string message,
        DateTimeOffset at,
        string? failedDependencyName = null,
        CancellationToken cancellationToken = default)
    {
        if (final is not (JobState.Succeeded or JobState.Failed or JobState.RolledBack or JobState.Cancelled))
        {
            throw new ArgumentOutOfRangeException(
                nameof(final), final, $"A job cannot be completed as {final}: use Succeeded, Failed, RolledBack or Cancelled.");
        }

        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var finished = await connection.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE jobs SET state = @final, message = @message, completed_at = @at, updated_at = @at,
                            percent = CASE WHEN @final = @Succeeded THEN 100 ELSE percent END
            WHERE id = @id AND state IN {Unfinished}
            """,
            new { id, final = final.ToString(), message, at, Succeeded = nameof(JobState.Succeeded) },
            transaction,
            cancellationToken: cancellationToken));
        if (finished == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        if (final != JobState.Succeeded)
        {
            var job = (await GetAsync(connection, transaction, id, cancellationToken))!;
            await StopLaterChainMembersAsync(
                connection, transaction, job, $"Stopped: dependency {failedDependencyName ?? job.ApplicationId.ToString()} failed", at,
                cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Cancels a job the agent has not started (Queued or Delivered) and the later members of its chain. Returns
    /// false when the job is unknown, running or finished.
    /// </summary>
    public async Task<bool> CancelAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var cancelled = await connection.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE jobs SET state = @Cancelled, message = 'Cancelled', completed_at = @now, updated_at = @now
            WHERE id = @id AND state IN {Cancellable}
            """,
            new { id, now, Cancelled = nameof(JobState.Cancelled) },
            transaction,
            cancellationToken: cancellationToken));
        if (cancelled == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        var job = (await GetAsync(connection, transaction, id, cancellationToken))!;
        await StopLaterChainMembersAsync(connection, transaction, job, "Cancelled with an earlier job of the same request", now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Queues a Failed or RolledBack job again with a fresh attempt (phase, progress and completion cleared), and
    /// re-queues the later chain members its failure had stopped. Returns false for any other state.
    /// </summary>
    public async Task<bool> RetryAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var requeued = await connection.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE jobs SET state = @Queued, phase = NULL, percent = 0, message = '', delivered_at = NULL,
                            completed_at = NULL, updated_at = @now
            WHERE id = @id AND state IN {Retryable}
            """,
            new { id, now, Queued = nameof(JobState.Queued) },
            transaction,
            cancellationToken: cancellationToken));
        if (requeued == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        var job = (await GetAsync(connection, transaction, id, cancellationToken))!;
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE jobs SET state = @Queued, phase = NULL, percent = 0, message = '', delivered_at = NULL,
                            completed_at = NULL, updated_at = @now
            WHERE chain_id = @ChainId AND chain_order > @ChainOrder AND state = @Cancelled AND message LIKE 'Stopped: dependency %'
            """,
            new { job.ChainId, job.ChainOrder, now, Queued = nameof(JobState.Queued), Cancelled = nameof(JobState.Cancelled) },
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Whether the machine has an unfinished job for the application (to refuse a duplicate request).</summary>
    public async Task<bool> HasActiveJobAsync(Guid machineId, Guid applicationId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"""
            SELECT COUNT(*) FROM jobs
            WHERE machine_id = @machineId AND application_id = @applicationId AND state IN {Unfinished}
            """,
            new { machineId, applicationId },
            cancellationToken: cancellationToken)) > 0;
    }

    private static async Task<Job?> GetAsync(
        DbConnection connection, DbTransaction? transaction, Guid id, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<JobRow>(new CommandDefinition(
            $"SELECT {JobRow.Columns} FROM jobs WHERE id = @id", new { id }, transaction, cancellationToken: cancellationToken));
        return row?.ToJob();
    }

    private static Task StopLaterChainMembersAsync(
        DbConnection connection, DbTransaction transaction, Job job, string message, DateTimeOffset at, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE jobs SET state = @Cancelled, message = @message, completed_at = @at, updated_at = @at
            WHERE chain_id = @ChainId AND chain_order > @ChainOrder AND state IN {Unfinished}
            """,
            new { job.ChainId, job.ChainOrder, message, at, Cancelled = nameof(JobState.Cancelled) },
            transaction,
            cancellationToken: cancellationToken));
}
