using Portal.Data;
using Catalog.Jobs;

namespace Portal.Tests.Data;

public sealed class JobRepositoryTests(SqliteDatabaseFixture database) : IClassFixture<SqliteDatabaseFixture>
{
    private static readonly DateTimeOffset Now = TestData.Start;
    private readonly ManualTimeProvider _time = new(Now);

    private JobRepository Repository => new(database.Connections, _time);

    private static string StopReason(Job job) => $"Stopped: dependency {job.ApplicationId} failed";

    private async Task<Guid> NewMachineAsync()
    {
        var machine = MachineRepositoryTests.NewMachine();
        await new MachineRepository(database.Connections).AddAsync(machine);
        return machine.Id;
    }

    private static Job NewJob(Guid machineId, Guid? applicationId = null, JobKind kind = JobKind.Install) => new()
    {
        MachineId = machineId,
        ApplicationId = applicationId ?? Guid.NewGuid(),
        Kind = kind,
    };

    private async Task<IReadOnlyList<Job>> ChainAsync(Guid machineId, int length)
    {
        _time.Advance(TimeSpan.FromSeconds(1));
        return await Repository.CreateChainAsync(Enumerable.Range(0, length).Select(_ => NewJob(machineId)).ToList());
    }

    [Fact]
    public async Task CreateChain_round_trips_every_field_and_numbers_the_chain()
    {
        var machineId = await NewMachineAsync();
        var user = Guid.NewGuid();
        var first = NewJob(machineId) with
        {
            Answers = new Dictionary<string, string> { ["TARGET"] = "/opt", ["USER"] = "me" },
            RequestedBy = user,
            Message = "queued by test",
            Percent = 3,
            Phase = JobPhase.Downloading,
            Attempts = 2,
            DeliveredAt = Now.AddMinutes(1),
            CompletedAt = Now.AddMinutes(2),
        };
        var second = NewJob(machineId, kind: JobKind.Cache);

        var stored = await Repository.CreateChainAsync([first, second]);
        var loadedFirst = await Repository.GetAsync(first.Id);
        var loadedSecond = await Repository.GetAsync(second.Id);

        Same.Json(stored[0], loadedFirst);
        Same.Json(stored[1], loadedSecond);
        Assert.Equal(stored[0].ChainId, loadedSecond!.ChainId);
        Assert.NotEqual(Guid.Empty, loadedSecond.ChainId);
        Assert.Equal([0, 1], new[] { loadedFirst!.ChainOrder, loadedSecond.ChainOrder });
        Assert.Equal("/opt", loadedFirst.Answers["TARGET"]);
        Assert.Equal(user, loadedFirst.RequestedBy);
        Assert.Equal(JobKind.Cache, loadedSecond.Kind);
        Assert.Equal(JobState.Queued, loadedFirst.State);
        Assert.Equal(Now, loadedFirst.CreatedAt);
    }

    [Fact]
    public async Task CreateChain_is_one_transaction_so_a_bad_member_stores_nothing()
    {
        var machineId = await NewMachineAsync();
        var good = NewJob(machineId);
        var orphan = NewJob(Guid.NewGuid());

        await Assert.ThrowsAnyAsync<Exception>(() => Repository.CreateChainAsync([good, orphan]));

        Assert.Null(await Repository.GetAsync(good.Id));
    }

    [Fact]
    public async Task Deliverable_jobs_wait_for_earlier_chain_members_to_succeed()
    {
        var machineId = await NewMachineAsync();
        var chain = await ChainAsync(machineId, 3);
        var other = await ChainAsync(machineId, 1);

        var initially = await Repository.ListDeliverableAsync(machineId);
        await Repository.MarkDeliveredAsync(chain[0].Id, Now);
        await Repository.UpdateProgressAsync(chain[0].Id, JobPhase.Installing, 50, "copying", Now);
        var whileRunning = await Repository.ListDeliverableAsync(machineId);
        await Repository.CompleteAsync(chain[0].Id, JobState.Succeeded, "done", Now, StopReason);
        var afterFirst = await Repository.ListDeliverableAsync(machineId);

        Assert.Equal([chain[0].Id, other[0].Id], initially.Select(j => j.Id));
        Assert.Equal([chain[0].Id, other[0].Id], whileRunning.Select(j => j.Id));
        Assert.Equal([chain[1].Id, other[0].Id], afterFirst.Select(j => j.Id));
        Assert.Empty(await Repository.ListDeliverableAsync(await NewMachineAsync()));
    }

    [Fact]
    public async Task MarkDelivered_counts_attempts_and_refuses_running_or_finished_jobs()
    {
        var machineId = await NewMachineAsync();
        var job = (await ChainAsync(machineId, 1))[0];

        Assert.NotNull(await Repository.MarkDeliveredAsync(job.Id, Now.AddSeconds(1)));
        Assert.NotNull(await Repository.MarkDeliveredAsync(job.Id, Now.AddSeconds(2)));
        var delivered = await Repository.GetAsync(job.Id);
        await Repository.UpdateProgressAsync(job.Id, JobPhase.Downloading, 10, "", Now.AddSeconds(3));
        var whileRunning = await Repository.MarkDeliveredAsync(job.Id, Now.AddSeconds(4));

        Assert.Equal(JobState.Delivered, delivered!.State);
        Assert.Equal(2, delivered.Attempts);
        Assert.Equal(Now.AddSeconds(2), delivered.DeliveredAt);
        Assert.Null(whileRunning);
        Assert.Equal(JobState.Running, (await Repository.GetAsync(job.Id))!.State);
    }

