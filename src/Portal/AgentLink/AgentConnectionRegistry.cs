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

    /// <summary>This node is shutting down: it takes no new agent connections and closes the ones it has.</summary>
    public bool IsStopping => _stopping;

    /// <summary>Marks the node as stopping and returns every live connection, to be closed by the caller.</summary>
    public IReadOnlyList<HubCallerContext> BeginStopping()
    {
        _stopping = true;
        return _byMachine.Values.SelectMany(c => c.Values).ToList();
    }

    public void Add(Guid machineId, HubCallerContext context) =>
        _byMachine.GetOrAdd(machineId, _ => new ConcurrentDictionary<string, HubCallerContext>())[context.ConnectionId] = context;

    public void Remove(Guid machineId, string connectionId)
    {
        if (_byMachine.TryGetValue(machineId, out var connections))
        {
            connections.TryRemove(connectionId, out _);
        }
    }

    public bool IsConnected(Guid machineId) => _byMachine.TryGetValue(machineId, out var connections) && !connections.IsEmpty;

    public IReadOnlyCollection<Guid> ConnectedMachines => _byMachine.Where(p => !p.Value.IsEmpty).Select(p => p.Key).ToList();

    /// <summary>Aborts every live connection of the machine; returns how many were dropped.</summary>
    public int Disconnect(Guid machineId)
    {
        if (!_byMachine.TryRemove(machineId, out var connections))
        {
            return 0;
        }

        foreach (var context in connections.Values)
        {
            context.Abort();
        }

        return connections.Count;
    }
}
