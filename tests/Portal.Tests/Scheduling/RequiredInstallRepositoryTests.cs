using Catalog.Scheduling;
using Portal.Data;
using Portal.Tests.Data;
using Portal.Tests.Hosting;

namespace Portal.Tests.Scheduling;

/// <summary>The claim and deferral SQL on PostgreSQL (what several portal nodes share) and on SQLite.</summary>
public sealed class RequiredInstallRepositoryTests(PostgreSqlDatabaseFixture postgres, SqliteDatabaseFixture sqlite)
    : IClassFixture<PostgreSqlDatabaseFixture>, IClassFixture<SqliteDatabaseFixture>
{
    private static readonly DateTimeOffset Now = TestData.Start;

    [PostgreSqlFact]
    public Task Claims_and_deferrals_on_PostgreSQL() => ClaimsAndDeferralsAsync(postgres.Connections);

    [Fact]
    public Task Claims_and_deferrals_on_SQLite() => ClaimsAndDeferralsAsync(sqlite.Connections);

    [PostgreSqlFact]
    public Task Windows_on_PostgreSQL() => WindowsAsync(postgres.Connections);

    [Fact]
    public Task Windows_on_SQLite() => WindowsAsync(sqlite.Connections);

    private static async Task ClaimsAndDeferralsAsync(IDbConnectionFactory connections)
    {
        var clock = new ManualTimeProvider(Now);
        var machine = MachineRepositoryTests.NewMachine(null);
        await new MachineRepository(connections).AddAsync(machine);
        var application = Guid.NewGuid();
        var repository = new RequiredInstallRepository(connections, clock);
        var otherNode = new RequiredInstallRepository(connections, clock);

        var first = await repository.TryDeferAsync(machine.Id, application, allowed: 1);
        var second = await repository.TryDeferAsync(machine.Id, application, allowed: 1);
        var staleCount = await repository.TryClaimAsync(machine.Id, application, deferralsUsed: 0, Now.AddMinutes(-10));
        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            (i % 2 == 0 ? repository : otherNode).TryClaimAsync(machine.Id, application, deferralsUsed: 1, Now.AddMinutes(-10))));
        var deferAfterClaim = await repository.TryDeferAsync(machine.Id, application, allowed: 5);
        clock.Advance(TimeSpan.FromMinutes(11));
        var takeover = await otherNode.TryClaimAsync(machine.Id, application, 1, clock.GetUtcNow().AddMinutes(-10)); // its node never created the job
        var job = Guid.NewGuid();
        await otherNode.SetJobAsync(machine.Id, application, job);
        clock.Advance(TimeSpan.FromMinutes(11));
        var afterJob = await repository.TryClaimAsync(machine.Id, application, 1, clock.GetUtcNow().AddMinutes(-10));

        Assert.Equal(1, first);
        Assert.Null(second);
        Assert.False(staleCount);
        Assert.Equal(1, claims.Count(c => c));
        Assert.Null(deferAfterClaim);
        Assert.True(takeover);
        Assert.False(afterJob);
        var record = (await repository.GetAsync(machine.Id, application))!;
        Assert.Equal((1, job), (record.DeferralsUsed, record.JobId));
        Assert.Single(await repository.ForMachineAsync(machine.Id));
    }

    private static async Task WindowsAsync(IDbConnectionFactory connections)
    {
        var machines = new MachineRepository(connections);
        var mine = MachineRepositoryTests.NewMachine(null);
        var other = MachineRepositoryTests.NewMachine(null);
        await machines.AddAsync(mine);
        await machines.AddAsync(other);
        var repository = new MaintenanceWindowRepository(connections, new ManualTimeProvider(Now));
        var everyone = new MaintenanceWindow { Name = "A all " + Guid.NewGuid().ToString("N")[..6], Days = [DayOfWeek.Monday], Start = new(1, 0), End = new(2, 0) };
        var own = new MaintenanceWindow { Name = "B mine", MachineId = mine.Id, Days = [DayOfWeek.Sunday], Start = new(22, 30), End = new(3, 0) };
        var others = new MaintenanceWindow { Name = "C other", MachineId = other.Id, Days = [DayOfWeek.Tuesday], Start = new(1, 0), End = new(2, 0) };
        foreach (var window in new[] { everyone, own, others })
        {
            await repository.SaveAsync(window);
        }

        await repository.SaveAsync(own with { End = new(4, 0) });

        var forMine = await repository.ForMachineAsync(mine.Id);
        Assert.Contains(forMine, w => w.Id == everyone.Id);
        Assert.Equal(new TimeOnly(4, 0), Assert.Single(forMine, w => w.Id == own.Id).End);
        Assert.DoesNotContain(forMine, w => w.Id == others.Id);
        Assert.True(await repository.DeleteAsync(own.Id));
        Assert.Null(await repository.GetAsync(own.Id));
        Assert.False(await repository.DeleteAsync(own.Id));
    }
}
