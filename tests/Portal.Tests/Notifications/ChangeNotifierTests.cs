using Microsoft.Extensions.Logging.Abstractions;
using Portal.AgentLink;
using Portal.Jobs;
using Portal.Reporting;
using Portal.Notifications;

namespace Portal.Tests.Notifications;

public sealed class ChangeNotifierTests
{
    private static JobChanged Change(Guid jobId) => new(jobId, Guid.NewGuid(), Catalog.Jobs.JobState.Running, null, 50, "half way");

    [Fact]
    public async Task A_failing_subscriber_does_not_stop_the_others_and_disposed_ones_hear_nothing()
    {
        var notifier = new JobNotifier(NullLogger<JobNotifier>.Instance);
        var heard = new List<string>();
        using var failing = notifier.Subscribe(_ => throw new InvalidOperationException("page gone"));
        using var kept = notifier.Subscribe(c => { heard.Add("kept:" + c.Percent); return Task.CompletedTask; });
        var dropped = notifier.Subscribe(_ => { heard.Add("dropped"); return Task.CompletedTask; });
        dropped.Dispose();
        dropped.Dispose();

        await notifier.PublishAsync(Change(Guid.NewGuid()));

        Assert.Equal(["kept:50"], heard);
    }

    [Fact]
    public async Task Subscribing_to_one_job_ignores_the_others()
    {
        var notifier = new JobNotifier(NullLogger<JobNotifier>.Instance);
        var mine = Guid.NewGuid();
        var heard = new List<Guid>();
        using var subscription = notifier.Subscribe(mine, c => { heard.Add(c.JobId); return Task.CompletedTask; });

        await notifier.PublishAsync(Change(Guid.NewGuid()));
        await notifier.PublishAsync(Change(mine));

        Assert.Equal([mine], heard);
    }
}
