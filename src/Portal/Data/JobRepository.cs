using System.Data.Common;
using Catalog.Jobs;
using Dapper;

namespace Portal.Data;

/// <summary>
/// The durable job queue and every transition of a job, each in one transaction with the history lines it writes.
/// A job moves Queued → Delivered → Running → Succeeded | Failed | RolledBack | Interrupted, or to Cancelled. Jobs
/// created together form a chain (dependencies first): a member is deliverable only once every earlier member
/// succeeded, and when one fails the later ones are stopped. A retry is a new attempt (a new job id the agent runs
/// afresh) that supersedes the failed one in its chain. Every transition is a conditional update, so a late or
/// repeated report cannot move a finished job.
/// </summary>
public sealed class JobRepository
{
    // Fixed state sets are part of each statement's logic, written as SQL literals from the enum names.
    internal const string Unfinished =
        $"('{nameof(JobState.Queued)}', '{nameof(JobState.Delivered)}', '{nameof(JobState.Running)}', '{nameof(JobState.Blocked)}')";
    private const string Cancellable = $"('{nameof(JobState.Queued)}', '{nameof(JobState.Delivered)}')";
    private const string Retryable =
        $"('{nameof(JobState.Failed)}', '{nameof(JobState.RolledBack)}', '{nameof(JobState.Cancelled)}', '{nameof(JobState.Interrupted)}')";

    private readonly IDbConnectionFactory _connections;
    private readonly TimeProvider _time;

    public JobRepository(IDbConnectionFactory connections, TimeProvider time)
    {
        DapperSetup.EnsureRegistered();
        _connections = connections;
        _time = time;
    }

    public static bool IsFinished(JobState state) => state is not (JobState.Queued or JobState.Delivered or JobState.Running or JobState.Blocked);

    /// <summary>
    /// Stores the jobs in one transaction as one chain, in list order: they get the first job's ChainId (or a new
    /// one when it is empty), ChainOrder 0..n-1, state Queued and CreatedAt/UpdatedAt = now. Returns them as stored.
    /// </summary>
    public async Task<IReadOnlyList<Job>> CreateChainAsync(
        IReadOnlyList<Job> jobs, string history = "Queued.", CancellationToken cancellationToken = default)
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
            await InsertAsync(connection, transaction, job, cancellationToken);
            await JobEventRepository.InsertAsync(connection, transaction, job.Id, now, JobEventLevel.Info, history, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return stored;
    }

