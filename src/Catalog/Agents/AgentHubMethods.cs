namespace Catalog.Agents;

/// <summary>Method names of the agent hub (<c>/hubs/agent</c>); documented in docs/agent-link.md.</summary>
public static class AgentHubMethods
{
    /// <summary>Hub path, relative to the portal's base address.</summary>
    public const string Path = "hubs/agent";

    // portal -> agent
    public const string RunJob = "RunJob";
    public const string CancelJob = "CancelJob";
    /// <summary>The portal is going away: reconnect as the <see cref="ReconnectHint"/> says (sent before the close).</summary>
    public const string Reconnect = "Reconnect";
    /// <summary>
    /// The portal does not hold the external-software list an inventory left out as unchanged (by its digest): send the
    /// whole inventory.
    /// </summary>
    public const string RequestInventory = "RequestInventory";

    // agent -> portal
    public const string Inventory = "Inventory";
    public const string Ack = "Ack";
    public const string Progress = "Progress";
    public const string Completed = "Completed";
    public const string Event = "Event";
    public const string Usage = "Usage";
    public const string JobLog = "JobLog";
}
