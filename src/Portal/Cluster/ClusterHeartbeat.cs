using Portal.Hosting;
using Microsoft.Extensions.Options;
using Portal.AgentLink;
using Portal.Data;
using Portal.Jobs;

namespace Portal.Cluster;

/// <summary>
/// Keeps this node's lease: it beats every <see cref="ClusterOptions.HeartbeatInterval"/>, and each beat also removes
/// the nodes silent for longer than <see cref="ClusterOptions.NodeTimeout"/> (a killed node never says goodbye) with
/// their agent connections. A machine whose agent was only on a dead node goes offline — once, whichever node reaped
/// it. On a clean stop the node removes its own lease at once.
/// </summary>
public sealed partial class ClusterHeartbeat(
    ClusterBus bus,
    AgentConnectionRepository connections,
    AgentPresence presence,
    IServiceProvider services,
    TimeProvider time,
    IOptions<ClusterOptions> options,
    ILogger<ClusterHeartbeat> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (bus.IsEnabled)
        {
            // Registered before the hub takes connections, so no connection row ever names an unknown node.
            await connections.BeatAsync(bus.NodeId, time.GetUtcNow(), cancellationToken);
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!bus.IsEnabled)
        {
            return;
        }

        // The first beat was in StartAsync.
        await PeriodicPass.RunAsync(options.Value.HeartbeatInterval, time, firstPassNow: false, BeatAsync, LogBeatFailed, stoppingToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (bus.IsEnabled)
        {
            try
            {
                await connections.RemoveNodeAsync(bus.NodeId, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogBeatFailed(ex);
            }
        }
    }

    /// <summary>One beat: this node is alive; dead nodes and their connections go, their machines offline.</summary>
    public async Task BeatAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await connections.BeatAsync(bus.NodeId, now, cancellationToken);
        var orphaned = await connections.ReapDeadNodesAsync(now - options.Value.NodeTimeout, cancellationToken);
        if (orphaned.Count == 0)
        {
            return;
        }

        var online = await presence.OnlineAmongAsync(orphaned, cancellationToken);
        var reports = services.GetRequiredService<MachineReports>();
        var lifecycle = services.GetRequiredService<JobLifecycle>();
        foreach (var machineId in orphaned.Where(id => !online.Contains(id)))
        {
            await reports.DisconnectedAsync(machineId, cancellationToken);
            await lifecycle.AgentWentOfflineAsync(machineId, cancellationToken);
        }

        LogReaped(orphaned.Count);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A portal node stopped beating: {Count} agent connection(s) it held are gone")]
    private partial void LogReaped(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Recording this portal node's heartbeat failed")]
    private partial void LogBeatFailed(Exception ex);
}
