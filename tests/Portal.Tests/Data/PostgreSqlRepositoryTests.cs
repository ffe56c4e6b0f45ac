using Catalog.Auditing;
using Portal.Data;
using Catalog.Events;
using Catalog.ExternalSoftware;
using Catalog.Jobs;
using Catalog.Machines;
using Portal.Tests.Hosting;

namespace Portal.Tests.Data;

/// <summary>The same repositories against PostgreSQL: the SQL must be portable, not just pass on SQLite.</summary>
public sealed class PostgreSqlRepositoryTests(PostgreSqlDatabaseFixture database) : IClassFixture<PostgreSqlDatabaseFixture>
{
    private static readonly DateTimeOffset Now = TestData.Start;

    private async Task<Machine> NewMachineAsync(Guid? owner = null)
    {
        var machine = MachineRepositoryTests.NewMachine(owner);
        await new MachineRepository(database.Connections).AddAsync(machine);
        return machine;
    }

    [PostgreSqlFact]
    public Task Machine_search_matches_names_and_owner_emails_by_their_start() =>
        MachineSearchScenarios.NamesAndOwnerEmailsMatchByTheirStart(database.Connections, email => database.AddUserAsync(email));

    [PostgreSqlFact]
    public async Task Migrations_apply_once()
    {
        Assert.True(database.FirstMigrationCount >= 1);
        Assert.Equal(0, await new MigrationRunner(database.Connections).MigrateAsync());
    }

    [PostgreSqlFact]
    public async Task Applications_round_trip_refuse_duplicates_and_sort_versions()
    {
        var repository = new ApplicationRepository(database.Connections, new ManualTimeProvider(Now));
        var application = TestData.FullApplication(name: "PgEditor", version: "1.9");

        await repository.UpsertAsync(application);
        await repository.UpsertAsync(TestData.FullApplication(name: "PgEditor", version: "1.10"));
        var error = await Assert.ThrowsAsync<DuplicateApplicationException>(
            () => repository.UpsertAsync(TestData.FullApplication(name: "PgEditor", version: "1.9")));

        Same.Json(application with { CreatedAt = Now, UpdatedAt = Now }, await repository.GetAsync(application.Id));
        Assert.Equal(["1.10", "1.9"], (await repository.FindByNameAsync("pgeditor")).Select(a => a.Version));
        Assert.Contains("PgEditor", error.Message);
        Assert.True(await repository.DeleteAsync(application.Id));
    }

    [PostgreSqlFact]
    public async Task Machines_and_packages_round_trip()
    {
        var owner = await database.AddUserAsync();
        var machine = await NewMachineAsync(owner);
        var machines = new MachineRepository(database.Connections);
        var packages = new PackageRepository(database.Connections);
        var package = new StoredPackage
        {
            Sha256 = new string('c', 64),
            Size = 6_000_000_000,
            FileName = "big.zip",
            Manifest = new Catalog.Packaging.PackageManifest
            {
                Name = "Big",
                Version = "1",
                Platform = new Catalog.Packaging.PackagePlatform(OsFamily.Linux, "13"),
            },
            UploadedAt = Now,
        };

        Assert.True(await packages.AddAsync(package));
        Assert.False(await packages.AddAsync(package with { FileName = "again.zip" }));
        Assert.True(await machines.UpdateInventoryAsync(machine.Id, machine.Inventory!, "10.1.1.1", Now.AddHours(1)));
        Assert.True(await machines.RevokeAsync(machine.Id));

        Same.Json(package, await packages.GetAsync(package.Sha256));
        var stored = await machines.GetAsync(machine.Id);
        Same.Json(machine with { Address = "10.1.1.1", LastSeenAt = Now.AddHours(1), Revoked = true }, stored);
        Assert.Equal([machine.Id], (await machines.ListAsync(owner)).Select(m => m.Id));
    }

