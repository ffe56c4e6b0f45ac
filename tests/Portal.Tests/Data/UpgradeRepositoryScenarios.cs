using Catalog.Applications;
using Catalog.Jobs;
using Portal.Data;

namespace Portal.Tests.Data;

/// <summary>The upgrade parts of the data layer, run against SQLite and PostgreSQL alike.</summary>
internal static class UpgradeRepositoryScenarios
{
    /// <summary>Every version saved under an id is kept (newest version first) with its last package; delete removes the line.</summary>
    public static async Task VersionLineAsync(IDbConnectionFactory connections)
    {
        var time = new ManualTimeProvider(TestData.Start);
        var repository = new ApplicationRepository(connections, time);
        var application = TestData.FullApplication(name: $"Line-{Guid.NewGuid():N}", version: "1.0") with { Package = null };

        await repository.UpsertAsync(application);
        time.Advance(TimeSpan.FromMinutes(5));
        await repository.UpsertAsync(application with { Package = new PackageReference(new string('1', 64), 10, "line-1.0.zip") });
        time.Advance(TimeSpan.FromMinutes(5));
        await repository.UpsertAsync(application with { Version = "2.0", Package = new PackageReference(new string('2', 64), 20, "line-2.0.zip") });
        time.Advance(TimeSpan.FromMinutes(5));
        await repository.UpsertAsync(application with { Version = "1.10", Package = null });

        var line = await repository.ListVersionsAsync(application.Id);

        Assert.Equal(["2.0", "1.10", "1.0"], line.Select(v => v.Version));
        var first = line.Single(v => v.Version == "1.0");
        Assert.Equal(new string('1', 64), first.PackageSha256);
        Assert.Equal(TestData.Start, first.FirstSavedAt);
        Assert.Equal(TestData.Start.AddMinutes(5), first.SavedAt);
        Assert.Null(line.Single(v => v.Version == "1.10").PackageSha256);
        Assert.Equal("1.10", (await repository.GetAsync(application.Id))!.Version);
        Assert.Empty(await repository.ListVersionsAsync(Guid.NewGuid()));

        Assert.True(await repository.DeleteAsync(application.Id));
        Assert.Empty(await repository.ListVersionsAsync(application.Id));
    }

    /// <summary>An upgrade job keeps the version (and catalog entry) it replaces, also in the new attempt a retry creates.</summary>
    public static async Task UpgradeJobRoundTripAsync(IDbConnectionFactory connections)
    {
        var machine = MachineRepositoryTests.NewMachine(name: $"up-{Guid.NewGuid():N}"[..12]);
        await new MachineRepository(connections).AddAsync(machine);
        var jobs = new JobRepository(connections, new ManualTimeProvider(TestData.Start));
        var from = Guid.NewGuid();
        var stored = await jobs.CreateChainAsync(
        [
            new Job { MachineId = machine.Id, ApplicationId = Guid.NewGuid(), Kind = JobKind.Upgrade, UpgradeFrom = "1.0", UpgradeFromApplicationId = from },
            new Job { MachineId = machine.Id, ApplicationId = from, Kind = JobKind.Uninstall },
        ]);

        var loaded = await jobs.GetAsync(stored[0].Id);
        Assert.Equal(JobKind.Upgrade, loaded!.Kind);
        Assert.Equal("1.0", loaded.UpgradeFrom);
        Assert.Equal(from, loaded.UpgradeFromApplicationId);
        Assert.Null((await jobs.GetAsync(stored[1].Id))!.UpgradeFrom);

        await jobs.CompleteAsync(stored[0].Id, JobState.RolledBack, "post-install script failed", TestData.Start, _ => "Not run.");
        var retried = await jobs.RetryAsync(stored[0].Id, "test");

        Assert.NotNull(retried);
        Assert.Equal(["1.0", null], retried.Select(j => j.UpgradeFrom));
        Assert.Equal(JobKind.Uninstall, retried[1].Kind);
        Assert.Equal(from, (await jobs.GetAsync(retried[0].Id))!.UpgradeFromApplicationId);
    }
}
