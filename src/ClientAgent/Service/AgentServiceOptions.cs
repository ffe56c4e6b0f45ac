using ClientAgent.Connection;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR.Client;

namespace ClientAgent.Service;

/// <summary>How the agent service runs: who it is, where its state is, and the knobs tests turn.</summary>
public sealed record AgentServiceOptions
{
    public required AgentCredentials Credentials { get; init; }
    public required string StateDirectory { get; init; }
    /// <summary>Values overriding special macros (<c>--macro NAME=VALUE</c>), e.g. <c>*PROGRAMS</c>.</summary>
    public IReadOnlyDictionary<string, string> MacroOverrides { get; init; } = new Dictionary<string, string>();
    /// <summary>
    /// Adjusts the hub connection after the agent's own settings (WebSockets, bearer credential), e.g. for tests to reach
    /// an in-process server through <see cref="HttpConnectionOptions.HttpMessageHandlerFactory"/> and
    /// <see cref="HttpConnectionOptions.WebSocketFactory"/>.
    /// </summary>
    public Action<HttpConnectionOptions>? ConfigureConnection { get; init; }
    /// <summary>
    /// Portal nodes to fail over between, in order (<c>run --portal URL ...</c>); empty means the ones in
    /// <c>agent.json</c> (<see cref="AgentCredentials.PortalUris"/>).
    /// </summary>
    public IReadOnlyList<Uri> Portals { get; init; } = [];

    /// <summary>The portal nodes this agent uses, in failover order.</summary>
    public IReadOnlyList<Uri> PortalsInOrder => Portals.Count > 0 ? Portals : Credentials.PortalUris;

    public IRetryPolicy RetryPolicy { get; init; } = JitteredBackoffRetryPolicy.Default;
    public TimeSpan UsageInterval { get; init; } = TimeSpan.FromMinutes(5);
    /// <summary>How often a Blocked job looks again whether its blocking programs are gone.</summary>
    public TimeSpan BlockingRecheckInterval { get; init; } = TimeSpan.FromSeconds(5);
    public string CacheDirectory => Path.Combine(StateDirectory, "cache");
}
