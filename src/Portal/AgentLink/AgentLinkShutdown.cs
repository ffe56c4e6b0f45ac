using Catalog.Agents;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Portal.AgentLink;

/// <summary>
/// Closes this node's agent connections as soon as the host begins to stop (SIGTERM): it stops taking new ones, sends
/// every agent a <c>Reconnect</c> hint — come back within a spread sized by how many agents are closing, at most
/// <see cref="AgentLinkOptions.ReconnectCap"/> apart — on which the agent closes its connection; what is still open after
/// a short grace period is aborted, so the host need not wait out its
/// shutdown timeout and agents return spread out to the next portal instead of backing off for a minute.
/// </summary>
public sealed partial class AgentLinkShutdown(
    AgentConnectionRegistry registry,
    IHubContext<AgentHub> hub,
    IHostApplicationLifetime lifetime,
    IOptions<AgentLinkOptions> options,
    ILogger<AgentLinkShutdown> logger) : IHostedService
{
    /// <summary>
    /// How long the agents get to close after the hint (they close on receiving it) before the rest are aborted: 2 s, and
    /// more for a large fleet (one more second per 2,500 agents), never more than 4 s, so the node still exits within 5 s
    /// of SIGTERM. At 10,000 agents a fixed 2 s let only a third of them read the hint; the others, aborted, fell back to
    /// their own back-off of up to a minute (docs/performance.md).
    /// </summary>
    internal static TimeSpan CloseGrace(int agents) =>
        TimeSpan.FromSeconds(Math.Clamp(agents / 2_500.0, 2, 4));

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
        var closeGrace = CloseGrace(connections.Count);
        var grace = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            // One message serialized once for every agent on this node. An agent closes its connection when it gets
            // it; whoever has not within the grace period (stalled, or an older agent) is aborted.
            hub.Clients.All.SendAsync(AgentHubMethods.Reconnect, hint).Wait(closeGrace);
        }
        catch (AggregateException ex)
        {
            LogHintFailed(ex.InnerException?.Message ?? ex.Message);
        }

        while (registry.Count > 0 && grace.Elapsed < closeGrace)
        {
            Thread.Sleep(20);
        }

        var aborted = 0;
        foreach (var connection in registry.BeginStopping())
        {
            connection.Abort();
            aborted++;
        }

        LogClosed(connections.Count, aborted, hint.SpreadMs, hint.CapMs);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: closed {Count} agent connection(s) ({Aborted} aborted after the grace period), asked to come back within {SpreadMs} ms, retrying at most {CapMs} ms apart")]
    private partial void LogClosed(int count, int aborted, int spreadMs, int capMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping: the reconnect hint did not reach every agent ({Error}); closing anyway")]
    private partial void LogHintFailed(string error);
}