    [Fact]
    public async Task Progress_makes_the_job_running_and_is_ignored_after_completion()
    {
        var machineId = await NewMachineAsync();
        var job = (await ChainAsync(machineId, 1))[0];

        Assert.NotNull(await Repository.UpdateProgressAsync(job.Id, JobPhase.Verifying, 42, "checking", Now.AddSeconds(5)));
        var running = await Repository.GetAsync(job.Id);
        Assert.NotNull(await Repository.CompleteAsync(job.Id, JobState.Failed, "disk full", Now.AddSeconds(6), StopReason));
        var late = await Repository.UpdateProgressAsync(job.Id, JobPhase.Installing, 90, "late", Now.AddSeconds(7));
        var finished = await Repository.GetAsync(job.Id);

        Assert.Equal(JobState.Running, running!.State);
        Assert.Equal(JobPhase.Verifying, running.Phase);
        Assert.Equal(42, running.Percent);
        Assert.Equal("checking", running.Message);
        Assert.Null(late);
        Assert.Equal(JobState.Failed, finished!.State);
        Assert.Equal("disk full", finished.Message);
        Assert.Equal(Now.AddSeconds(6), finished.CompletedAt);
    }

    [Fact]
    public async Task Complete_is_idempotent_and_refuses_non_final_states()
    {
        var machineId = await NewMachineAsync();
        var job = (await ChainAsync(machineId, 1))[0];

        var first = await Repository.CompleteAsync(job.Id, JobState.Succeeded, "ok", Now.AddSeconds(1), StopReason);
        var second = await Repository.CompleteAsync(job.Id, JobState.Failed, "late failure", Now.AddSeconds(2), StopReason);
        var stored = await Repository.GetAsync(job.Id);

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.Equal(JobState.Succeeded, stored!.State);
        Assert.Equal("ok", stored.Message);
        Assert.Equal(100, stored.Percent);
        Assert.Equal(Now.AddSeconds(1), stored.CompletedAt);
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => Repository.CompleteAsync(job.Id, JobState.Running, "", Now, StopReason));
        Assert.Contains("Running", error.Message);
    }

    [Fact]
    public async Task A_failed_chain_member_stops_the_later_ones_naming_the_dependency()
    {
        var machineId = await NewMachineAsync();
        var chain = await ChainAsync(machineId, 3);

        await Repository.CompleteAsync(chain[0].Id, JobState.RolledBack, "script failed", Now, _ => "Stopped: dependency Java Runtime failed");
        var second = await Repository.GetAsync(chain[1].Id);
        var third = await Repository.GetAsync(chain[2].Id);

        Assert.Equal(JobState.Cancelled, second!.State);
        Assert.Equal("Stopped: dependency Java Runtime failed", second.Message);
        Assert.Equal(JobState.Cancelled, third!.State);
        Assert.Empty(await Repository.ListDeliverableAsync(machineId));
    }

    [Fact]
    public async Task Cancel_stops_queued_or_delivered_jobs_and_their_chain_but_not_running_ones()
    {
        var machineId = await NewMachineAsync();
        var queued = await ChainAsync(machineId, 2);
        var delivered = await ChainAsync(machineId, 1);
        var running = await ChainAsync(machineId, 1);
        await Repository.MarkDeliveredAsync(delivered[0].Id, Now);
        await Repository.UpdateProgressAsync(running[0].Id, JobPhase.Installing, 1, "", Now);

        Assert.NotNull(await Repository.CancelAsync(queued[0].Id, "Cancelled"));
        Assert.NotNull(await Repository.CancelAsync(delivered[0].Id, "Cancelled"));
        Assert.Null(await Repository.CancelAsync(running[0].Id, "Cancelled"));
        Assert.Null(await Repository.CancelAsync(queued[0].Id, "Cancelled"));
        Assert.Null(await Repository.CancelAsync(Guid.NewGuid(), "Cancelled"));

        Assert.Equal(JobState.Cancelled, (await Repository.GetAsync(queued[0].Id))!.State);
        Assert.Equal(JobState.Cancelled, (await Repository.GetAsync(queued[1].Id))!.State);
        Assert.Equal(JobState.Cancelled, (await Repository.GetAsync(delivered[0].Id))!.State);
        Assert.Equal(JobState.Running, (await Repository.GetAsync(running[0].Id))!.State);
    }

    [Fact]
    public async Task Retry_requeues_failed_jobs_and_the_members_their_failure_stopped()
    {
        var machineId = await NewMachineAsync();
        var chain = await ChainAsync(machineId, 2);
        var succeeded = await ChainAsync(machineId, 1);
        await Repository.MarkDeliveredAsync(chain[0].Id, Now);
        await Repository.UpdateProgressAsync(chain[0].Id, JobPhase.Installing, 70, "", Now);
        await Repository.CompleteAsync(chain[0].Id, JobState.Failed, "boom", Now, StopReason);
        await Repository.CompleteAsync(succeeded[0].Id, JobState.Succeeded, "ok", Now, StopReason);
        _time.Advance(TimeSpan.FromMinutes(1));

        var attempts = await Repository.RetryAsync(chain[0].Id, "retried by test");
        Assert.Null(await Repository.RetryAsync(chain[0].Id, "again"));
        Assert.Null(await Repository.RetryAsync(succeeded[0].Id, "a success"));
        var original = await Repository.GetAsync(chain[0].Id);
        var stopped = await Repository.GetAsync(chain[1].Id);

        // The failed attempt stays as it was, marked superseded; the new attempt has a new id the agent runs afresh.
        Assert.NotNull(attempts);
        Assert.Equal(2, attempts.Count);
        Assert.Equal(JobState.Failed, original!.State);
        Assert.True(original.Superseded);
        Assert.True(stopped!.Superseded);
        var retried = attempts[0];
        Assert.NotEqual(chain[0].Id, retried.Id);
        Assert.Equal(chain[0].Id, retried.RetryOf);
        Assert.Equal(2, retried.Attempt);
        Assert.Equal(chain[0].ChainId, retried.ChainId);
        Assert.Equal(0, retried.ChainOrder);
        Assert.Equal(JobState.Queued, (await Repository.GetAsync(retried.Id))!.State);
        Assert.Equal(chain[1].Id, attempts[1].RetryOf);
        Assert.Equal(JobState.Queued, (await Repository.GetAsync(attempts[1].Id))!.State);
        Assert.Equal([retried.Id], (await Repository.ListDeliverableAsync(machineId)).Select(j => j.Id));

        // The chain resumes: the new first attempt succeeding makes the new second one deliverable.
        var done = await Repository.CompleteAsync(retried.Id, JobState.Succeeded, "ok", Now, StopReason);
        Assert.Equal(attempts[1].Id, done!.Next!.Id);
    }

    [Fact]
    public async Task Retried_jobs_keep_their_history_and_a_new_attempt_gets_its_own()
    {
        var machineId = await NewMachineAsync();
        var job = (await ChainAsync(machineId, 1))[0];
        await Repository.CompleteAsync(job.Id, JobState.Interrupted, "agent crashed", Now, StopReason);

        var attempt = Assert.Single((await Repository.RetryAsync(job.Id, "automatic retry"))!);
        var events = new JobEventRepository(database.Connections);

        Assert.Contains(await events.ListAsync(job.Id), e => e.Message.Contains("Superseded by attempt 2", StringComparison.Ordinal));
        Assert.Contains(await events.ListAsync(attempt.Id), e => e.Message.Contains("Attempt 1 ended Interrupted: agent crashed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task List_filters_and_pages_newest_first()
    {
        var machineId = await NewMachineAsync();
        var applicationId = Guid.NewGuid();
        var user = Guid.NewGuid();
        var created = new List<Job>();
        for (var i = 0; i < 4; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            created.AddRange(await Repository.CreateChainAsync([NewJob(machineId, applicationId) with { RequestedBy = user }]));
        }

        await Repository.CompleteAsync(created[0].Id, JobState.Failed, "", Now, StopReason);

        var all = await Repository.ListAsync(new JobFilter { MachineId = machineId });
        var page = await Repository.ListAsync(new JobFilter { ApplicationId = applicationId, Limit = 2, Offset = 1 });
        var failed = await Repository.ListAsync(new JobFilter { RequestedBy = user, States = [JobState.Failed, JobState.RolledBack] });
        var nobody = await Repository.ListAsync(new JobFilter { RequestedBy = Guid.NewGuid() });

        Assert.Equal(created.Select(j => j.Id).Reverse(), all.Select(j => j.Id));
        Assert.Equal([created[2].Id, created[1].Id], page.Select(j => j.Id));
        Assert.Equal([created[0].Id], failed.Select(j => j.Id));
        Assert.Empty(nobody);
    }

    [Fact]
    public async Task HasActiveJob_is_true_only_while_a_job_for_the_application_is_unfinished()
    {
        var machineId = await NewMachineAsync();
        var applicationId = Guid.NewGuid();
        var job = (await Repository.CreateChainAsync([NewJob(machineId, applicationId)]))[0];

        var whileQueued = await Repository.HasActiveJobAsync(machineId, applicationId);
        await Repository.CompleteAsync(job.Id, JobState.Succeeded, "", Now, StopReason);
        var afterwards = await Repository.HasActiveJobAsync(machineId, applicationId);

        Assert.True(whileQueued);
        Assert.False(afterwards);
        Assert.False(await Repository.HasActiveJobAsync(machineId, Guid.NewGuid()));
    }
}
