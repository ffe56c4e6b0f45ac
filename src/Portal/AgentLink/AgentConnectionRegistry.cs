using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Portal.AgentLink;

/// <summary>
/// The agent connections live on this portal node, by machine, so revoking a machine can drop them at once, and a
/// stopping node can close them all (<see cref="AgentLinkShutdown"/>).
/// </summary>
public sealed class AgentConnectionRegistry
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, HubCallerContext>> _byMachine = new();
    private volatile bool _stopping;
    private int _count;

    /// <summary>This node is shutting down: it takes no new agent connections and closes the ones it has.</summary>
    public bool IsStopping => _stopping;

    /// <summary>Marks the node as stopping and returns every live connection, to be closed by the caller.</summary>
    public IReadOnlyList<HubCallerContext> BeginStopping()
    {
        _stopping = true;
        return _byMachine.Values.SelectMany(c => c.Values).ToList();
    }

    public void Add(Guid machineId, HubCallerContext context)
    {
        if (_byMachine.GetOrAdd(machineId, _ => new ConcurrentDictionary<string, HubCallerContext>()).TryAdd(context.ConnectionId, context))
        {
            Interlocked.Increment(ref _count);
        }
    }

    public void Remove(Guid machineId, string connectionId)
    {
        if (_byMachine.TryGetValue(machineId, out var connections))
        {
            if (connections.TryRemove(connectionId, out _))
            {
                Interlocked.Decrement(ref _count);
            }
        }
    }

    /// <summary>Live connections on this node (a counter: cheap enough to poll while stopping).</summary>
    public int Count => Volatile.Read(ref _count);

    public bool IsConnected(Guid machineId) => _byMachine.TryGetValue(machineId, out var connections) && !connections.IsEmpty;

    public IReadOnlyCollection<Guid> ConnectedMachines => _byMachine.Where(p => !p.Value.IsEmpty).Select(p => p.Key).ToList();

    /// <summary>Aborts every live connection of the machine; returns how many were dropped.</summary>
    public int Disconnect(Guid machineId)
    {
        if (!_byMachine.TryRemove(machineId, out var connections))
        {
            return 0;
        }

        var dropped = 0;
        foreach (var (connectionId, context) in connections)
        {
            if (connections.TryRemove(connectionId, out _))
            {
                Interlocked.Decrement(ref _count);
            }

            context.Abort();
            dropped++;
        }

        return dropped;
    }
}
