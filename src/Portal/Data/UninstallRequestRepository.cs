using Catalog.Jobs;
using Dapper;

namespace Portal.Data;

/// <summary>Users' requests to remove applications, and the helpdesk's decisions on them.</summary>
public sealed class UninstallRequestRepository
{
    private const string Select =
        """
        SELECT id, machine_id, application_id, user_id, reason, state, decided_by, decision_reason, job_id, created_at, decided_at
        FROM uninstall_requests
        """;

    private readonly IDbConnectionFactory _connections;
    private readonly TimeProvider _time;

    public UninstallRequestRepository(IDbConnectionFactory connections, TimeProvider time)
    {
        DapperSetup.EnsureRegistered();
        _connections = connections;
        _time = time;
    }

    public async Task AddAsync(UninstallRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO uninstall_requests
                (id, machine_id, application_id, user_id, reason, state, decided_by, decision_reason, job_id, created_at, decided_at)
            VALUES
                (@Id, @MachineId, @ApplicationId, @UserId, @Reason, @State, @DecidedBy, @DecisionReason, @JobId, @CreatedAt, @DecidedAt)
            """,
            new
            {
                request.Id,
                request.MachineId,
                request.ApplicationId,
                request.UserId,
                request.Reason,
                State = request.State.ToString(),
                request.DecidedBy,
                request.DecisionReason,
                request.JobId,
                request.CreatedAt,
                request.DecidedAt,
            },
            cancellationToken: cancellationToken));
    }

    public async Task<UninstallRequest?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<UninstallRequest>(new CommandDefinition(
            $"{Select} WHERE id = @id", new { id }, cancellationToken: cancellationToken));
    }

    /// <summary>Requests matching every given criterion, newest first.</summary>
    public async Task<IReadOnlyList<UninstallRequest>> ListAsync(
        UninstallRequestState? state = null, Guid? userId = null, Guid? machineId = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<UninstallRequest>(new CommandDefinition(
            $"""
            {Select}
            {new SqlWhere()
                .When(state is not null, "state = @state")
                .When(userId is not null, "user_id = @userId")
                .When(machineId is not null, "machine_id = @machineId")}
            ORDER BY created_at DESC, id
            """,
            new { state = state?.ToString(), userId, machineId },
            cancellationToken: cancellationToken));
        return rows.ToList();
    }

    /// <summary>
    /// One page of requests matching every given criterion, newest first, with machine, application and user names
    /// joined in the same query.
    /// </summary>
    public async Task<IReadOnlyList<UninstallRequestListing>> ListPageAsync(
        UninstallRequestState? state, Guid? userId, Guid? id, int limit, int offset, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<UninstallRequest, RequestNames, UninstallRequestListing>(
            new CommandDefinition(
                $"""
                SELECT r.id, r.machine_id, r.application_id, r.user_id, r.reason, r.state, r.decided_by, r.decision_reason, r.job_id,
                       r.created_at, r.decided_at,
                       COALESCE(m.name, '') AS machine_name, COALESCE(a.name, '') AS application_name,
                       COALESCE(a.version, '') AS application_version, COALESCE(u.email, '') AS user_email, COALESCE(d.email, '') AS decider_email
                FROM uninstall_requests r
                LEFT JOIN machines m ON m.id = r.machine_id
                LEFT JOIN applications a ON a.id = r.application_id
                LEFT JOIN users u ON u.id = r.user_id
                LEFT JOIN users d ON d.id = r.decided_by
                {new SqlWhere()
                    .When(state is not null, "r.state = @state")
                    .When(userId is not null, "r.user_id = @userId")
                    .When(id is not null, "r.id = @id")}
                ORDER BY r.created_at DESC, r.id
                LIMIT @limit OFFSET @offset
                """,
                new { state = state?.ToString(), userId, id, limit = Math.Clamp(limit, 1, 1000), offset = Math.Max(0, offset) },
                cancellationToken: cancellationToken),
            (request, names) => new UninstallRequestListing(
                request, names.MachineName, names.ApplicationName, names.ApplicationVersion, names.UserEmail, names.DeciderEmail),
            splitOn: "machine_name");
        return rows.ToList();
    }

    /// <summary>
    /// Approves or denies a pending request, recording who decided, why, when, and the uninstall job an approval
    /// created. Returns false when the request is unknown or no longer pending.
    /// </summary>
    public async Task<bool> DecideAsync(
        Guid id, bool approved, Guid deciderId, string reason, Guid? jobId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE uninstall_requests
            SET state = @state, decided_by = @deciderId, decision_reason = @reason, job_id = @jobId, decided_at = @at
            WHERE id = @id AND state = @Pending
            """,
            new
            {
                id,
                state = (approved ? UninstallRequestState.Approved : UninstallRequestState.Denied).ToString(),
                deciderId,
                reason,
                jobId,
                at,
                Pending = nameof(UninstallRequestState.Pending),
            },
            cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>The requester withdraws a pending request; returns false when it is unknown or no longer pending.</summary>
    public async Task<bool> CancelAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE uninstall_requests SET state = @Cancelled, decided_at = @now WHERE id = @id AND state = @Pending",
            new
            {
                id,
                now = _time.GetUtcNow(),
                Cancelled = nameof(UninstallRequestState.Cancelled),
                Pending = nameof(UninstallRequestState.Pending),
            },
            cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>The pending request to remove the application from the machine, if any (to refuse a duplicate).</summary>
    public async Task<UninstallRequest?> PendingForAsync(Guid machineId, Guid applicationId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        return await connection.QueryFirstOrDefaultAsync<UninstallRequest>(new CommandDefinition(
            $"""
            {Select}
            WHERE machine_id = @machineId AND application_id = @applicationId AND state = @Pending
            ORDER BY created_at DESC
            """,
            new { machineId, applicationId, Pending = nameof(UninstallRequestState.Pending) },
            cancellationToken: cancellationToken));
    }

    private sealed class RequestNames
    {
        public string MachineName { get; init; } = "";

        public string ApplicationName { get; init; } = "";

        public string ApplicationVersion { get; init; } = "";

        public string UserEmail { get; init; } = "";

        public string DeciderEmail { get; init; } = "";
    }
}
