using Microsoft.Extensions.Options;
using Portal.AgentLink;
using Portal.Data;

namespace Portal.Cluster;

/// <summary>
/// The fallback for lost wake-ups (NOTIFY is not kept while a node's listener is disconnected): every
/// <see cref="ClusterOptions.PollInterval"/>, and at once after the listener reconnects, the node asks which of the
/// machines connected to it have a queued job nobody pushed for a while, and pushes it. The query reads the node's own
/// agents by key in pages, so its cost follows the node's connections, not the fleet.
/// </summary>
public sealed partial class ClusterPoller(
    ClusterBus bus,
    PostgreSqlClusterLink link,
    AgentConnectionRegistry registry,
    JobRepository jobs,
    QueuedJobPusher pusher,
    TimeProvider time,
    IOptions<ClusterOptions> options,
    ILogger<ClusterPoller> logger) : BackgroundService
{
    private const int PageSize = 500;

    /// <summary>A job queued more recently than this was just pushed by whoever queued it: not yet due for a re-push.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(3);

    private readonly SemaphoreSlim _wake = new(0, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!bus.IsEnabled)
        {
            return;
        }

        link.Resynchronize += Wake;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await _wake.WaitAsync(options.Value.PollInterval, stoppingToken);
                try
                {
                    await PollAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogPollFailed(ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            link.Resynchronize -= Wake;
        }
    }

    /// <summary>Pushes the queued jobs of this node's agents; returns how many were pushed.</summary>
    public async Task<int> PollAsync(CancellationToken cancellationToken)
    {
        var pushed = 0;
        var before = time.GetUtcNow() - Grace;
        foreach (var page in registry.ConnectedMachines.Chunk(PageSize))
        {
            foreach (var machineId in await jobs.MachinesWithQueuedJobsAsync(page, before, cancellationToken))
            {
                pushed += await pusher.PushAsync(machineId, cancellationToken);
            }
        }

        if (pushed > 0)
        {
            LogPushed(pushed);
        }

        return pushed;
    }

    private void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already awake.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pushed {Count} queued job(s) whose wake-up this node had missed")]
    private partial void LogPushed(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Polling for queued jobs of this node's agents failed")]
    private partial void LogPollFailed(Exception ex);
}
