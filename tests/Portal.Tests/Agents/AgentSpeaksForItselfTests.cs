using Catalog.Agents;
using Catalog.Applications;
using Catalog.Events;
using Catalog.Machines;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Portal.Data;

namespace Portal.Tests.Agents;

/// <summary>
/// An enrolled agent may only report about its own machine: its own jobs, applications it was sent, bounded
/// inventories and usage. Every refusal is a hub error with the reason, and nothing is stored.
/// </summary>
public sealed class AgentSpeaksForItselfTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task Events_about_another_machines_job_or_an_unsent_application_or_a_portal_event_type_are_refused()
    {
        await using var portal = await AgentLinkPortal.StartAsync(_temp.Sub("data"));
        var mine = await portal.EnrollAsync("mine");
        var other = await portal.EnrollAsync("other");
        var application = await portal.AddApplicationAsync(new Application { Name = "Tool", Version = "1", Package = await portal.AddPackageAsync([1]) });
        var othersJob = (await portal.InstallAsync(await portal.MachineAsync(other.MachineId), application))[0];
        await using var connection = portal.CreateHubConnection(mine.Credential);
        await connection.StartAsync();

        var foreignJob = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync(
            AgentHubMethods.Event, new AgentEvent { Type = EventType.CacheSuccess, JobId = othersJob.Id }));
        var unsent = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync(
            AgentHubMethods.Event, new AgentEvent { Type = EventType.LaunchSuccess, ApplicationId = application.Id }));
        var forgedOutcome = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync(
            AgentHubMethods.Event, new AgentEvent { Type = EventType.DistributionSuccess, ApplicationName = "Anything" }));

        Assert.Contains("is not a job of this machine", foreignJob.Message);
        Assert.Contains("was never sent to this machine", unsent.Message);
        Assert.Contains("comes from the portal's own records", forgedOutcome.Message);
        Assert.Empty(await portal.EventsOfMachineAsync(mine.MachineId));
    }

    [Fact]
    public async Task An_event_about_its_own_job_takes_name_version_user_and_time_from_the_portal()
    {
        await using var portal = await AgentLinkPortal.StartAsync(_temp.Sub("data"));
        var agent = await portal.EnrollAsync("own");
        var application = await portal.AddApplicationAsync(new Application { Name = "Tool", Version = "2.5", Package = await portal.AddPackageAsync([2]) });
        var job = await portal.Get<Portal.Jobs.JobLifecycle>().CreateCacheAsync(agent.MachineId, application, CancellationToken.None);
        await using var connection = portal.CreateHubConnection(agent.Credential);
        await connection.StartAsync();
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);

        await connection.InvokeAsync(AgentHubMethods.Event, new AgentEvent
        {
            Type = EventType.CacheSuccess,
            JobId = job.Id,
            ApplicationName = "Forged name",
            Version = "99",
            User = "root@elsewhere",
            At = new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero),
            Message = "cached",
        });

        var stored = Assert.Single(await portal.EventsOfMachineAsync(agent.MachineId), e => e.Type == EventType.CacheSuccess);
        Assert.Equal("Tool", stored.ApplicationName);
        Assert.Equal("2.5", stored.Version);
        Assert.Equal(application.Id, stored.ApplicationId);
        Assert.Equal("", stored.User);
        Assert.True(stored.At > before, $"time {stored.At:O} should be the portal's");
        Assert.Equal("own", stored.Machine);
    }

    [Fact]
    public async Task An_inventory_out_of_bounds_is_refused_and_the_stored_one_is_kept()
    {
        await using var portal = await AgentLinkPortal.StartAsync(_temp.Sub("data"));
        var agent = await portal.EnrollAsync("bounded");
        await using var connection = portal.CreateHubConnection(agent.Credential);
        await connection.StartAsync();
        await connection.InvokeAsync(AgentHubMethods.Inventory, new Inventory { CpuCount = 4, MemoryMb = 8192, Volumes = [new Volume("/", 1000, 500)] });

        var negative = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync(
            AgentHubMethods.Inventory, new Inventory { CpuCount = 4, MemoryMb = -1 }));
        var volumes = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync(
            AgentHubMethods.Inventory, new Inventory { Volumes = Enumerable.Range(0, 300).Select(i => new Volume($"/v{i}", 10, 5)).ToList() }));
        var hostName = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync(
            AgentHubMethods.Inventory, new Inventory { HostName = new string('h', 10_000) }));
        var impossibleVolume = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync(
            AgentHubMethods.Inventory, new Inventory { Volumes = [new Volume("/", 10, 20)] }));

        Assert.Contains("The memory (MB) is -1", negative.Message);
        Assert.Contains("300 volumes", volumes.Message);
        Assert.Contains("host name", hostName.Message);
        Assert.Contains("free space of volume /", impossibleVolume.Message);
        var stored = (await portal.Get<MachineRepository>().GetAsync(agent.MachineId))!.Inventory!;
        Assert.Equal(8192, stored.MemoryMb);
        Assert.Equal("/", Assert.Single(stored.Volumes).Name);
    }

    [Fact]
    public async Task Usage_is_bounded_about_installed_applications_and_never_in_the_future()
    {
        await using var portal = await AgentLinkPortal.StartAsync(_temp.Sub("data"));
        var agent = await portal.EnrollAsync("usage");
        var application = await portal.AddApplicationAsync(new Application { Name = "Used", Version = "1", Package = await portal.AddPackageAsync([3]) });
        await using var connection = portal.CreateHubConnection(agent.Credential);
        await connection.StartAsync();
        await connection.InvokeAsync(AgentHubMethods.Inventory, new Inventory
        {
            Applications = [new InstalledApplication(application.Id, "Used", "1", DateTimeOffset.UtcNow.AddDays(-1))],
        });

        var tooMany = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync(
            AgentHubMethods.Usage, (IReadOnlyList<UsageReport>)Enumerable.Range(0, 5001).Select(_ => new UsageReport(Guid.NewGuid(), DateTimeOffset.UtcNow)).ToList()));
        var notInstalled = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync(
            AgentHubMethods.Usage, (IReadOnlyList<UsageReport>)[new UsageReport(Guid.NewGuid(), DateTimeOffset.UtcNow)]));
        var future = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync(
            AgentHubMethods.Usage, (IReadOnlyList<UsageReport>)[new UsageReport(application.Id, DateTimeOffset.UtcNow.AddYears(5))]));
        var now = DateTimeOffset.UtcNow;
        await connection.InvokeAsync(AgentHubMethods.Usage, (IReadOnlyList<UsageReport>)[new UsageReport(application.Id, now)]);

        Assert.Contains("at most 5000", tooMany.Message);
        Assert.Contains("is not installed on this machine", notInstalled.Message);
        Assert.Contains("in the future", future.Message);
        var lastUsed = (await portal.Get<MachineRepository>().GetAsync(agent.MachineId))!.Inventory!.Applications.Single().LastUsedAt;
        Assert.Equal(now, lastUsed);
    }

    [Fact]
    public async Task The_hub_offers_agents_WebSockets_only()
    {
        await using var portal = await AgentLinkPortal.StartAsync(_temp.Sub("data"));
        var agent = await portal.EnrollAsync("transports");
        using var client = portal.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/{AgentHubMethods.Path}/negotiate?negotiateVersion=1");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", agent.Credential);

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.IsSuccessStatusCode, body);
        Assert.Contains("\"WebSockets\"", body);
        Assert.DoesNotContain("LongPolling", body);
        Assert.DoesNotContain("ServerSentEvents", body);
    }

    public void Dispose() => _temp.Dispose();
}
