using Catalog.Auditing;
using Portal.Data;
using Catalog.Jobs;
using Dapper;

namespace Portal.Tests.Data;

public sealed class ConcurrentWriterTests(SqliteDatabaseFixture database) : IClassFixture<SqliteDatabaseFixture>
{
    private const int Writers = 8;
    private const int RowsPerWriter = 50;

    [Fact]
    public async Task Eight_writers_on_separate_connections_store_every_job_event_and_audit_row()
    {
        var machine = MachineRepositoryTests.NewMachine();
        await new MachineRepository(database.Connections).AddAsync(machine);
        var jobs = new JobRepository(database.Connections, TimeProvider.System);
        var job = (await jobs.CreateChainAsync([new Job { MachineId = machine.Id, ApplicationId = Guid.NewGuid(), Kind = JobKind.Install }]))[0];
        var events = new JobEventRepository(database.Connections);
        var audit = new AuditRepository(database.Connections);
        var actor = $"writer-{Guid.NewGuid():N}";

        var writers = Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < RowsPerWriter; i++)
            {
                await events.AddAsync(new JobEvent { JobId = job.Id, At = TestData.Start, Message = $"{writer}:{i}" });
                await audit.AddAsync(new AuditEntry { At = TestData.Start, Actor = actor, Action = "write", Target = $"{writer}:{i}" });
                await jobs.UpdateProgressAsync(job.Id, JobPhase.Installing, i, $"{writer}:{i}", TestData.Start);
            }
        }));
        await Task.WhenAll(writers);

        var expected = Enumerable.Range(0, Writers).SelectMany(w => Enumerable.Range(0, RowsPerWriter).Select(i => $"{w}:{i}")).Order().ToList();
        // Besides the writers' lines, the job's history has its own "Queued." and phase lines.
        Assert.Equal(expected, (await events.ListAsync(job.Id)).Select(e => e.Message).Where(m => m.Contains(':', StringComparison.Ordinal) && !m.StartsWith("Installing:", StringComparison.Ordinal)).Order());
        Assert.Equal(expected, (await audit.ListAsync(actor: actor, limit: 1000)).Select(e => e.Target).Order());
        Assert.Equal(JobState.Running, (await jobs.GetAsync(job.Id))!.State);
    }

    [Fact]
    public async Task Each_writer_sees_its_own_events_in_the_order_it_wrote_them()
    {
        var machine = MachineRepositoryTests.NewMachine();
        await new MachineRepository(database.Connections).AddAsync(machine);
        var job = (await new JobRepository(database.Connections, TimeProvider.System)
            .CreateChainAsync([new Job { MachineId = machine.Id, ApplicationId = Guid.NewGuid(), Kind = JobKind.Install }]))[0];
        var events = new JobEventRepository(database.Connections);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                await events.AddAsync(new JobEvent { JobId = job.Id, At = TestData.Start, Message = $"{writer}:{i:D2}" });
            }
        })));

        var stored = await events.ListAsync(job.Id);
        foreach (var writer in Enumerable.Range(0, 4))
        {
            var own = stored.Select(e => e.Message).Where(m => m.StartsWith($"{writer}:", StringComparison.Ordinal)).ToList();
            Assert.Equal(own.Order(StringComparer.Ordinal), own);
            Assert.Equal(25, own.Count);
        }

        await using var connection = await database.Connections.OpenAsync();
        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
    }
}
