using System.Collections.Concurrent;
using Catalog.Agents;
using Catalog.Jobs;
using Catalog.Machines;
using ClientAgent.Connection;
using ClientAgent.Service;
using Microsoft.AspNetCore.SignalR.Client;

namespace Benchmarks.Fanout;

/// <summary>
/// One enrolled machine's agent, on the real agent's connection (<see cref="AgentHubConnection"/>: the official SignalR
/// client, WebSockets, its credential, jittered reconnect honouring the portal's <c>Reconnect</c> hint). It reports its
/// inventory on every (re)connect, acknowledges each pushed job, and completes it at once — or, while
/// <see cref="FanoutTally.CompleteAtOnce"/> is off, after it is connected again, as an agent whose job outlived a portal
/// restart does. Calls wait for the connection, like the agent's outbox, instead of being dropped.
/// </summary>
internal sealed class SimulatedAgent : IAsyncDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(250);

    private readonly HubConnection _connection;
    private readonly FanoutTally _tally;
    private readonly ReconnectAdvice _advice = new(TimeProvider.System);
    private readonly ConcurrentDictionary<Guid, bool> _confirmed = new();
    private readonly ConcurrentDictionary<Guid, bool> _received = new();
    private readonly ConcurrentQueue<Guid> _held = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly InventoryDelta _delta = new();
    private TaskCompletionSource _up = NewSignal();

    public SimulatedAgent(Uri portal, Guid machineId, string credential, string owner, Inventory inventory, FanoutTally tally)
    {
        MachineId = machineId;
        Owner = owner;
        Inventory = inventory;
        _tally = tally;
        _connection = AgentHubConnection.Create(portal, credential, advice: _advice);
        _connection.On<JobMessage>(AgentHubMethods.RunJob, OnRunJob);
        _connection.On<ReconnectHint>(AgentHubMethods.Reconnect, _ => tally.Hint());
        _connection.On(AgentHubMethods.RequestInventory, () =>
        {
            _delta.Forget();
            return ReportInventoryAsync();
        });
        _connection.Reconnecting += _ =>
        {
            Down();
            return Task.CompletedTask;
        };
        _connection.Reconnected += _ => BackAsync();
        _connection.Closed += async _ =>
        {
            Down();
            if (!_stopping.IsCancellationRequested)
            {
                await ConnectAgainAsync();
            }
        };
    }

    public Guid MachineId { get; }

    public string Owner { get; }

    public Inventory Inventory { get; }

    public HubConnectionState State => _connection.State;

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        await _connection.StartAsync(cancellationToken);
        Up();
    }

    /// <summary>
    /// Reports the inventory as the agent does on every connect: whole the first time, then without the unchanged
    /// external-software list (<see cref="InventoryDelta"/>).
    /// </summary>
    public Task ReportInventoryAsync() =>
        SendAsync(AgentHubMethods.Inventory, [_delta.Prepare(Inventory with { ReportedAt = DateTimeOffset.UtcNow })]);

    private void OnRunJob(JobMessage job)
    {
        if (_confirmed.ContainsKey(job.JobId))
        {
            // The portal confirmed this job's completion and still pushed it again.
            _tally.Duplicate();
            return;
        }

        // A job pushed again before its completion reached the portal (after a reconnect) is acknowledged again only.
        var first = _received.TryAdd(job.JobId, true);
        // Never awaited here: an invocation awaited inside a handler would wait on the receive loop that runs it.
        _ = HandleAsync(job.JobId, first);
    }

    private async Task HandleAsync(Guid jobId, bool first)
    {
        try
        {
            await SendAsync(AgentHubMethods.Ack, [jobId]);
            if (!first)
            {
                return;
            }

            _tally.AckStored(MachineId);
            if (_tally.CompleteAtOnce)
            {
                await CompleteAsync(jobId);
            }
            else
            {
                _held.Enqueue(jobId);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
    }

    private async Task CompleteAsync(Guid jobId)
    {
        await SendAsync(AgentHubMethods.Completed, [jobId, JobState.Succeeded, "Installed by the simulated agent."]);
        _confirmed[jobId] = true;
        _tally.CompletionConfirmed();
    }

    /// <summary>Connected again: fresh inventory first, then the jobs that finished meanwhile.</summary>
    private async Task BackAsync()
    {
        Up();
        _advice.Clear();
        _ = Task.Run(async () =>
        {
            try
            {
                await ReportInventoryAsync();
                _tally.AgentBack();
                while (_held.TryDequeue(out var jobId))
                {
                    await CompleteAsync(jobId);
                }
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
            }
        });
        await Task.CompletedTask;
    }

    /// <summary>The portal closed the connection: connect again as the agent service does (hinted, jittered back-off).</summary>
    private async Task ConnectAgainAsync()
    {
        var retry = new HintedRetryPolicy(JitteredBackoffRetryPolicy.Default, _advice, JitteredBackoffRetryPolicy.BaseDelay);
        var token = _stopping.Token;
        try
        {
            for (var attempt = 0L; ; attempt++)
            {
                var delay = retry.NextRetryDelay(new RetryContext { PreviousRetryCount = attempt }) ?? TimeSpan.FromSeconds(30);
                await Task.Delay(delay, token);
                try
                {
                    await _connection.StartAsync(token);
                    await BackAsync();
                    return;
                }
                catch (Exception) when (!token.IsCancellationRequested)
                {
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
    }

    private async Task SendAsync(string method, object?[] arguments)
    {
        var token = _stopping.Token;
        while (true)
        {
            Task up;
            lock (_gate)
            {
                up = _up.Task;
            }

            await up.WaitAsync(token);
            if (_connection.State != HubConnectionState.Connected)
            {
                await Task.Delay(RetryDelay, token);
                continue;
            }

            try
            {
                await _connection.InvokeCoreAsync(method, arguments, token);
                return;
            }
            catch (Exception) when (!token.IsCancellationRequested && _connection.State != HubConnectionState.Connected)
            {
                await Task.Delay(RetryDelay, token);
            }
        }
    }

    private void Up()
    {
        lock (_gate)
        {
            _up.TrySetResult();
        }
    }

    private void Down()
    {
        lock (_gate)
        {
            if (_up.Task.IsCompleted)
            {
                _up = NewSignal();
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _connection.DisposeAsync();
        _stopping.Dispose();
    }
}
