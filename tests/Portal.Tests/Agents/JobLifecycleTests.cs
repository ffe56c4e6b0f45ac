using System.Collections.Concurrent;
using Catalog.Agents;
using Catalog.Applications;
using Catalog.Dependencies;
using Catalog.Jobs;
using Catalog.Machines;
using Microsoft.AspNetCore.SignalR.Client;
using Portal.AgentLink;
using Portal.Jobs;
using Portal.Reporting;
using Portal.Data;

namespace Portal.Tests.Agents;

public class JobLifecycleTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    /// <summary>Run on PostgreSQL (the several-node store) instead of SQLite.</summary>
    protected virtual bool OnPostgreSql => false;

    [Fact]
    public async Task InstallWithDependency_RunsTheDependencyFirst_AndItsFailureStopsTheChain()
    {
        await using var portal = await AgentLinkPortal.StartAsync(_temp.Sub("data"), onPostgreSql: OnPostgreSql);
        var agent = await portal.EnrollAsync();
        var package = await portal.AddPackageAsync([9, 9, 9]);
        var runtime = await portal.AddApplicationAsync(new Application { Name = "Runtime", Version = "8", Package = package });
        var app = await portal.AddApplicationAsync(new Application
        {
            Name = "Tool", Version = "1", Package = package, Dependencies = [new Dependency(ApplicationId: runtime.Id)],
        });
        var machine = (await portal.MachineAsync(agent.MachineId));
        var changes = new ConcurrentQueue<JobChanged>();
        using var subscription = portal.Get<JobNotifier>().Subscribe(change =>
        {
            changes.Enqueue(change);
            return Task.CompletedTask;
        });

        var chain = await portal.InstallAsync(machine, app);
        var received = new ConcurrentQueue<JobMessage>();
        await using var connection = portal.CreateHubConnection(agent.Credential);
        connection.On<JobMessage>(AgentHubMethods.RunJob, received.Enqueue);
        await connection.StartAsync();
        await HubTests.WaitUntilAsync(() => !received.IsEmpty);
        await connection.InvokeAsync(AgentHubMethods.Completed, chain[0].Id, JobState.Failed, "disk full");

        Assert.Equal([runtime.Id, app.Id], chain.Select(j => j.ApplicationId));
        Assert.Equal(runtime.Id, Assert.Single(received).ApplicationId);
        var second = (await portal.JobAsync(chain[1].Id))!;
        Assert.Equal(JobState.Cancelled, second.State);
        Assert.Equal("Not run: dependency 'Runtime' did not install (Failed: disk full).", second.Message);
        await HubTests.WaitUntilAsync(() => changes.Any(c => c.JobId == chain[1].Id && c.State == JobState.Cancelled));
    }

    [Fact]
    public async Task InstallWithDependency_SuccessPushesTheNextJob()
    {
        await using var portal = await AgentLinkPortal.StartAsync(_temp.Sub("data"), onPostgreSql: OnPostgreSql);
        var agent = await portal.EnrollAsync();
        var package = await portal.AddPackageAsync([7]);
        var runtime = await portal.AddApplicationAsync(new Application { Name = "Runtime", Version = "8", Package = package });
        var app = await portal.AddApplicationAsync(new Application
        {
            Name = "Tool", Version = "1", Package = package, Dependencies = [new Dependency(ApplicationId: runtime.Id)],
        });
        var received = new ConcurrentQueue<JobMessage>();
        await using var connection = portal.CreateHubConnection(agent.Credential);
        connection.On<JobMessage>(AgentHubMethods.RunJob, received.Enqueue);
        await connection.StartAsync();
        var machine = (await portal.MachineAsync(agent.MachineId));

        var chain = await portal.InstallAsync(machine, app);
        // At-least-once delivery: the connect-time push and the dispatcher's push may both deliver the first job.
        await HubTests.WaitUntilAsync(() => !received.IsEmpty);
        Assert.DoesNotContain(received, m => m.ApplicationId == app.Id);
        await connection.InvokeAsync(AgentHubMethods.Completed, chain[0].Id, JobState.Succeeded, "ok");
        await HubTests.WaitUntilAsync(() => received.Any(m => m.ApplicationId == app.Id));

        Assert.Equal([runtime.Id, app.Id], received.Select(m => m.ApplicationId).Distinct());
    }

    [Fact]
    public async Task AnInterruptionWhoseNewAttemptWasNeverCreated_GetsItWhenTheAgentConnects()
    {
        await using var portal = await AgentLinkPortal.StartAsync(_temp.Sub("data"), onPostgreSql: OnPostgreSql);
        var agent = await portal.EnrollAsync();
        var app = await portal.AddApplicationAsync(new Application { Name = "Tool", Version = "1", Package = await portal.AddPackageAsync([4]) });
        var job = Assert.Single(await portal.InstallAsync(await portal.MachineAsync(agent.MachineId), app));
        // What a portal that stopped right after recording the interruption leaves behind: no new attempt yet.
        await portal.Get<JobRepository>().CompleteAsync(job.Id, JobState.Interrupted, "agent crashed", DateTimeOffset.UtcNow, _ => "");

        var received = new ConcurrentQueue<JobMessage>();
        await using var connection = portal.CreateHubConnection(agent.Credential);
        connection.On<JobMessage>(AgentHubMethods.RunJob, received.Enqueue);
        await connection.StartAsync();
        await HubTests.WaitUntilAsync(() => !received.IsEmpty);

        var attempt = Assert.Single(await portal.JobsOfMachineAsync(agent.MachineId), j => j.RetryOf == job.Id);
        Assert.Equal(2, attempt.Attempt);
        Assert.Equal(attempt.Id, Assert.Single(received.Select(m => m.JobId).Distinct()));
        Assert.True((await portal.JobAsync(job.Id))!.Superseded);
    }

    [Fact]
    public async Task InstallWithUnresolvableDependency_IsRefusedAndNoJobIsStored()
    {
        await using var portal = await AgentLinkPortal.StartAsync(_temp.Sub("data"), onPostgreSql: OnPostgreSql);
        var agent = await portal.EnrollAsync();
        var app = await portal.AddApplicationAsync(new Application
        {
            Name = "Orphan", Version = "1", Package = await portal.AddPackageAsync([5]), Dependencies = [new Dependency(ExternalSoftwareName: "libmissing")],
        });
        var machine = (await portal.MachineAsync(agent.MachineId));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            portal.InstallAsync(machine, app));

        Assert.StartsWith("Orphan 1 cannot be installed on pc-1: ", error.Message);
        Assert.Contains("libmissing", error.Message);
        Assert.Empty(await portal.JobsOfMachineAsync(agent.MachineId));
    }

    [Fact]
    public async Task UnusedApplication_IsUninstalledOnlyAfterItsPolicyDaysSinceLastUse()
    {
        var start = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var clock = new ManualTimeProvider(start);
        await using var portal = await AgentLinkPortal.StartAsync(_temp.Sub("data"), clock, OnPostgreSql);
        var agent = await portal.EnrollAsync();
        var app = await portal.AddApplicationAsync(new Application
        {
            Name = "Rarely", Version = "1", Package = await portal.AddPackageAsync([1]),
            UninstallPolicy = new UninstallPolicy { UninstallIfUnusedDays = 30 },
        });
        await using (var connection = portal.CreateHubConnection(agent.Credential))
        {
            await connection.StartAsync();
            await connection.InvokeAsync(AgentHubMethods.Inventory, new Inventory { Applications = [new InstalledApplication(app.Id, "Rarely", "1", start)] });
            clock.Advance(TimeSpan.FromDays(10));
            await connection.InvokeAsync(AgentHubMethods.Usage, (IReadOnlyList<UsageReport>)[new UsageReport(app.Id, start.AddDays(10))]);
        }

        var sweeper = portal.Get<UnusedUninstallService>();
        clock.Advance(TimeSpan.FromDays(25));
        var early = await sweeper.SweepAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromDays(6));
        var due = await sweeper.SweepAsync(CancellationToken.None);
        var again = await sweeper.SweepAsync(CancellationToken.None);

        Assert.Empty(early);
        var job = Assert.Single(due);
        Assert.Equal(JobKind.Uninstall, job.Kind);
        Assert.Equal(app.Id, job.ApplicationId);
        Assert.Empty(again);
    }

    public void Dispose()
    {
        _temp.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The same job path (hub, delivery, chains, retry, cancel, events) with the portal's state in PostgreSQL.</summary>
public sealed class JobLifecycleTestsOnPostgreSql : JobLifecycleTests
{
    protected override bool OnPostgreSql => true;
}
