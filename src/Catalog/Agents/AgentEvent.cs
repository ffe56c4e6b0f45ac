using Catalog.Events;

namespace Catalog.Agents;

/// <summary>An event an agent reports with <c>Event</c> (e.g. CacheSuccess, ProcessTermination, LaunchSuccess).</summary>
public sealed record AgentEvent
{
    public required EventType Type { get; init; }
    public Guid? ApplicationId { get; init; }
    public string ApplicationName { get; init; } = "";
    public string Version { get; init; } = "";
    public Guid? JobId { get; init; }
    /// <summary>The signed-in user on the machine, when the agent knows one.</summary>
    public string User { get; init; } = "";
    public string Message { get; init; } = "";
    public DateTimeOffset At { get; init; }
}
