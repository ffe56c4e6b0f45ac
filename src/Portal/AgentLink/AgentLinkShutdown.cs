using Catalog.Agents;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Portal.AgentLink;

/// <summary>
/// Closes this node's agent connections as soon as the host begins to stop (SIGTERM): it stops taking new ones, sends
/// every agent a <c>Reconnect</c> hint — come back within a spread sized by how many agents are closing, at most
/// <see cref="AgentLinkOptions.ReconnectCap"/> apart — and aborts the connections, so the host need not wait out its
/// shutdown timeout and agents return spread out to the next portal instead of backing off for a minute.
/// </summary>
public sealed partial class AgentLinkShutdown(
    AgentConnectionRegistry registry,
    IHubContext<AgentHub> hub,
    IHostApplicationLifetime lifetime,
    IOptions<AgentLinkOptions> options,
    ILogger<AgentLinkShutdown> logger) : IHostedService
{
    /// <summary>How long the hint may take to reach the agents before their connections are closed anyway.</summary>
    private static readonly TimeSpan HintTimeout = TimeSpan.FromSeconds(2);

    private CancellationTokenRegistration _stopping;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _stopping = lifetime.ApplicationStopping.Register(CloseAll);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => _stopping.DisposeAsync().AsTask();

    /// <summary>
    /// The hint for <paramref name="agents"/> closing at once: their first attempts spread over
    /// agents / <see cref="AgentLinkOptions.ReconnectRatePerSecond"/> (at least <see cref="AgentLinkOptions.ReconnectSpreadMin"/>),
    /// later ones at most <see cref="AgentLinkOptions.ReconnectCap"/> apart.
    /// </summary>
    public ReconnectHint Hint(int agents)
    {
        var settings = options.Value;
        var spread = TimeSpan.FromSeconds((double)Math.Max(agents, 1) / Math.Max(settings.ReconnectRatePerSecond, 1));
        if (spread < settings.ReconnectSpreadMin)
        {
            spread = settings.ReconnectSpreadMin;
        }

        if (spread > ReconnectHintLimits.MaxSpread)
        {
            spread = ReconnectHintLimits.MaxSpread;
        }

        return new ReconnectHint((int)spread.TotalMilliseconds, (int)settings.ReconnectCap.TotalMilliseconds, (int)settings.ReconnectHintValidity.TotalMilliseconds);
    }

    private void CloseAll()
    {
        var connections = registry.BeginStopping();
        if (connections.Count == 0)
        {
            return;
        }

        var hint = Hint(connections.Count);
        try
        {
            // One message serialized once for every agent on this node; bounded, since a stalled agent must not hold
            // the shutdown up.
            hub.Clients.All.SendAsync(AgentHubMethods.Reconnect, hint).Wait(HintTimeout);
        }
        catch (AggregateException ex)
        {
            LogHintFailed(ex.InnerException?.Message ?? ex.Message);
        }

        foreach (var connection in connections)
        {
            connection.Abort();
        }

        LogClosed(connections.Count, hint.SpreadMs, hint.CapMs);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: closed {Count} agent connection(s), asked to come back within {SpreadMs} ms, retrying at most {CapMs} ms apart")]
    private partial void LogClosed(int count, int spreadMs, int capMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping: the reconnect hint did not reach every agent ({Error}); closing anyway")]
    private partial void LogHintFailed(string error);
}
