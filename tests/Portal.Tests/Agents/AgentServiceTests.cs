using Catalog.Applications;
using Catalog.Events;
using Catalog.Jobs;
using ClientAgent.Connection;
using ClientAgent.Engine;
using ClientAgent.Service;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portal.AgentLink;
using Portal.Jobs;
using Portal.Reporting;
using Portal.Data;

namespace Portal.Tests.Agents;

/// <summary>The real agent service (host, engine, downloader) against the in-process portal over TestServer WebSockets.</summary>
public sealed class AgentServiceTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private string Programs => _temp.Sub("programs");

    [Fact]
    public async Task InstallJob_CreatedWhileOffline_RunsOnConnect_ThenUninstallRemovesTheFiles()
    {
        await using var portal = await AgentLinkPortal.StartAsync(_temp.Sub("data"));
        var agent = await portal.EnrollAsync("desk-1");
        var package = await TestPackage.BuildAsync(_temp.Path, "Notes", "1.0",
            new Dictionary<string, string> { ["%*PROGRAMS%/notes/bin/notes"] = "#!/bin/sh\necho notes\n", ["%*PROGRAMS%/notes/README"] = "Notes 1.0" });
        await portal.AddPackageAsync(package.Bytes);
        var application = await portal.AddApplicationAsync(new Application { Name = "Notes", Version = "1.0", Package = package.Reference });
        var machine = (await portal.MachineAsync(agent.MachineId));
        var install = Assert.Single(await portal.InstallAsync(machine, application));

        using var host = await StartAgentAsync(new PortalHolder(portal), agent);
        var installed = await FinishedAsync(portal, install.Id);

        Assert.Equal(JobState.Succeeded, installed.State);
        Assert.Equal("Notes 1.0", await File.ReadAllTextAsync(Path.Combine(Programs, "notes", "README")));
        Assert.True(File.Exists(Path.Combine(_temp.Sub("agent"), "cache", package.Sha256)));
        await HubTests.WaitUntilAsync(async () =>
            (await portal.MachineAsync(agent.MachineId)).Inventory?.Applications.Any(a => a.ApplicationId == application.Id) == true);

        var uninstall = await portal.Get<JobLifecycle>().CreateUninstallAsync(null, machine.Id, application, CancellationToken.None);
        var uninstalled = await FinishedAsync(portal, uninstall.Id);

        Assert.Equal(JobState.Succeeded, uninstalled.State);
        Assert.False(File.Exists(Path.Combine(Programs, "notes", "README")));
        Assert.False(File.Exists(Path.Combine(Programs, "notes", "bin", "notes")));
        await HubTests.WaitUntilAsync(async () => (await portal.EventsOfMachineAsync(agent.MachineId)).Count == 2);
        var events = await portal.EventsOfMachineAsync(agent.MachineId);
        Assert.Equal([EventType.DistributionSuccess, EventType.UninstallSuccess], events.Select(e => e.Type));
        Assert.All(events, e => Assert.Equal("desk-1", e.Machine));
    }

    [Fact]
    public async Task PortalRestartedMidJob_JobIsCompletedOnceAndNotRunTwice()
    {
        var gate = _temp.Sub("gate");
        var runs = _temp.Sub("runs.txt");
        var package = await TestPackage.BuildAsync(_temp.Path, "Slow", "1.0",
            new Dictionary<string, string> { ["%*PROGRAMS%/slow/file.txt"] = "slow" },
            [
                new ApplicationScript { Stage = ScriptStage.PreInstall, Body = $"while [ ! -f '{gate}' ]; do sleep 0.05; done\n", TimeoutSeconds = 60 },
                new ApplicationScript { Stage = ScriptStage.PostInstall, Body = $"echo run >> '{runs}'\n" },
            ]);
        var portal = await AgentLinkPortal.StartAsync(_temp.Sub("data"));
        var agent = await portal.EnrollAsync("restart-pc");
        await portal.AddPackageAsync(package.Bytes);
        var application = await portal.AddApplicationAsync(new Application { Name = "Slow", Version = "1.0", Package = package.Reference });
        var machine = (await portal.MachineAsync(agent.MachineId));
        var job = Assert.Single(await portal.InstallAsync(machine, application));
        var holder = new PortalHolder(portal);
        using var host = await StartAgentAsync(holder, agent);
        await HubTests.WaitUntilAsync(async () => (await portal.JobAsync(job.Id))!.Phase == JobPhase.Scripts);

        await portal.DisposeAsync();
        await File.WriteAllTextAsync(gate, "go");
        await HubTests.WaitUntilAsync(() => File.Exists(runs));
        await using var restarted = await AgentLinkPortal.StartAsync(_temp.Sub("data"));
        holder.Current = restarted;
        var finished = await FinishedAsync(restarted, job.Id);

        Assert.Equal(JobState.Succeeded, finished.State);
        Assert.Equal(["run"], await File.ReadAllLinesAsync(runs));
        await HubTests.WaitUntilAsync(async () => (await restarted.EventsOfMachineAsync(agent.MachineId)).Count > 0);
        var events = await restarted.EventsOfMachineAsync(agent.MachineId);
        Assert.Equal(EventType.DistributionSuccess, Assert.Single(events).Type);
    }

    [Fact]
    public async Task AgentCrashedMidInstall_ReportsTheJobInterruptedAfterRestart_AndANewAttemptInstallsIt()
    {
        var package = await TestPackage.BuildAsync(_temp.Path, "Crashy", "1.0",
            new Dictionary<string, string> { ["%*PROGRAMS%/crashy/file.txt"] = "complete" });
        await using var portal = await AgentLinkPortal.StartAsync(_temp.Sub("data"));
        var agent = await portal.EnrollAsync("crash-pc");
        await portal.AddPackageAsync(package.Bytes);
        var application = await portal.AddApplicationAsync(new Application { Name = "Crashy", Version = "1.0", Package = package.Reference });
        var machine = await portal.MachineAsync(agent.MachineId);
        var job = Assert.Single(await portal.InstallAsync(machine, application));
        var store = portal.Get<JobRepository>();
        Assert.NotNull(await store.MarkDeliveredAsync(job.Id, DateTimeOffset.UtcNow, CancellationToken.None));
        Assert.NotNull(await store.UpdateProgressAsync(job.Id, JobPhase.Installing, 41, "Copying files.", DateTimeOffset.UtcNow, CancellationToken.None));
        // What the agent left when the power went out mid-copy: the job's journal and a half-written file.
        var directory = Path.Combine(Programs, "crashy");
        var half = Path.Combine(directory, "file.txt");
        using (var journal = Journal.Begin(new AgentStateDirectory(_temp.Sub("agent")), job.Id, JournalOperation.Install, "Crashy"))
        {
            journal.RecordCreatedDirectories([directory]);
            journal.RecordCreatedFiles([half]);
        }

        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(half, "compl");

        using var host = await StartAgentAsync(new PortalHolder(portal), agent);
        var finished = await FinishedAsync(portal, job.Id);

        Assert.Equal(JobState.Interrupted, finished.State);
        Assert.Contains("crash or power loss", finished.Message);
        Assert.Contains(job.Id.ToString(), await File.ReadAllTextAsync(Path.Combine(_temp.Sub("agent"), "jobs", "finished.jsonl")));

        // The portal queues a new attempt at once; the agent runs it (a new id) and installs the whole file.
        Job? attempt = null;
        await HubTests.WaitUntilAsync(async () => (attempt = (await portal.JobsOfMachineAsync(agent.MachineId)).SingleOrDefault(j => j.RetryOf == job.Id)) is not null);
        Assert.NotNull(attempt);
        Assert.Equal(2, attempt.Attempt);
        Assert.Equal(JobState.Succeeded, (await FinishedAsync(portal, attempt.Id)).State);
        Assert.Equal("complete", await File.ReadAllTextAsync(half));
        Assert.True((await portal.JobAsync(job.Id))!.Superseded);
        var history = await portal.Get<JobEventRepository>().ListAsync(attempt.Id);
        Assert.Contains(history, e => e.Message.Contains("Attempt 1 ended Interrupted", StringComparison.Ordinal));
        await HubTests.WaitUntilAsync(() =>
            !File.Exists(Path.Combine(_temp.Sub("agent"), "unreported-completions.json"))
            || !File.ReadAllText(Path.Combine(_temp.Sub("agent"), "unreported-completions.json")).Contains(job.Id.ToString()));
    }

    [Fact]
    public async Task TamperedPackageOnMirror_IsRefusedAndNothingIsInstalled()
    {
        var tampered = _temp.Sub("mirror.zip");
        await using var portal = await AgentLinkPortal.StartAsync(_temp.Sub("data"));
        var agent = await portal.EnrollAsync("tamper-pc");
        var package = await TestPackage.BuildAsync(_temp.Path, "Viewer", "1.0", new Dictionary<string, string> { ["%*PROGRAMS%/viewer/v.txt"] = "genuine" });
        var bytes = package.Bytes;
        bytes[^10] ^= 0xFF;
        await File.WriteAllBytesAsync(tampered, bytes);
        // The portal's store lacks the package, so the agent has to fall back to the (tampered) mirror.
        var application = await portal.AddApplicationAsync(new Application
        {
            Name = "Viewer",
            Version = "1.0",
            Package = package.Reference,
            Sources = [new PackageSource(new Uri(tampered).AbsoluteUri)],
        });
        var machine = (await portal.MachineAsync(agent.MachineId));
        var job = Assert.Single(await portal.InstallAsync(machine, application));

        using var host = await StartAgentAsync(new PortalHolder(portal), agent);
        var finished = await FinishedAsync(portal, job.Id);

        Assert.Equal(JobState.Failed, finished.State);
        Assert.Contains($"Package from {new Uri(tampered).AbsoluteUri} failed verification: expected {package.Sha256}, got ", finished.Message);
        Assert.False(Directory.Exists(Path.Combine(Programs, "viewer")));
        Assert.False(File.Exists(Path.Combine(_temp.Sub("agent"), "cache", package.Sha256)));
        var log = await portal.Get<JobEventRepository>().ListAsync(job.Id);
        Assert.Contains(log, e => e.Level == JobEventLevel.Warning && e.Message.Contains("answered 404"));
        await HubTests.WaitUntilAsync(async () => (await portal.EventsOfMachineAsync(agent.MachineId)).Count > 0);
        Assert.Equal(EventType.DistributionFailure, Assert.Single(await portal.EventsOfMachineAsync(agent.MachineId)).Type);
    }

    [Fact]
    public async Task CacheJob_DownloadsAheadAndReportsCacheSuccess()
    {
        await using var portal = await AgentLinkPortal.StartAsync(_temp.Sub("data"));
        var agent = await portal.EnrollAsync("cache-pc");
        var package = await TestPackage.BuildAsync(_temp.Path, "Big", "3.0", new Dictionary<string, string> { ["%*PROGRAMS%/big/data"] = "data" });
        await portal.AddPackageAsync(package.Bytes);
        var application = await portal.AddApplicationAsync(new Application { Name = "Big", Version = "3.0", Package = package.Reference, ForceCache = true });
        var machine = (await portal.MachineAsync(agent.MachineId));
        var job = await portal.Get<JobLifecycle>().CreateCacheAsync(machine.Id, application, CancellationToken.None);

        using var host = await StartAgentAsync(new PortalHolder(portal), agent);
        var finished = await FinishedAsync(portal, job.Id);

        Assert.Equal(JobState.Succeeded, finished.State);
        Assert.True(File.Exists(Path.Combine(_temp.Sub("agent"), "cache", package.Sha256)));
        Assert.False(Directory.Exists(Path.Combine(Programs, "big")));
        await HubTests.WaitUntilAsync(async () =>
            (await portal.EventsOfMachineAsync(agent.MachineId)).Any(e => e.Type == EventType.CacheSuccess));
    }

    [Fact]
    public async Task CancellingARunningJob_StopsTheAgentAndRollsBack()
    {
        var started = _temp.Sub("started");
        var package = await TestPackage.BuildAsync(_temp.Path, "Stuck", "1.0",
            new Dictionary<string, string> { ["%*PROGRAMS%/stuck/file.txt"] = "never" },
            [new ApplicationScript { Stage = ScriptStage.PreInstall, Body = $"touch '{started}'\nsleep 60\n", TimeoutSeconds = 120 }]);
        await using var portal = await AgentLinkPortal.StartAsync(_temp.Sub("data"));
        var agent = await portal.EnrollAsync("cancel-pc");
        await portal.AddPackageAsync(package.Bytes);
        var application = await portal.AddApplicationAsync(new Application { Name = "Stuck", Version = "1.0", Package = package.Reference });
        var machine = (await portal.MachineAsync(agent.MachineId));
        var job = Assert.Single(await portal.InstallAsync(machine, application));
        using var host = await StartAgentAsync(new PortalHolder(portal), agent);
        await HubTests.WaitUntilAsync(() => File.Exists(started));

        // The agent runs the job. Whether its first progress report has reached the portal yet or not (then the portal
        // cancels the row at once), the agent is told to stop, rolls back, and nothing of the job stays on disk.
        var outcome = await portal.Get<JobLifecycle>().CancelAsync(job.Id, "Changed my mind.", CancellationToken.None);
        Assert.Contains(outcome, new[] { JobCancelOutcome.Requested, JobCancelOutcome.Cancelled });

        var service = (AgentService)host.Services.GetServices<IHostedService>().Single(s => s is AgentService);
        await HubTests.WaitUntilAsync(() => !service.IsBusy);
        var finished = await FinishedAsync(portal, job.Id);
        Assert.Contains(finished.State, new[] { JobState.Cancelled, JobState.RolledBack });
        Assert.Contains(await portal.Get<JobEventRepository>().ListAsync(job.Id),
            e => e.Message.StartsWith(outcome == JobCancelOutcome.Requested ? "Cancel requested" : "Cancelled:", StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(Programs, "stuck", "file.txt")));
    }

    private async Task<IHost> StartAgentAsync(PortalHolder holder, AgentCredentials credentials)
    {
        var options = new AgentServiceOptions
        {
            Credentials = credentials,
            StateDirectory = _temp.Sub("agent"),
            MacroOverrides = new Dictionary<string, string> { ["*PROGRAMS"] = Programs },
            ConfigureConnection = holder.ConfigureConnection,
            RetryPolicy = new JitteredBackoffRetryPolicy(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(300)),
            UsageInterval = TimeSpan.FromHours(1),
        };
        var host = AgentHost.Build(options, holder.Handler, TimeSpan.FromMilliseconds(20));
        await host.StartAsync();
        return host;
    }

    private static async Task<Job> FinishedAsync(AgentLinkPortal portal, Guid jobId)
    {
        Job? job = null;
        await HubTests.WaitUntilAsync(async () =>
        {
            job = await portal.JobAsync(jobId);
            return job is not null && JobRepository.IsFinished(job.State);
        });
        return job!;
    }

    public void Dispose() => _temp.Dispose();
}
