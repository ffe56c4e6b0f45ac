using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Portal.AgentLink;

/// <summary>The agent connections live on this portal node, by machine, so revoking a machine can drop them at once.</summary>
public sealed class AgentConnectionRegistry
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, HubCallerContext>> _byMachine = new();

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
