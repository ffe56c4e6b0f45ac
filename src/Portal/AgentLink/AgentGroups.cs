namespace Portal.AgentLink;

/// <summary>SignalR group names: one group per machine (all of its live connections).</summary>
public static class AgentGroups
{
    public static string Machine(Guid machineId) => $"machine:{machineId:D}";
}
