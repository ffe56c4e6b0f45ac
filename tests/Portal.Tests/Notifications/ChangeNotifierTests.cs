using System.Collections.Concurrent;
using Catalog.Jobs;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Jobs;

namespace Portal.Tests.Notifications;

public sealed class ChangeNotifierTests
{
    private static JobChanged Change(Guid jobId, int percent = 50, Guid? machineId = null) =>
        new(jobId, machineId ?? Guid.NewGuid(), JobState.Running, JobPhase.Installing, percent, "half way");

    private static async Task EventuallyAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    [Fact]
    public async Task A_failing_subscriber_does_not_stop_the_others_and_disposed_ones_hear_nothing()
    {
        var notifier = new JobNotifier(NullLogger<JobNotifier>.Instance);
        var heard = new ConcurrentQueue<string>();
        using var failing = notifier.Subscribe(_ => throw new InvalidOperationException("page gone"));
        using var kept = notifier.Subscribe(c => { heard.Enqueue("kept:" + c.Percent); return Task.CompletedTask; });
        var dropped = notifier.Subscribe(_ => { heard.Enqueue("dropped"); return Task.CompletedTask; });
        dropped.Dispose();
        dropped.Dispose();

        notifier.Publish(Change(Guid.NewGuid()));
        await EventuallyAsync(() => !heard.IsEmpty);
        notifier.Publish(Change(Guid.NewGuid(), 60));
        await EventuallyAsync(() => heard.Count == 2);

        Assert.Equal(["kept:50", "kept:60"], heard);
    }

    [Fact]
    public async Task Subscribing_to_one_job_or_machine_ignores_the_others()
    {
        var notifier = new JobNotifier(NullLogger<JobNotifier>.Instance);
        var mine = Guid.NewGuid();
        var machine = Guid.NewGuid();
        var byJob = new ConcurrentQueue<Guid>();
        var byMachine = new ConcurrentQueue<Guid>();
        using var jobSubscription = notifier.Subscribe(mine, c => { byJob.Enqueue(c.JobId); return Task.CompletedTask; });
        using var machineSubscription = notifier.Subscribe(machine, c => { byMachine.Enqueue(c.JobId); return Task.CompletedTask; });

        notifier.Publish(Change(Guid.NewGuid()));
        notifier.Publish(Change(mine, machineId: machine));
        var other = Guid.NewGuid();
        notifier.Publish(Change(other, machineId: machine));
        await EventuallyAsync(() => byJob.Count == 1 && byMachine.Count == 2);

        Assert.Equal([mine], byJob);
        Assert.Equal([mine, other], byMachine);
    }

    [Fact]
    public async Task A_slow_subscriber_never_holds_up_the_publisher_and_gets_the_newest_state_of_each_job()
    {
        var notifier = new JobNotifier(NullLogger<JobNotifier>.Instance);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var heard = new ConcurrentQueue<int>();
        var job = Guid.NewGuid();
        using var slow = notifier.Subscribe(async c =>
        {
            await gate.Task;
            heard.Enqueue(c.Percent);
        });

        // The subscriber is blocked on its first change; every later tick of the same job coalesces into the newest.
        for (var percent = 1; percent <= 100; percent++)
        {
            notifier.Publish(Change(job, percent));
        }

        Assert.Empty(heard);
        gate.SetResult();
        await EventuallyAsync(() => heard.Contains(100));

        // At most the tick that was being handled when the rest arrived, then the newest one.
        Assert.Equal(100, heard.Last());
        Assert.True(heard.Count <= 2, $"expected coalesced delivery, got {heard.Count} changes: {string.Join(", ", heard)}");
    }

    [Fact]
    public async Task A_subscriber_queue_is_bounded_and_keeps_the_newest_changes()
    {
        var notifier = new JobNotifier(NullLogger<JobNotifier>.Instance);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var heard = new ConcurrentQueue<Guid>();
        using var slow = notifier.Subscribe(async c =>
        {
            await gate.Task;
            heard.Enqueue(c.JobId);
        });
        var jobs = Enumerable.Range(0, JobNotifier.QueueCapacity * 2).Select(_ => Guid.NewGuid()).ToList();

        foreach (var job in jobs)
        {
            notifier.Publish(Change(job));
        }

        gate.SetResult();
        await EventuallyAsync(() => heard.Contains(jobs[^1]));

        Assert.True(heard.Count <= JobNotifier.QueueCapacity + 1, $"{heard.Count} changes delivered");
        Assert.Equal(jobs[^JobNotifier.QueueCapacity..], heard.Skip(heard.Count - JobNotifier.QueueCapacity));
    }
}
