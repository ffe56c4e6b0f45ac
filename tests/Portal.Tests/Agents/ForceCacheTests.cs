using System.Collections.Concurrent;
using Catalog.Agents;
using Catalog.Applications;
using Catalog.Jobs;
using Catalog.Machines;
using Catalog.Requirements;
using Microsoft.AspNetCore.SignalR.Client;
using Portal.Data;

namespace Portal.Tests.Agents;

public sealed class ForceCacheTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private readonly TempDirectory _temp = new();

    private static Inventory Linux() => new()
    {
        OsVersion = "12",
        CpuCount = 2,
        MemoryMb = 4096,
        Volumes = [new Volume("/", 100_000, 40_000)],
    };

    [Fact]
    public async Task Inventory_report_queues_one_cache_job_per_force_cache_application_the_machine_can_run()
    {
        await using var portal = await AgentLinkPortal.StartAsync(_temp.Sub("data"));
        var agent = await portal.EnrollAsync("cache-pc");
        var cached = await portal.AddApplicationAsync(new Application
        {
            Name = "Offline Tools", Version = "1.0", ForceCache = true, Package = await portal.AddPackageAsync([1, 2, 3]),
        });
        await portal.AddApplicationAsync(new Application
        {
            Name = "Too Big", Version = "1.0", ForceCache = true, Package = await portal.AddPackageAsync([4, 5, 6]),
            Requirements = [new MemoryRequirement(65_536)],
        });
        await portal.AddApplicationAsync(new Application
        {
            Name = "Not Cached", Version = "1.0", Package = await portal.AddPackageAsync([7, 8, 9]),
        });
        var pushed = new ConcurrentQueue<JobMessage>();
        await using var connection = portal.CreateHubConnection(agent.Credential);
        connection.On<JobMessage>(AgentHubMethods.RunJob, message => pushed.Enqueue(message));
        await connection.StartAsync();

        await connection.InvokeAsync(AgentHubMethods.Inventory, Linux());
        await connection.InvokeAsync(AgentHubMethods.Inventory, Linux());

        var jobs = await portal.JobsOfMachineAsync(agent.MachineId);
        var job = Assert.Single(jobs);
        Assert.Equal(JobKind.Cache, job.Kind);
        Assert.Equal(cached.Id, job.ApplicationId);
        var deadline = DateTime.UtcNow + Wait;
        while (pushed.IsEmpty && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        var message = Assert.Single(pushed);
        Assert.Equal(JobKind.Cache, message.Kind);
        Assert.True(message.ForceCache);
    }

    [Fact]
    public async Task A_failed_cache_job_is_tried_again_on_the_next_inventory_report()
    {
        await using var portal = await AgentLinkPortal.StartAsync(_temp.Sub("data"));
        var agent = await portal.EnrollAsync("retry-pc");
        await portal.AddApplicationAsync(new Application
        {
            Name = "Offline Tools", Version = "1.0", ForceCache = true, Package = await portal.AddPackageAsync([1, 2, 3]),
        });
        await using var connection = portal.CreateHubConnection(agent.Credential);
        await connection.StartAsync();
        await connection.InvokeAsync(AgentHubMethods.Inventory, Linux());
        var first = Assert.Single(await portal.JobsOfMachineAsync(agent.MachineId));

        await connection.InvokeAsync(AgentHubMethods.Completed, first.Id, JobState.Failed, "All sources down");
        await connection.InvokeAsync(AgentHubMethods.Inventory, Linux());

        var jobs = await portal.JobsOfMachineAsync(agent.MachineId);
        Assert.Equal(2, jobs.Count);
        Assert.Equal(JobState.Failed, jobs.Single(j => j.Id == first.Id).State);
        Assert.Contains(jobs.Single(j => j.Id != first.Id).State, new[] { JobState.Queued, JobState.Delivered });
    }

    public void Dispose() => _temp.Dispose();
}
