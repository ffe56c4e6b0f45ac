namespace Portal.AgentLink;

/// <summary>Bounds of the reconnect hint a stopping node sends; the agent confines what it receives the same way.</summary>
public static class ReconnectHintLimits
{
    /// <summary>Longest spread a node asks for (the agent's own limit, <c>ReconnectAdvice.MaxDelay</c>, is 2 minutes).</summary>
    public static readonly TimeSpan MaxSpread = TimeSpan.FromMinutes(1);
}
