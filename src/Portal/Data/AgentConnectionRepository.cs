using Dapper;

namespace Portal.Data;

/// <summary>
/// Which portal node holds which agent connection, and each node's heartbeat (several nodes on one database). A
/// machine is online while one of its connections sits on a node whose heartbeat is fresh; a node that stops beating
/// is dead, and its connections are removed by whichever node notices first (one <c>DELETE … RETURNING</c>, so each
/// is handled once).
/// </summary>
public sealed class AgentConnectionRepository
{
    private readonly IDbConnectionFactory _connections;

    public AgentConnectionRepository(IDbConnectionFactory connections)
    {
        DapperSetup.EnsureRegistered();
        _connections = connections;
    }

    public async Task AddAsync(string connectionId, Guid machineId, string nodeId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO agent_connections (connection_id, machine_id, node_id, connected_at) VALUES (@connectionId, @machineId, @nodeId, @at)
            ON CONFLICT (connection_id) DO NOTHING
            """,
            new { connectionId, machineId, nodeId, at },
            cancellationToken: cancellationToken));
    }

    public async Task RemoveAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM agent_connections WHERE connection_id = @connectionId", new { connectionId }, cancellationToken: cancellationToken));
    }

    /// <summary>Those of <paramref name="machineIds"/> with a connection on a node that beat at or after <paramref name="aliveSince"/>.</summary>
    public async Task<IReadOnlySet<Guid>> OnlineAmongAsync(IReadOnlyCollection<Guid> machineIds, DateTimeOffset aliveSince, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(machineIds);
        if (machineIds.Count == 0)
        {
            return new HashSet<Guid>();
        }

        var parameters = new DynamicParameters(new { aliveSince });
        var ids = SqlList.In(parameters, "m", machineIds.Distinct());
        await using var connection = await _connections.OpenAsync(cancellationToken);
        var online = await connection.QueryAsync<Guid>(new CommandDefinition(
            $"""
            SELECT DISTINCT c.machine_id FROM agent_connections c
            JOIN portal_nodes n ON n.node_id = c.node_id
            WHERE c.machine_id IN {ids} AND n.heartbeat_at >= @aliveSince
            """,
            parameters,
            cancellationToken: cancellationToken));
        return online.ToHashSet();
    }

    /// <summary>Records that the node is alive now (registering it on its first beat).</summary>
    public async Task BeatAsync(string nodeId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO portal_nodes (node_id, started_at, heartbeat_at) VALUES (@nodeId, @at, @at)
            ON CONFLICT (node_id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at
            """,
            new { nodeId, at },
            cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Forgets the nodes that have not beaten since <paramref name="deadline"/> and every connection they held;
    /// returns the machines whose connections were removed (each once, whichever node ran this).
    /// </summary>
    public async Task<IReadOnlyList<Guid>> ReapDeadNodesAsync(DateTimeOffset deadline, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var machines = await connection.QueryAsync<Guid>(new CommandDefinition(
            """
            DELETE FROM agent_connections
            WHERE node_id IN (SELECT node_id FROM portal_nodes WHERE heartbeat_at < @deadline)
            RETURNING machine_id
            """,
            new { deadline },
            transaction,
            cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM portal_nodes WHERE heartbeat_at < @deadline", new { deadline }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return machines.Distinct().ToList();
    }

    /// <summary>The node stops: its connections and its heartbeat go at once (the others need not wait for the timeout).</summary>
    public async Task<IReadOnlyList<Guid>> RemoveNodeAsync(string nodeId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var machines = await connection.QueryAsync<Guid>(new CommandDefinition(
            "DELETE FROM agent_connections WHERE node_id = @nodeId RETURNING machine_id", new { nodeId }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM portal_nodes WHERE node_id = @nodeId", new { nodeId }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return machines.Distinct().ToList();
    }
}
