using System.Collections.Concurrent;
using ClientAgent.Service;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClientAgent.Tests.Service;

/// <summary>What the agent says while (re)connecting waits and is sent in order once connected; a failed send is repeated.</summary>
public sealed class AgentOutboxTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task CallsMadeBeforeTheConnectionIsUp_AreSentInOrderOnceItIs()
    {
        var outbox = new AgentOutbox(100, TimeProvider.System, NullLogger.Instance) { RetryDelay = TimeSpan.FromMilliseconds(10) };
        var sent = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        var pump = outbox.RunAsync(() => true, (send, _) => { sent.Enqueue($"{send.Method}:{send.Arguments[0]}"); return Task.CompletedTask; }, stop.Token);

        outbox.Post(new HubSend("Ack", ["job-1"]));
        outbox.Post(new HubSend("Progress", ["job-1"]));
        await Task.Delay(200);
        Assert.Empty(sent);

        outbox.Open();
        await WaitUntilAsync(() => sent.Count == 2);
        outbox.Post(new HubSend("Completed", ["job-1"]));
        await WaitUntilAsync(() => sent.Count == 3);

        Assert.Equal(["Ack:job-1", "Progress:job-1", "Completed:job-1"], sent);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pump);
    }

    [Fact]
    public async Task ASendThatFailsWhenTheConnectionDrops_IsSentAgainAfterReconnect_BeforeLaterCalls()
    {
        var outbox = new AgentOutbox(100, TimeProvider.System, NullLogger.Instance) { RetryDelay = TimeSpan.FromMilliseconds(10) };
        var connected = true;
        var failNext = true;
        var sent = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        _ = outbox.RunAsync(() => Volatile.Read(ref connected), (send, _) =>
        {
            if (failNext)
            {
                failNext = false;
                Volatile.Write(ref connected, false);
                outbox.Close();
                throw new IOException("The remote party closed the WebSocket connection.");
            }

            sent.Enqueue((string)send.Arguments[0]!);
            return Task.CompletedTask;
        }, stop.Token);
        outbox.Open();

        outbox.Post(new HubSend("Completed", ["first"]));
        outbox.Post(new HubSend("Inventory", ["second"]));
        await Task.Delay(200);
        Assert.Empty(sent);

        Volatile.Write(ref connected, true);
        outbox.Open();
        await WaitUntilAsync(() => sent.Count == 2);

        Assert.Equal(["first", "second"], sent);
        await stop.CancelAsync();
    }

    [Fact]
    public async Task PastItsCapacity_TheOldestCallIsDropped()
    {
        var outbox = new AgentOutbox(3, TimeProvider.System, NullLogger.Instance);
        var sent = new ConcurrentQueue<int>();
        using var stop = new CancellationTokenSource();
        _ = outbox.RunAsync(() => true, (send, _) => { sent.Enqueue((int)send.Arguments[0]!); return Task.CompletedTask; }, stop.Token);

        for (var i = 1; i <= 5; i++)
        {
            outbox.Post(new HubSend("Progress", [i]));
        }

        outbox.Open();
        await WaitUntilAsync(() => sent.Count >= 3);
        await Task.Delay(100);

        // The queue keeps the newest three. The pump may already hold one older call while it waits for the connection:
        // call 1, or call 2 when it woke only after call 1 had been dropped.
        var calls = sent.ToList();
        Assert.Equal([3, 4, 5], calls.TakeLast(3));
        Assert.InRange(calls.Count, 3, 4);
        if (calls.Count == 4)
        {
            Assert.Contains(calls[0], new[] { 1, 2 });
        }
        await stop.CancelAsync();
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for the outbox.");
            await Task.Delay(10);
        }
    }
}
