using Dapper;
using Npgsql;
using Portal.Data;

namespace Portal.Cluster;

/// <summary>
/// Carries <see cref="ClusterBus"/> messages between portal nodes with PostgreSQL <c>LISTEN/NOTIFY</c>: one dedicated
/// connection listens (Npgsql's <c>WaitAsync</c> and <c>Notification</c> event) and reconnects with back-off when it
/// drops; sends go through pooled connections with <c>pg_notify</c>. NOTIFY is lost while the listener is down, so
/// after every (re)connect the node raises <see cref="Resynchronize"/> and <see cref="ClusterPoller"/> re-reads.
/// </summary>
public sealed partial class PostgreSqlClusterLink(ClusterBus bus, IDbConnectionFactory connections, TimeProvider time, ILogger<PostgreSqlClusterLink> logger)
    : BackgroundService
{
    private static readonly TimeSpan LivenessInterval = TimeSpan.FromSeconds(15);

    /// <summary>The listener (re)connected: wake-ups may have been missed meanwhile.</summary>
    public event Action? Resynchronize;

    /// <summary>Completes once the listener is connected the first time (tests and start-up ordering).</summary>
    public Task Listening => _listening.Task;

    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        bus.IsEnabled ? Task.WhenAll(ListenAsync(stoppingToken), SendAsync(stoppingToken)) : Task.CompletedTask;

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        for (var failures = 0; !stoppingToken.IsCancellationRequested;)
        {
            try
            {
                await using var connection = (NpgsqlConnection)await connections.OpenAsync(stoppingToken);
                connection.Notification += (_, e) =>
                {
                    if (ClusterMessage.TryParse(e.Payload) is { } message)
                    {
                        // Handled off the connection's thread: a slow handler never stalls the listener.
                        _ = Task.Run(() => HandleAsync(message, stoppingToken), CancellationToken.None);
                    }
                };
                await connection.ExecuteAsync(new CommandDefinition($"LISTEN {ClusterMessage.Channel}", cancellationToken: stoppingToken));
                failures = 0;
                LogListening(bus.NodeId);
                _listening.TrySetResult();
                Resynchronize?.Invoke();
                while (!stoppingToken.IsCancellationRequested)
                {
                    if (!await connection.WaitAsync(LivenessInterval, stoppingToken))
                    {
                        // Nothing arrived for a while: make sure the connection is still there.
                        await connection.ExecuteAsync(new CommandDefinition("SELECT 1", cancellationToken: stoppingToken));
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
            {
                failures++;
                var delay = TimeSpan.FromMilliseconds(Math.Min(30_000, 250 * Math.Pow(2, Math.Min(failures, 10))) * (0.5 + Random.Shared.NextDouble() / 2));
                LogListenerLost(ex.Message, delay);
                await Task.Delay(delay, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task HandleAsync(ClusterMessage message, CancellationToken stoppingToken)
    {
        try
        {
            await bus.DeliverAsync(message, stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            LogHandlerFailed(ex, message.Kind, message.Key);
        }
    }

    private async Task SendAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var message in bus.Outgoing.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await using var connection = await connections.OpenAsync(stoppingToken);
                    await connection.ExecuteAsync(new CommandDefinition(
                        "SELECT pg_notify(@channel, @payload)",
                        new { channel = ClusterMessage.Channel, payload = message.ToPayload() },
                        cancellationToken: stoppingToken));
                }
                catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException)
                {
                    // The other nodes' poll re-reads what this wake-up was about.
                    LogSendFailed(message.Kind, message.Key, ex.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Portal node {NodeId} is listening for the other nodes' changes")]
    private partial void LogListening(string nodeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the connection that listens for other portal nodes ({Error}); reconnecting in {Delay}")]
    private partial void LogListenerLost(string error, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telling the other portal nodes about {Kind} {Key} failed: {Error}")]
    private partial void LogSendFailed(ClusterMessageKind kind, Guid key, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handling another node's change {Kind} {Key} failed")]
    private partial void LogHandlerFailed(Exception ex, ClusterMessageKind kind, Guid key);
}