    [PostgreSqlFact]
    public async Task Concurrent_redeems_enroll_one_machine_and_refusals_write_nothing()
    {
        var repository = new EnrollmentTokenRepository(database.Connections);
        var owner = await database.AddUserAsync();
        var token = new EnrollmentToken { TokenHash = Guid.NewGuid().ToString("N"), OwnerUserId = owner, ExpiresAt = Now.AddDays(1), CreatedAt = Now };
        var expired = new EnrollmentToken { TokenHash = Guid.NewGuid().ToString("N"), ExpiresAt = Now, CreatedAt = Now };
        await repository.CreateAsync(token);
        await repository.CreateAsync(expired);

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(
            () => repository.RedeemAsync(token.TokenHash, MachineRepositoryTests.NewMachine(), Now))));
        var expiredResult = await repository.RedeemAsync(expired.TokenHash, MachineRepositoryTests.NewMachine(), Now);

        var winner = Assert.Single(results, r => r.Succeeded);
        Assert.Equal(owner, (await new MachineRepository(database.Connections).GetAsync(winner.Machine!.Id))!.OwnerUserId);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Contains("already used", r.Error));
        Assert.Contains("expired", expiredResult.Error);
        Assert.Equal(token with { UsedAt = Now, MachineId = winner.Machine.Id }, (await repository.ListAsync()).Single(t => t.Id == token.Id));
    }

    [PostgreSqlFact]
    public async Task Job_queue_transitions_behave_as_on_sqlite()
    {
        var time = new ManualTimeProvider(Now);
        var jobs = new JobRepository(database.Connections, time);
        var machine = await NewMachineAsync();
        Job NewJob() => new() { MachineId = machine.Id, ApplicationId = Guid.NewGuid(), Kind = JobKind.Install, Answers = new Dictionary<string, string> { ["A"] = "b" } };
        var chain = await jobs.CreateChainAsync([NewJob(), NewJob(), NewJob()]);
        time.Advance(TimeSpan.FromSeconds(1));
        var single = await jobs.CreateChainAsync([NewJob()]);

        Assert.Equal([chain[0].Id, single[0].Id], (await jobs.ListDeliverableAsync(machine.Id)).Select(j => j.Id));
        Assert.NotNull(await jobs.MarkDeliveredAsync(chain[0].Id, Now));
        Assert.NotNull(await jobs.UpdateProgressAsync(chain[0].Id, JobPhase.Installing, 50, "half", Now));
        Assert.Null(await jobs.CancelAsync(chain[0].Id, "too late"));
        Assert.Equal(chain[1].Id, (await jobs.CompleteAsync(chain[0].Id, JobState.Succeeded, "ok", Now, _ => ""))!.Next!.Id);
        Assert.Null(await jobs.CompleteAsync(chain[0].Id, JobState.Failed, "late", Now, _ => ""));
        var failed = await jobs.CompleteAsync(chain[1].Id, JobState.Failed, "boom", Now, _ => "Stopped: dependency Java failed");
        Assert.Equal([chain[2].Id], failed!.Stopped.Select(j => j.Id));
        Assert.Equal("Stopped: dependency Java failed", (await jobs.GetAsync(chain[2].Id))!.Message);
        var attempts = await jobs.RetryAsync(chain[1].Id, "retried");
        Assert.Equal([chain[1].Id, chain[2].Id], attempts!.Select(a => a.RetryOf!.Value));
        Assert.True((await jobs.GetAsync(chain[1].Id))!.Superseded);
        Assert.Equal(JobState.Queued, (await jobs.GetAsync(attempts![1].Id))!.State);
        Assert.NotNull(await jobs.CancelAsync(single[0].Id, "changed my mind"));
        Assert.True(await jobs.HasActiveJobAsync(machine.Id, chain[1].ApplicationId));
        Assert.Empty(await jobs.MarkAgentOfflineAsync(machine.Id, "offline", Now));

        var finished = await jobs.ListAsync(new JobFilter { MachineId = machine.Id, States = [JobState.Succeeded, JobState.Cancelled], CurrentOnly = true });
        Assert.Equal([single[0].Id, chain[0].Id], finished.Select(j => j.Id));
        var listings = new JobListingRepository(database.Connections);
        var latest = await listings.LatestPerApplicationAsync(machine.Id);
        Assert.Contains(latest, l => l.Job.Id == attempts[0].Id);
        Assert.DoesNotContain(latest, l => l.Job.Id == chain[1].Id);
        Assert.Equal(4, await listings.CountAsync(new JobFilter { MachineId = machine.Id, CurrentOnly = true }));
    }

    [PostgreSqlFact]
    public async Task Concurrent_writers_store_every_event_and_audit_row()
    {
        var machine = await NewMachineAsync();
        var job = (await new JobRepository(database.Connections, TimeProvider.System)
            .CreateChainAsync([new Job { MachineId = machine.Id, ApplicationId = Guid.NewGuid(), Kind = JobKind.Uninstall }]))[0];
        var events = new JobEventRepository(database.Connections);
        var audit = new AuditRepository(database.Connections);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                await events.AddAsync(new JobEvent { JobId = job.Id, At = Now, Level = JobEventLevel.Output, Message = $"{w}:{i}" });
                await audit.AddAsync(new AuditEntry { At = Now.AddSeconds(i), Actor = "pg-writer", Action = "write", Target = $"{w}:{i}" });
            }
        })));

        Assert.Equal(160, (await events.ListAsync(job.Id)).Select(e => e.Message).Where(m => m != "Queued.").Distinct().Count());
        Assert.Equal(160, (await audit.ListAsync(actor: "pg-writer", limit: 1000)).Count);
        Assert.Equal(8, (await audit.ListAsync(Now.AddSeconds(19), Now.AddSeconds(20), "pg-writer")).Count);
    }

    [PostgreSqlFact]
    public async Task Uninstall_requests_are_decided_once()
    {
        var repository = new UninstallRequestRepository(database.Connections, new ManualTimeProvider(Now));
        var machine = await NewMachineAsync();
        var request = new UninstallRequest { MachineId = machine.Id, ApplicationId = Guid.NewGuid(), UserId = Guid.NewGuid(), CreatedAt = Now };
        await repository.AddAsync(request);

        Assert.Equal(request.Id, (await repository.PendingForAsync(machine.Id, request.ApplicationId))!.Id);
        Assert.True(await repository.DecideAsync(request.Id, false, Guid.NewGuid(), "no", null, Now));
        Assert.False(await repository.CancelAsync(request.Id));
        Assert.Equal([request.Id], (await repository.ListAsync(UninstallRequestState.Denied, request.UserId, machine.Id)).Select(r => r.Id));
    }

    [PostgreSqlFact]
    public async Task Reported_events_query_and_count()
    {
        var repository = new ReportedEventRepository(database.Connections);
        var at = new DateTimeOffset(2026, 8, 1, 8, 0, 0, TimeSpan.Zero);
        var first = new ReportedEvent { Type = EventType.DistributionSuccess, At = at, ApplicationName = "PgApp", User = "bob", Message = "All Good" };
        var id = await repository.AddAsync(first);
        await repository.AddAsync(first with { Type = EventType.DistributionFailure, At = at.AddDays(1), Message = "50% failed" });

        var found = await repository.QueryAsync(new EventQuery { Text = "all good", Types = [EventType.DistributionSuccess] });
        var byDay = await repository.CountByDayAsync(at.AddHours(-8), at.AddDays(2));
        var byApplication = await repository.CountByApplicationAsync(at.AddHours(-8), at.AddDays(2));

        Assert.Equal([first with { Id = id }], found);
        Assert.Equal([new DailyEventCount(new DateOnly(2026, 8, 1), 1, 0), new DailyEventCount(new DateOnly(2026, 8, 2), 0, 1)], byDay);
        Assert.Equal([new ApplicationEventCount("PgApp", 1, 1)], byApplication);
    }

    [PostgreSqlFact]
    public async Task Concurrent_publishers_get_consecutive_revisions_and_the_outbox_works()
    {
        var software = new ExternalSoftwareRepository(database.Connections);
        var outbox = new XmlOutboxRepository(database.Connections);

        var saved = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(
            () => software.SaveRevisionAsync([new ExternalSoftwareEntry { Name = $"S{i}" }], i == 0, "admin", Now))));
        var id = await outbox.EnqueueAsync("https://x.example", "<x/>", Now);
        await outbox.MarkFailedAsync(id, "timeout", Now.AddMinutes(1));

        Assert.Equal(Enumerable.Range(1, 6), saved.Select(s => s.Revision).Order());
        Assert.Equal(6, (await software.GetCurrentAsync()).Revision);
        Assert.Empty(await outbox.DueAsync(Now, 10));
        Assert.Equal("timeout", Assert.Single(await outbox.DueAsync(Now.AddMinutes(1), 10)).LastError);
        Assert.True(await outbox.MarkSentAsync(id));
    }
}
