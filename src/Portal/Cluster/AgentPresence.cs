using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Portal.AgentLink;
using Portal.Data;

namespace Portal.Cluster;

/// <summary>
/// Whether a machine's agent is connected to the portal — to any node. One node (SQLite) asks its own
/// <see cref="AgentConnectionRegistry"/>; several nodes (PostgreSQL) also record each connection with the node that
/// holds it, and a machine counts as online while one of its connections sits on a node with a fresh heartbeat.
/// </summary>
public sealed class AgentPresence(
    AgentConnectionRegistry registry,
    AgentConnectionRepository connections,
    ClusterBus bus,
    TimeProvider time,
    IOptions<ClusterOptions> options)
{
    public async Task ConnectedAsync(Guid machineId, HubCallerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        registry.Add(machineId, context);
        if (bus.IsEnabled)
        {
            await connections.AddAsync(context.ConnectionId, machineId, bus.NodeId, time.GetUtcNow(), cancellationToken);
        }
    }

    /// <summary>Forgets the connection; returns whether the machine is still connected elsewhere (another connection or node).</summary>
    public async Task<bool> DisconnectedAsync(Guid machineId, string connectionId, CancellationToken cancellationToken)
    {
        registry.Remove(machineId, connectionId);
        if (!bus.IsEnabled)
        {
            return registry.IsConnected(machineId);
        }

        await connections.RemoveAsync(connectionId, cancellationToken);
        return await IsOnlineAsync(machineId, cancellationToken);
    }

    public async Task<bool> IsOnlineAsync(Guid machineId, CancellationToken cancellationToken) =>
        registry.IsConnected(machineId) || (bus.IsEnabled && (await OnlineAmongAsync([machineId], cancellationToken)).Contains(machineId));

    /// <summary>Those of <paramref name="machineIds"/> (one page) whose agent is connected to some node.</summary>
    public async Task<IReadOnlySet<Guid>> OnlineAmongAsync(IReadOnlyCollection<Guid> machineIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(machineIds);
        var local = machineIds.Where(registry.IsConnected).ToHashSet();
        if (!bus.IsEnabled || local.Count == machineIds.Count)
        {
            return local;
        }

        var remote = await connections.OnlineAmongAsync(
            machineIds.Where(id => !local.Contains(id)).ToList(), time.GetUtcNow() - options.Value.NodeTimeout, cancellationToken);
        local.UnionWith(remote);
        return local;
    }
}
