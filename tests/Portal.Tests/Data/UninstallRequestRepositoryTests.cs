using Portal.Data;
using Catalog.Jobs;

namespace Portal.Tests.Data;

public sealed class UninstallRequestRepositoryTests(SqliteDatabaseFixture database) : IClassFixture<SqliteDatabaseFixture>
{
    private readonly ManualTimeProvider _time = new(TestData.Start);

    private UninstallRequestRepository Repository => new(database.Connections, _time);

    private async Task<UninstallRequest> NewRequestAsync(Guid? machineId = null, Guid? userId = null, Guid? applicationId = null)
    {
        if (machineId is null)
        {
            var machine = MachineRepositoryTests.NewMachine();
            await new MachineRepository(database.Connections).AddAsync(machine);
            machineId = machine.Id;
        }

        var request = new UninstallRequest
        {
            MachineId = machineId.Value,
            ApplicationId = applicationId ?? Guid.NewGuid(),
            UserId = userId ?? Guid.NewGuid(),
            Reason = "no longer needed",
            CreatedAt = _time.GetUtcNow(),
        };
        _time.Advance(TimeSpan.FromSeconds(1));
        await Repository.AddAsync(request);
        return request;
    }

    [Fact]
    public async Task Add_then_get_round_trips_every_field()
    {
        var machine = MachineRepositoryTests.NewMachine();
        await new MachineRepository(database.Connections).AddAsync(machine);
        var request = new UninstallRequest
        {
            MachineId = machine.Id,
            ApplicationId = Guid.NewGuid(),
            UserId = Guid.NewGuid(),
            Reason = "why",
            State = UninstallRequestState.Denied,
            DecidedBy = Guid.NewGuid(),
            DecisionReason = "licence still needed",
            JobId = Guid.NewGuid(),
            CreatedAt = TestData.Start,
            DecidedAt = TestData.Start.AddHours(1),
        };

        await Repository.AddAsync(request);

        Assert.Equal(request, await Repository.GetAsync(request.Id));
        Assert.Null(await Repository.GetAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task Decide_applies_only_to_pending_requests()
    {
        var approved = await NewRequestAsync();
        var denied = await NewRequestAsync();
        var decider = Guid.NewGuid();
        var jobId = Guid.NewGuid();

        Assert.True(await Repository.DecideAsync(approved.Id, true, decider, "ok", jobId, TestData.Start.AddHours(2)));
        Assert.True(await Repository.DecideAsync(denied.Id, false, decider, "still needed", null, TestData.Start.AddHours(3)));
        Assert.False(await Repository.DecideAsync(approved.Id, false, decider, "changed my mind", null, TestData.Start.AddHours(4)));
        Assert.False(await Repository.CancelAsync(denied.Id));
        var afterApproval = await Repository.GetAsync(approved.Id);
        var afterDenial = await Repository.GetAsync(denied.Id);

        Assert.Equal(UninstallRequestState.Approved, afterApproval!.State);
        Assert.Equal(decider, afterApproval.DecidedBy);
        Assert.Equal("ok", afterApproval.DecisionReason);
        Assert.Equal(jobId, afterApproval.JobId);
        Assert.Equal(TestData.Start.AddHours(2), afterApproval.DecidedAt);
        Assert.Equal(UninstallRequestState.Denied, afterDenial!.State);
        Assert.Equal("still needed", afterDenial.DecisionReason);
    }

    [Fact]
    public async Task Cancel_withdraws_a_pending_request_once()
    {
        var request = await NewRequestAsync();

        Assert.True(await Repository.CancelAsync(request.Id));
        Assert.False(await Repository.CancelAsync(request.Id));
        Assert.False(await Repository.DecideAsync(request.Id, true, Guid.NewGuid(), "", null, TestData.Start));
        Assert.Equal(UninstallRequestState.Cancelled, (await Repository.GetAsync(request.Id))!.State);
    }

    [Fact]
    public async Task List_filters_by_state_user_and_machine_and_PendingFor_finds_the_open_request()
    {
        var user = Guid.NewGuid();
        var applicationId = Guid.NewGuid();
        var first = await NewRequestAsync(userId: user, applicationId: applicationId);
        var second = await NewRequestAsync(first.MachineId, user);
        var someoneElses = await NewRequestAsync();
        await Repository.DecideAsync(second.Id, true, Guid.NewGuid(), "", null, TestData.Start);

        var users = await Repository.ListAsync(userId: user);
        var pendingOfUser = await Repository.ListAsync(UninstallRequestState.Pending, user);
        var onMachine = await Repository.ListAsync(machineId: someoneElses.MachineId);
        var pending = await Repository.PendingForAsync(first.MachineId, applicationId);
        await Repository.CancelAsync(first.Id);
        var noLongerPending = await Repository.PendingForAsync(first.MachineId, applicationId);

        Assert.Equal([second.Id, first.Id], users.Select(r => r.Id));
        Assert.Equal([first.Id], pendingOfUser.Select(r => r.Id));
        Assert.Equal([someoneElses.Id], onMachine.Select(r => r.Id));
        Assert.Equal(first.Id, pending!.Id);
        Assert.Null(noLongerPending);
    }
}