    public async Task<Job?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        return await GetAsync(connection, null, id, cancellationToken);
    }

    /// <summary>Jobs matching the filter, newest first (one page).</summary>
    public async Task<IReadOnlyList<Job>> ListAsync(JobFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var (where, parameters) = filter.ToWhere("");
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
    /// The machine's unfinished current attempts whose earlier chain members all succeeded, oldest first: what to push
    /// to the agent when it connects (again after a reconnect: the agent ignores job ids it already finished).
    /// </summary>
    public async Task<IReadOnlyList<Job>> ListDeliverableAsync(Guid machineId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<JobRow>(new CommandDefinition(
            $"""
            SELECT {JobRow.Columns} FROM jobs j
            WHERE j.machine_id = @machineId
              AND j.state IN {Unfinished}
              AND j.superseded = 0
              AND NOT EXISTS (
                  SELECT 1 FROM jobs earlier
                  WHERE earlier.chain_id = j.chain_id
                    AND earlier.chain_order < j.chain_order
                    AND earlier.superseded = 0
                    AND earlier.state <> @Succeeded)
            ORDER BY j.created_at, j.chain_order, j.id
            """,
            new { machineId, Succeeded = nameof(JobState.Succeeded) },
            cancellationToken: cancellationToken));
        return rows.Select(r => r.ToJob()).ToList();
    }

    /// <summary>
    /// Those of <paramref name="machineIds"/> with a queued current attempt last changed before <paramref name="before"/>:
    /// a push another node asked for may have been missed (several portal nodes), so the node holding the agent pushes
    /// again (the agent ignores a job it already has).
    /// </summary>
    public async Task<IReadOnlyList<Guid>> MachinesWithQueuedJobsAsync(
        IReadOnlyCollection<Guid> machineIds, DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(machineIds);
        if (machineIds.Count == 0)
        {
            return [];
        }

        var parameters = new DynamicParameters(new { before, Queued = nameof(JobState.Queued) });
        var ids = SqlList.In(parameters, "m", machineIds.Distinct());
        await using var connection = await _connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Guid>(new CommandDefinition(
            $"""
            SELECT DISTINCT machine_id FROM jobs
            WHERE machine_id IN {ids} AND state = @Queued AND superseded = 0 AND updated_at < @before
            """,
            parameters,
            cancellationToken: cancellationToken));
        return rows.ToList();
    }

    /// <summary>How many current attempts are queued, delivered and running (the index on state keeps it to the open work).</summary>
    public async Task<IReadOnlyDictionary<JobState, long>> CountUnfinishedAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string State, long Count)>(new CommandDefinition(
            $"SELECT state, COUNT(*) FROM jobs WHERE state IN {Unfinished} AND superseded = 0 GROUP BY state",
            cancellationToken: cancellationToken));
        var counts = new Dictionary<JobState, long> { [JobState.Queued] = 0, [JobState.Delivered] = 0, [JobState.Running] = 0 };
        foreach (var (state, count) in rows)
        {
            counts[Enum.Parse<JobState>(state)] = count;
        }

        return counts;
    }

    /// <summary>Records the agent's acknowledgement: Queued (or already Delivered) → Delivered. Null when nothing changed.</summary>
    public async Task<Job?> MarkDeliveredAsync(Guid id, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE jobs SET state = @Delivered, attempts = attempts + 1, delivered_at = @at, updated_at = @at,
                            message = CASE WHEN state = @Queued THEN 'Delivered to the agent.' ELSE message END
            WHERE id = @id AND state IN {Cancellable}
            """,
            new { id, at, Delivered = nameof(JobState.Delivered), Queued = nameof(JobState.Queued) },
            transaction,
            cancellationToken: cancellationToken));
        return await CommitChangedAsync(connection, transaction, changed, id, cancellationToken);
    }

    /// <summary>
    /// Records progress (the job becomes Running) and, when the phase changes, a history line. Null once the job has
    /// finished (a late report).
    /// </summary>
    public async Task<Job?> UpdateProgressAsync(
        Guid id, JobPhase phase, int percent, string message, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var before = await GetAsync(connection, transaction, id, cancellationToken);
        if (before is null || IsFinished(before.State))
        {
            await transaction.RollbackAsync(cancellationToken);
            return null;
        }

        var changed = await connection.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE jobs SET state = @Running, phase = @phase, percent = @percent, message = @message, updated_at = @at,
                            delivered_at = COALESCE(delivered_at, @at)
            WHERE id = @id AND state IN {Unfinished}
            """,
            new { id, phase = phase.ToString(), percent = Math.Clamp(percent, 0, 100), message, at, Running = nameof(JobState.Running) },
            transaction,
            cancellationToken: cancellationToken));
        if (changed > 0 && before.Phase != phase)
        {
            await JobEventRepository.InsertAsync(connection, transaction, id, at, JobEventLevel.Info, $"{phase}: {message}", cancellationToken);
        }

        return await CommitChangedAsync(connection, transaction, changed, id, cancellationToken);
    }

    /// <summary>
    /// The agent found programs that block the job running and changed nothing: the job waits in
    /// <see cref="JobState.Blocked"/> with <paramref name="message"/> (naming them). Null once the job has finished.
    /// </summary>
    public async Task<Job?> MarkBlockedAsync(Guid id, string message, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var before = await GetAsync(connection, transaction, id, cancellationToken);
        if (before is null || IsFinished(before.State))
        {
            await transaction.RollbackAsync(cancellationToken);
            return null;
        }

        var changed = await connection.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE jobs SET state = @Blocked, message = @message, updated_at = @at, delivered_at = COALESCE(delivered_at, @at)
            WHERE id = @id AND state IN {Unfinished}
            """,
            new { id, message, at, Blocked = nameof(JobState.Blocked) },
            transaction,
            cancellationToken: cancellationToken));
        if (changed > 0 && (before.State != JobState.Blocked || before.Message != message))
        {
            await JobEventRepository.InsertAsync(connection, transaction, id, at, JobEventLevel.Warning, message, cancellationToken);
        }

        return await CommitChangedAsync(connection, transaction, changed, id, cancellationToken);
    }

    /// <summary>
    /// Finishes an unfinished job with <paramref name="final"/> and writes the outcome to its history. Anything but
    /// success also stops the later current members of its chain (Cancelled, with <paramref name="stopReason"/>); a
    /// success returns the chain's next job. Idempotent: completing a finished job changes nothing and returns null.
    /// </summary>
    public async Task<JobTransition?> CompleteAsync(
        Guid id, JobState final, string message, DateTimeOffset at, Func<Job, string> stopReason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stopReason);
        if (!IsFinished(final))
        {
            throw new ArgumentOutOfRangeException(nameof(final), final, $"A job cannot be completed as {final}: it is not a final state.");
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
            return null;
        }

        var job = (await GetAsync(connection, transaction, id, cancellationToken))!;
        var level = final == JobState.Succeeded ? JobEventLevel.Info : final == JobState.Cancelled ? JobEventLevel.Warning : JobEventLevel.Error;
        await JobEventRepository.InsertAsync(connection, transaction, id, at, level, $"{final}: {message}", cancellationToken);
        IReadOnlyList<Job> stopped = [];
        Job? next = null;
        if (final == JobState.Succeeded)
        {
            next = await NextInChainAsync(connection, transaction, job, cancellationToken);
        }
        else
        {
            stopped = await StopLaterChainMembersAsync(connection, transaction, job, stopReason(job), at, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new JobTransition(job, stopped, next);
    }

    /// <summary>
    /// Cancels a job the agent has not started (Queued or Delivered) and stops the later members of its chain. Null
    /// when the job is unknown, running or finished.
    /// </summary>
    public async Task<JobTransition?> CancelAsync(Guid id, string reason, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var cancelled = await connection.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE jobs SET state = @Cancelled, message = @reason, completed_at = @now, updated_at = @now
            WHERE id = @id AND state IN {Cancellable}
            """,
            new { id, now, reason, Cancelled = nameof(JobState.Cancelled) },
            transaction,
            cancellationToken: cancellationToken));
        if (cancelled == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return null;
        }

        var job = (await GetAsync(connection, transaction, id, cancellationToken))!;
        await JobEventRepository.InsertAsync(connection, transaction, id, now, JobEventLevel.Warning, $"Cancelled: {reason}", cancellationToken);
        var stopped = await StopLaterChainMembersAsync(
            connection, transaction, job, $"Not run: the job before it was cancelled ({reason})", now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new JobTransition(job, stopped, null);
    }

    /// <summary>
    /// Retries a finished, unsuccessful current attempt: in one transaction the attempt and the later chain members
    /// its failure stopped are superseded by new attempts (new ids, attempt + 1, Queued), so the agent runs them afresh
    /// and the chain resumes. Returns the new attempts in chain order, or null when the job cannot be retried (unknown,
    /// not finished, succeeded, already superseded, or the application has another unfinished job on the machine).
    /// </summary>
    public async Task<IReadOnlyList<Job>?> RetryAsync(Guid id, string history, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var superseded = await connection.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE jobs SET superseded = 1, updated_at = @now
            WHERE id = @id AND superseded = 0 AND state IN {Retryable}
              AND NOT EXISTS (
                  SELECT 1 FROM jobs other
                  WHERE other.machine_id = jobs.machine_id AND other.application_id = jobs.application_id
                    AND other.state IN {Unfinished})
            """,
            new { id, now },
            transaction,
            cancellationToken: cancellationToken));
        if (superseded == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return null;
        }

        var failed = (await GetAsync(connection, transaction, id, cancellationToken))!;
        var followers = (await connection.QueryAsync<JobRow>(new CommandDefinition(
            $"""
            SELECT {JobRow.Columns} FROM jobs
            WHERE chain_id = @ChainId AND chain_order > @ChainOrder AND superseded = 0 AND state = @Cancelled
            ORDER BY chain_order
            """,
            new { failed.ChainId, failed.ChainOrder, Cancelled = nameof(JobState.Cancelled) },
            transaction,
            cancellationToken: cancellationToken))).Select(r => r.ToJob()).ToList();

        var created = new List<Job>();
        foreach (var previous in followers.Prepend(failed))
        {
            if (previous.Id != failed.Id)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE jobs SET superseded = 1, updated_at = @now WHERE id = @Id",
                    new { previous.Id, now }, transaction, cancellationToken: cancellationToken));
            }

            var attempt = previous with
            {
                Id = Guid.NewGuid(),
                State = JobState.Queued,
                Phase = null,
                Percent = 0,
                Message = "",
                Attempts = 0,
                Attempt = previous.Attempt + 1,
                RetryOf = previous.Id,
                Superseded = false,
                CreatedAt = now,
                UpdatedAt = now,
                DeliveredAt = null,
                CompletedAt = null,
            };
            await InsertAsync(connection, transaction, attempt, cancellationToken);
            await JobEventRepository.InsertAsync(
                connection, transaction, previous.Id, now, JobEventLevel.Info, $"Superseded by attempt {attempt.Attempt} ({history}).", cancellationToken);
            await JobEventRepository.InsertAsync(
                connection, transaction, attempt.Id, now, JobEventLevel.Info,
                $"Attempt {attempt.Attempt}, queued: {history}. Attempt {previous.Attempt} ended {previous.State}: {previous.Message}", cancellationToken);
            created.Add(attempt);
        }

        await transaction.CommitAsync(cancellationToken);
        return created;
    }

    /// <summary>
    /// Notes on the machine's started jobs that its agent went offline (the state stays: the agent reports the outcome
    /// when it is back). Returns the jobs it changed.
    /// </summary>
    public async Task<IReadOnlyList<Job>> MarkAgentOfflineAsync(Guid machineId, string message, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var running = (await connection.QueryAsync<JobRow>(new CommandDefinition(
            $"SELECT {JobRow.Columns} FROM jobs WHERE machine_id = @machineId AND state = @Running AND superseded = 0",
            new { machineId, Running = nameof(JobState.Running) },
            transaction,
            cancellationToken: cancellationToken))).Select(r => r.ToJob()).ToList();
        foreach (var job in running)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE jobs SET message = @message, updated_at = @at WHERE id = @Id",
                new { job.Id, message, at }, transaction, cancellationToken: cancellationToken));
            await JobEventRepository.InsertAsync(connection, transaction, job.Id, at, JobEventLevel.Warning, message, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return running.Select(j => j with { Message = message, UpdatedAt = at }).ToList();
    }

    /// <summary>
    /// The machine's current attempts that ended <see cref="JobState.Interrupted"/> and were not retried yet, with an
    /// attempt number below <paramref name="maximumAttempt"/>: what still needs its automatic new attempt.
    /// </summary>
    public async Task<IReadOnlyList<Job>> ListUnretriedInterruptionsAsync(Guid machineId, int maximumAttempt, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<JobRow>(new CommandDefinition(
            $"""
            SELECT {JobRow.Columns} FROM jobs
            WHERE machine_id = @machineId AND state = @Interrupted AND superseded = 0 AND attempt < @maximumAttempt
            ORDER BY created_at, chain_order, id
            """,
            new { machineId, maximumAttempt, Interrupted = nameof(JobState.Interrupted) },
            cancellationToken: cancellationToken));
        return rows.Select(r => r.ToJob()).ToList();
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

    /// <summary>Whether the machine ever had a job for the application (an agent may report events only about those).</summary>
    public async Task<bool> HasAnyJobAsync(Guid machineId, Guid applicationId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT 1 FROM jobs WHERE machine_id = @machineId AND application_id = @applicationId LIMIT 1",
            new { machineId, applicationId },
            cancellationToken: cancellationToken)) is not null;
    }

    private static async Task<Job?> CommitChangedAsync(
        DbConnection connection, DbTransaction transaction, int changed, Guid id, CancellationToken cancellationToken)
    {
        if (changed == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return null;
        }

        var job = await GetAsync(connection, transaction, id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return job;
    }

    private static async Task<Job?> GetAsync(
        DbConnection connection, DbTransaction? transaction, Guid id, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<JobRow>(new CommandDefinition(
            $"SELECT {JobRow.Columns} FROM jobs WHERE id = @id", new { id }, transaction, cancellationToken: cancellationToken));
        return row?.ToJob();
    }

    private static async Task InsertAsync(DbConnection connection, DbTransaction transaction, Job job, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO jobs ({JobRow.Columns})
            VALUES (@Id, @MachineId, @ApplicationId, @Kind, @State, @Phase, @Percent, @Message, @Answers, @RequestedBy,
                    @ChainId, @ChainOrder, @Attempts, @CreatedAt, @UpdatedAt, @DeliveredAt, @CompletedAt, @Attempt, @RetryOf, @Superseded, @UpgradeFrom, @UpgradeFromApplication)
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
                job.Attempt,
                job.RetryOf,
                Superseded = job.Superseded ? 1 : 0,
                job.UpgradeFrom,
                UpgradeFromApplication = job.UpgradeFromApplicationId,
            },
            transaction,
            cancellationToken: cancellationToken));

    private static async Task<Job?> NextInChainAsync(DbConnection connection, DbTransaction transaction, Job job, CancellationToken cancellationToken)
    {
        var row = await connection.QueryFirstOrDefaultAsync<JobRow>(new CommandDefinition(
            $"""
            SELECT {JobRow.Columns} FROM jobs
            WHERE chain_id = @ChainId AND chain_order > @ChainOrder AND superseded = 0 AND state IN {Unfinished}
            ORDER BY chain_order
            LIMIT 1
            """,
            new { job.ChainId, job.ChainOrder },
            transaction,
            cancellationToken: cancellationToken));
        return row?.ToJob();
    }

    private static async Task<IReadOnlyList<Job>> StopLaterChainMembersAsync(
        DbConnection connection, DbTransaction transaction, Job job, string message, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var later = (await connection.QueryAsync<JobRow>(new CommandDefinition(
            $"""
            SELECT {JobRow.Columns} FROM jobs
            WHERE chain_id = @ChainId AND chain_order > @ChainOrder AND superseded = 0 AND state IN {Unfinished}
            ORDER BY chain_order
            """,
            new { job.ChainId, job.ChainOrder },
            transaction,
            cancellationToken: cancellationToken))).Select(r => r.ToJob()).ToList();
        foreach (var member in later)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                $"""
                UPDATE jobs SET state = @Cancelled, message = @message, completed_at = @at, updated_at = @at
                WHERE id = @Id AND state IN {Unfinished}
                """,
                new { member.Id, message, at, Cancelled = nameof(JobState.Cancelled) },
                transaction,
                cancellationToken: cancellationToken));
            await JobEventRepository.InsertAsync(connection, transaction, member.Id, at, JobEventLevel.Warning, message, cancellationToken);
        }

        return later.Select(m => m with { State = JobState.Cancelled, Message = message, CompletedAt = at, UpdatedAt = at }).ToList();
    }
}
