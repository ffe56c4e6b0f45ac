using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Portal.Reporting;
using Portal.Tests.Agents;
using Portal.Tests.Hosting;

namespace Portal.Tests.Cluster;

/// <summary>
/// Two portal processes on one PostgreSQL database and a real agent process given both addresses: the agent sits on
/// node 1, an install posted on node 2 reaches it and node 2 shows its progress and outcome; node 1 is killed, the
/// agent fails over to node 2, and a second install succeeds. Every XML event is posted exactly once although both
/// nodes drain the same outbox.
/// </summary>
public sealed class TwoNodeEndToEndTests : IAsyncLifetime
{
    private readonly PortalProcesses _portals = new();
    private readonly ConcurrentBag<string> _posts = [];
    private TestHttpServer? _receiver;

    [PostgreSqlFact]
    public async Task AgentOnNode1_InstallPostedOnNode2_ThenNode1Dies_AgentFailsOverAndInstallsAgain_EachEventPostedOnce()
    {
        // Node 1 first, so the data-protection key it creates is the one node 2 reads: the token node 1 issues works on node 2.
        var (node1, http1) = await _portals.StartNodeAsync("node-1");
        var token = await PortalProcesses.LoginAsync(http1);
        PortalProcesses.UseToken(http1, token);
        var (_, http2) = await _portals.StartNodeAsync("node-2");
        PortalProcesses.UseToken(http2, token);

        var enrollment = await PortalProcesses.ReadJsonAsync(await http2.PostAsJsonAsync("/api/enrollment-tokens", new { ownerEmail = PortalProcesses.AdminEmail, expiresInHours = 1 }));
        var state = _portals.Temp.Sub("agent-state");
        var programs = _portals.Temp.Sub("programs");
        var enroll = await PortalProcesses.RunAgentToEndAsync("enroll", "--portal", http1.BaseAddress!.AbsoluteUri, "--portal", http2.BaseAddress!.AbsoluteUri,
            "--token", enrollment["token"]!.GetValue<string>(), "--state-dir", state, "--name", "cluster-machine");
        Assert.True(enroll.ExitCode == 0, enroll.Output);
        using var credentials = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(state, "agent.json")));
        var machineId = credentials.RootElement.GetProperty("machineId").GetGuid();
        Assert.Equal(2, credentials.RootElement.GetProperty("portals").GetArrayLength());
        _portals.StartAgent("run", "--state-dir", state, "--macro", $"*PROGRAMS={programs}");

        // Node 2 sees the agent online although it is connected to node 1 (connection rows + node heartbeats).
        await Agents.RealProcessApi.WaitForMachineAsync(http2, machineId, m => m["online"]!.GetValue<bool>() && m["operatingSystem"]!.GetValue<string>() != "");

        var first = await CreateApplicationAsync(http2, "Hello");
        var firstJob = (await PortalProcesses.ReadJsonAsync(await http2.PostAsJsonAsync($"/api/machines/{machineId}/installs", new { applicationId = first, answers = new { } })))["jobId"]!.GetValue<Guid>();
        var firstOutcome = await WaitForJobAsync(http2, firstJob);
        Assert.True(firstOutcome.State == "Succeeded", firstOutcome.Message);
        Assert.Equal("Hello", await File.ReadAllTextAsync(Path.Combine(programs, "Hello", "file.txt")));
        // Node 2 shows the progress the agent reported to node 1.
        Assert.Contains(firstOutcome.History, line => Enum.GetNames<Catalog.Jobs.JobPhase>().Any(phase => line.StartsWith(phase + ":", StringComparison.Ordinal)));

        // The first event is out before node 1 dies (a post a killed node had claimed is retried when its claim lapses).
        await WaitUntilAsync(() => !_posts.IsEmpty);
        node1.Kill(entireProcessTree: true);
        await node1.WaitForExitAsync();

        var second = await CreateApplicationAsync(http2, "World");
        var secondJob = (await PortalProcesses.ReadJsonAsync(await http2.PostAsJsonAsync($"/api/machines/{machineId}/installs", new { applicationId = second, answers = new { } })))["jobId"]!.GetValue<Guid>();
        var secondOutcome = await WaitForJobAsync(http2, secondJob);
        Assert.True(secondOutcome.State == "Succeeded", secondOutcome.Message);
        Assert.Equal("World", await File.ReadAllTextAsync(Path.Combine(programs, "World", "file.txt")));
        await Agents.RealProcessApi.WaitForMachineAsync(http2, machineId, m => m["online"]!.GetValue<bool>());

        // Each DistributionSuccess was posted once, by one node.
        await WaitUntilAsync(() => _posts.Count >= 2);
        await Task.Delay(TimeSpan.FromSeconds(3)); // a duplicate from the other node would have arrived by now (outbox interval 1 s)
        var byJob = _posts.Select(JobIdOf).GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<Guid, int> { [firstJob] = 1, [secondJob] = 1 }, byJob);
    }

    public async Task InitializeAsync()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgreSqlFactAttribute.Variable)))
        {
            return;
        }

        await _portals.CreateDatabaseAsync();
        _receiver = await TestHttpServer.StartAsync(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            _posts.Add(await reader.ReadToEndAsync());
            context.Response.StatusCode = 200;
        });
    }

    public async Task DisposeAsync()
    {
        if (_receiver is not null)
        {
            await _receiver.DisposeAsync();
            await _portals.DisposeAsync();
        }
    }

    private static Guid JobIdOf(string body) =>
        Guid.Parse(XDocument.Parse(body).Root!.Element(XmlEventFormat.Namespace + "JobId")!.Value);

    private async Task<Guid> CreateApplicationAsync(HttpClient http, string name)
    {
        var package = await TestPackage.BuildAsync(_portals.Temp.Sub($"package-{name}"), name, "1.0",
            new Dictionary<string, string> { [$"%*PROGRAMS%/{name}/file.txt"] = name });
        var application = await PortalProcesses.ReadJsonAsync(await http.PostAsJsonAsync("/api/applications", new
        {
            name,
            version = "1.0",
            uninstallPolicy = new { requiresApproval = false, promptBeforeUninstall = false },
            reporting = new
            {
                routes = new Dictionary<string, string> { ["DistributionSuccess"] = "Database, XmlHttp" },
                xmlUrl = new Uri(_receiver!.Address, "events").AbsoluteUri,
            },
        }));
        var applicationId = application["id"]!.GetValue<Guid>();
        using var upload = new ByteArrayContent(package.Bytes);
        upload.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        await PortalProcesses.ReadJsonAsync(await http.PutAsync($"/api/applications/{applicationId}/package?fileName={name}.zip", upload));
        return applicationId;
    }

    private static async Task<(string State, string Message, IReadOnlyList<string> History)> WaitForJobAsync(HttpClient http, Guid jobId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        while (true)
        {
            var details = await PortalProcesses.ReadJsonAsync(await http.GetAsync($"/api/jobs/{jobId}", timeout.Token));
            var state = details["job"]!["state"]!.GetValue<string>();
            if (state is not ("Queued" or "Delivered" or "Running"))
            {
                var history = details["events"]!.AsArray().Select(e => e!["message"]!.GetValue<string>()).ToList();
                return (state, details["job"]!["message"]?.ToString() ?? "", history);
            }

            await Task.Delay(200, timeout.Token);
        }
    }

    private async Task WaitUntilAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"the XML events did not arrive ({_posts.Count} so far)");
            await Task.Delay(100);
        }
    }
}
