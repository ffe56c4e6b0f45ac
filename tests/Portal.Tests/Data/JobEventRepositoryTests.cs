using Portal.Data;
using Catalog.Jobs;

namespace Portal.Tests.Data;

public sealed class JobEventRepositoryTests(SqliteDatabaseFixture database) : IClassFixture<SqliteDatabaseFixture>
{
    private async Task<Guid> NewJobAsync()
    {
        var machine = MachineRepositoryTests.NewMachine();
        await new MachineRepository(database.Connections).AddAsync(machine);
        var jobs = await new JobRepository(database.Connections, TimeProvider.System)
            .CreateChainAsync([new Job { MachineId = machine.Id, ApplicationId = Guid.NewGuid(), Kind = JobKind.Install }]);
        return jobs[0].Id;
    }

    [Fact]
    public async Task Events_round_trip_in_the_order_they_were_added()
    {
        var jobId = await NewJobAsync();
        var repository = new JobEventRepository(database.Connections);
        var events = new[]
        {
            new JobEvent { JobId = jobId, At = TestData.Start, Level = JobEventLevel.Info, Message = "started" },
            new JobEvent { JobId = jobId, At = TestData.Start, Level = JobEventLevel.Output, Message = "line\nwith newline" },
            new JobEvent { JobId = jobId, At = TestData.Start.AddSeconds(-1), Level = JobEventLevel.Error, Message = "failed" },
        };

        var ids = new List<long>();
        foreach (var jobEvent in events)
        {
            ids.Add(await repository.AddAsync(jobEvent));
        }

        // The job's own "Queued." line comes first (written with the job); the added lines follow in order.
        var loaded = (await repository.ListAsync(jobId)).Skip(1).ToList();

        Assert.Equal(events.Select((e, i) => e with { Id = ids[i] }), loaded);
        Assert.Empty(await repository.ListAsync(Guid.NewGuid()));
    }
}
