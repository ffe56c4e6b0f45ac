using System.Collections.Concurrent;
using System.Net;
using System.Xml.Linq;
using Catalog.Agents;
using Catalog.Applications;
using Catalog.Events;
using Catalog.Jobs;
using Catalog.Machines;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR.Client;
using Portal.AgentLink;
using Portal.Jobs;
using Portal.Reporting;
using Portal.Data;

namespace Portal.Tests.Agents;

public class HubTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private readonly TempDirectory _temp = new();

    /// <summary>Run on PostgreSQL (the several-node store) instead of SQLite.</summary>
    protected virtual bool OnPostgreSql => false;

    [Fact]
    public async Task Connect_WithUnknownCredential_IsRefusedWith401()
    {
        await using var portal = await AgentLinkPortal.StartAsync(_temp.Sub("data"), onPostgreSql: OnPostgreSql);
        await using var connection = portal.CreateHubConnection("not-a-credential");

        var error = await Assert.ThrowsAnyAsync<Exception>(() => connection.StartAsync());

        Assert.Contains("401", error.Message);
    }

    [Fact]
    public async Task Inventory_ReportedOverTheHub_IsStoredWithLastSeen()
    {
        await using var portal = await AgentLinkPortal.StartAsync(_temp.Sub("data"), onPostgreSql: OnPostgreSql);
        var agent = await portal.EnrollAsync("inventory-pc");
        await using var connection = portal.CreateHubConnection(agent.Credential);
        await connection.StartAsync();

        var inventory = new Inventory
        {
            OsVersion = "12",
            CpuCount = 4,
            MemoryMb = 8192,
            Volumes = [new Volume("/", 100_000, 40_000)],
            ExternalSoftware = [new InstalledSoftware("curl", "7.88.1", "Debian")],
        };
        await connection.InvokeAsync(AgentHubMethods.Inventory, inventory);

        var machine = await portal.Get<MachineRepository>().GetAsync(agent.MachineId);
        Assert.NotNull(machine?.Inventory);
        Assert.Equal(4, machine.Inventory.CpuCount);
        Assert.Equal("curl", Assert.Single(machine.Inventory.ExternalSoftware).Name);
        Assert.Equal("/", Assert.Single(machine.Inventory.Volumes).Name);
        Assert.NotNull(machine.LastSeenAt);
    }

    [Fact]
    public async Task AnInventoryLeavingItsListOut_KeepsTheStoredList_OrIsAnsweredWithARequestForTheWholeInventory()
    {
        await using var portal = await AgentLinkPortal.StartAsync(_temp.Sub("data"), onPostgreSql: OnPostgreSql);
        var agent = await portal.EnrollAsync("delta-pc");
        await using var connection = portal.CreateHubConnection(agent.Credential);
        var requested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On(AgentHubMethods.RequestInventory, () => requested.TrySetResult());
        await connection.StartAsync();
        var delta = new ClientAgent.Service.InventoryDelta();
        var whole = new Inventory
        {
            CpuCount = 4,
            MemoryMb = 8192,
            ExternalSoftware = [new InstalledSoftware("curl", "7.88.1", "Debian"), new InstalledSoftware("bash", "5.2.15", "Debian")],
        };

        // A list the portal never received, left out: nothing is stored and the whole inventory is asked for.
        var unknown = whole with { ExternalSoftware = [], ExternalSoftwareDigest = SoftwareDigest.Of([new InstalledSoftware("vim", "9.0")]), CpuCount = 64 };
        await connection.InvokeAsync(AgentHubMethods.Inventory, unknown);
        await requested.Task.WaitAsync(Wait);
        Assert.NotEqual(64, (await portal.Get<MachineRepository>().GetAsync(agent.MachineId))!.Inventory?.CpuCount);

        await connection.InvokeAsync(AgentHubMethods.Inventory, delta.Prepare(whole));
        var leftOut = delta.Prepare(whole with { CpuCount = 8 });
        Assert.Empty(leftOut.ExternalSoftware);
        await connection.InvokeAsync(AgentHubMethods.Inventory, leftOut);

        var stored = (await portal.Get<MachineRepository>().GetAsync(agent.MachineId))!.Inventory!;
        Assert.Equal(8, stored.CpuCount);
        Assert.Equal(["curl", "bash"], stored.ExternalSoftware.Select(s => s.Name));
    }

    [Fact]
    public async Task Job_CreatedWhileAgentOffline_IsDeliveredOnConnectAndItsCompletionIsReportedEverywhere()
    {
        var received = new ConcurrentQueue<string>();
        await using var receiver = await TestHttpServer.StartAsync(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            received.Enqueue(await reader.ReadToEndAsync());
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        });
        await using var portal = await AgentLinkPortal.StartAsync(_temp.Sub("data"), onPostgreSql: OnPostgreSql);
        var agent = await portal.EnrollAsync("offline-pc");
        var logFile = Path.Combine(portal.DataDirectory, "logs", "events.log");
        var application = await portal.AddApplicationAsync(new Application
        {
            Name = "Editor",
            Version = "2.1",
            Package = await portal.AddPackageAsync([1, 2, 3, 4]),
            Sources = [new PackageSource("http://mirror.example/editor.zip")],
            Reporting = new ReportingPolicy
            {
                Routes = new Dictionary<EventType, ReportingDestinations>
                {
                    [EventType.DistributionSuccess] = ReportingDestinations.Database | ReportingDestinations.TextLog | ReportingDestinations.XmlHttp,
                },
                LogFilePath = "events.log",
                XmlUrl = new Uri(receiver.Address, "events").AbsoluteUri,
            },
        });
        var machine = (await portal.MachineAsync(agent.MachineId));
        var chain = await portal.InstallAsync(machine, application, new Dictionary<string, string> { ["TARGET"] = "/opt" });
        var jobId = Assert.Single(chain).Id;

        var delivered = new TaskCompletionSource<JobMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var connection = portal.CreateHubConnection(agent.Credential);
        connection.On<JobMessage>(AgentHubMethods.RunJob, message => delivered.TrySetResult(message));
        await connection.StartAsync();
        var message = await delivered.Task.WaitAsync(Wait);

        Assert.Equal(jobId, message.JobId);
        Assert.Equal(JobKind.Install, message.Kind);
        Assert.Equal(application.Package!.Sha256, message.PackageSha256);
        Assert.Equal([$"api/packages/{application.Package.Sha256}", "http://mirror.example/editor.zip"], message.Sources);
        Assert.Equal("/opt", message.Answers["TARGET"]);

        await connection.InvokeAsync(AgentHubMethods.Ack, jobId);
        Assert.Equal(JobState.Delivered, (await portal.JobAsync(jobId))!.State);
        await connection.InvokeAsync(AgentHubMethods.Progress, jobId, JobPhase.Installing, 50, "Copying files");
        Assert.Equal(JobState.Running, (await portal.JobAsync(jobId))!.State);
        await connection.InvokeAsync(AgentHubMethods.Completed, jobId, JobState.Succeeded, "Editor 2.1 installed.");
        await connection.InvokeAsync(AgentHubMethods.Completed, jobId, JobState.Failed, "a late duplicate report");

        var job = (await portal.JobAsync(jobId))!;
        Assert.Equal(JobState.Succeeded, job.State);
        Assert.Equal(100, job.Percent);
        var reported = Assert.Single(await portal.EventsOfMachineAsync(agent.MachineId));
        Assert.Equal(EventType.DistributionSuccess, reported.Type);
        Assert.Equal("offline-pc", reported.Machine);
        Assert.Equal("Editor", reported.ApplicationName);
        var line = Assert.Single(await File.ReadAllLinesAsync(logFile));
        Assert.Contains("\tDistributionSuccess\t", line);
        Assert.Contains("Editor 2.1 installed.", line);

        await WaitUntilAsync(() => !received.IsEmpty);
        var xml = XDocument.Parse(received.Single());
        Assert.Equal("DistributionSuccess", xml.Root!.Element(XmlEventFormat.Namespace + "Type")!.Value);
        Assert.Equal(application.Id.ToString("D"), xml.Root.Element(XmlEventFormat.Namespace + "ApplicationId")!.Value);
        Assert.Equal("offline-pc", XmlEventFormat.Parse(received.Single()).Machine);
        await WaitUntilAsync(async () => await portal.OutboxCountAsync() == 0);
    }

    [Fact]
    public async Task XmlReceiver_Failing_KeepsTheEventInTheOutboxForRetry()
    {
        var calls = 0;
        await using var receiver = await TestHttpServer.StartAsync(context =>
        {
            Interlocked.Increment(ref calls);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        });
        await using var portal = await AgentLinkPortal.StartAsync(_temp.Sub("data"), onPostgreSql: OnPostgreSql);
        var policy = new ReportingPolicy
        {
            Routes = new Dictionary<EventType, ReportingDestinations> { [EventType.LaunchSuccess] = ReportingDestinations.XmlHttp },
            XmlUrl = new Uri(receiver.Address, "events").AbsoluteUri,
        };

        await portal.Get<EventReporter>().ReportAsync(
            new ReportedEvent { Type = EventType.LaunchSuccess, At = DateTimeOffset.UtcNow, Message = "started" }, policy, CancellationToken.None);
        await WaitUntilAsync(() => Volatile.Read(ref calls) > 0);

        Assert.Equal(1, await portal.OutboxCountAsync());
    }

    [Fact]
    public async Task RevokingAMachine_DropsItsLiveConnectionAndRefusesReconnects()
    {
        await using var portal = await AgentLinkPortal.StartAsync(_temp.Sub("data"), onPostgreSql: OnPostgreSql);
        var agent = await portal.EnrollAsync("stolen-laptop");
        await using var connection = portal.CreateHubConnection(agent.Credential);
        var dropped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Reconnecting += _ =>
        {
            dropped.TrySetResult();
            return Task.CompletedTask;
        };
        connection.Closed += _ =>
        {
            dropped.TrySetResult();
            return Task.CompletedTask;
        };
        await connection.StartAsync();
        await WaitUntilAsync(() => portal.Get<AgentConnectionRegistry>().IsConnected(agent.MachineId));

        Assert.True(await portal.Get<EnrollmentService>().RevokeMachineAsync(agent.MachineId, CancellationToken.None));

        await dropped.Task.WaitAsync(Wait);
        await using var again = portal.CreateHubConnection(agent.Credential);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => again.StartAsync());
        Assert.Contains("401", error.Message);
        Assert.False(portal.Get<AgentConnectionRegistry>().IsConnected(agent.MachineId));
    }

    [Fact]
    public async Task PackageEndpoint_ServesRangesToAgentsAndRefusesAnonymous()
    {
        await using var portal = await AgentLinkPortal.StartAsync(_temp.Sub("data"), onPostgreSql: OnPostgreSql);
        var agent = await portal.EnrollAsync();
        var bytes = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        var package = await portal.AddPackageAsync(bytes);
        var client = portal.CreateClient();

        using var anonymous = await client.GetAsync($"/api/packages/{package.Sha256}");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/packages/{package.Sha256}");
        request.Headers.Authorization = new("Bearer", agent.Credential);
        request.Headers.Range = new(600, null);
        using var ranged = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.PartialContent, ranged.StatusCode);
        Assert.Equal($"\"{package.Sha256}\"", ranged.Headers.ETag?.Tag);
        Assert.Equal(bytes[600..], await ranged.Content.ReadAsByteArrayAsync());
    }

    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Wait);
        while (!condition())
        {
            await Task.Delay(25, timeout.Token);
        }
    }

    internal static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(Wait);
        while (!await condition())
        {
            await Task.Delay(25, timeout.Token);
        }
    }

    public void Dispose()
    {
        _temp.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The same job path (hub, delivery, chains, retry, cancel, events) with the portal's state in PostgreSQL.</summary>
public sealed class HubTestsOnPostgreSql : HubTests
{
    protected override bool OnPostgreSql => true;
}
