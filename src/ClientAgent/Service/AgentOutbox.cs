using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace ClientAgent.Service;

/// <summary>
/// The agent's hub calls in the order they were made, sent by one pump only while the connection is up. Calls made
/// while connecting or reconnecting wait here instead of being dropped; a call whose send fails (the connection went
/// away under it) is sent again once connected, so delivery is at least once and in order. Bounded: past
/// <c>capacity</c> the oldest call is dropped and logged — a dropped <c>Completed</c> is still in
/// <see cref="UnreportedCompletions"/> and is queued again on the next connect.
/// </summary>
internal sealed partial class AgentOutbox
{
    private readonly Channel<HubSend> _queue;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private TaskCompletionSource _connected = NewSignal();

    public AgentOutbox(int capacity, TimeProvider time, ILogger logger)
    {
        _time = time;
        _logger = logger;
        _queue = Channel.CreateBounded<HubSend>(
            new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest },
            dropped => LogDropped(dropped.Method));
    }

    /// <summary>How long the pump waits before sending a failed call again.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    public void Post(HubSend send) => _queue.Writer.TryWrite(send);

    /// <summary>The connection is up: start sending.</summary>
    public void Open()
    {
        lock (_gate)
        {
            _connected.TrySetResult();
        }
    }

    /// <summary>The connection went away: hold calls until <see cref="Open"/>.</summary>
    public void Close()
    {
        lock (_gate)
        {
            if (_connected.Task.IsCompleted)
            {
                _connected = NewSignal();
            }
        }
    }

    /// <summary>Sends every queued call in order until <paramref name="stoppingToken"/> fires.</summary>
    /// <param name="isConnected">Checked before each send, since a drop is only signalled after the fact.</param>
    /// <param name="send">Sends one call; an exception means "not delivered", and the call is sent again.</param>
    public async Task RunAsync(Func<bool> isConnected, Func<HubSend, CancellationToken, Task> send, CancellationToken stoppingToken)
    {
        await foreach (var item in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            while (true)
            {
                Task connected;
                lock (_gate)
                {
                    connected = _connected.Task;
                }

                await connected.WaitAsync(stoppingToken);
                if (!isConnected())
                {
                    await Task.Delay(RetryDelay, _time, stoppingToken);
                    continue;
                }

                try
                {
                    await send(item, stoppingToken);
                    break;
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    LogSendFailed(item.Method, ex.Message);
                    await Task.Delay(RetryDelay, _time, stoppingToken);
                }
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(Level = LogLevel.Warning, Message = "More reports were waiting for the portal than the agent keeps: dropped the oldest ({Method})")]
    private partial void LogDropped(string method);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sending {Method} to the portal failed ({Error}); sending it again once connected")]
    private partial void LogSendFailed(string method, string error);
}
