using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Benchmarks.Requests;
using Catalog.Applications;
using ClientAgent.Service;
using Microsoft.AspNetCore.SignalR.Client;

namespace Benchmarks.Fanout;

/// <summary>
/// Job fan-out to N simulated agents over real WebSockets (docs/performance.md): a real portal process, and in this
/// process N agents on the official SignalR client, each enrolled through the API (admin creates an enrollment token
/// for the owner, the agent redeems it with its inventory) and reporting a realistic inventory (1,000–2,000 dpkg
/// packages). Every machine's owner then posts an install for it (<c>POST /api/machines/{id}/installs</c>, bearer
/// token from <c>POST /api/auth/login</c>, bounded concurrency); the agents acknowledge and complete at once. Owners
/// are cloned into the store from a template user (<see cref="FanoutStore"/>), several machines each. Ends with
/// <c>fanout: agents=N connect_s=X kb_per_connection=X installs_per_s=X dispatch_ack_p50_ms=X dispatch_ack_p99_ms=X
/// portal_rss_mb=X lost=N duplicated=N</c>. With <c>--storm</c>: a second install for every machine that the agents
/// keep running, SIGTERM to the portal, a new portal on the same address, and
/// <c>storm: agents=N shutdown_s=X all_back_s=X lost=N duplicated=N</c> (all_back_s from the new portal's first
/// healthy answer until every agent is connected and its fresh inventory stored). Options: <c>--agents</c> (1,000),
/// <c>--concurrency</c> installs in flight (64), <c>--machines-per-owner</c> (25), <c>--connect-concurrency</c> (200),
/// <c>--storm</c>, <c>--portal</c>, <c>--work</c> (kept when given), <c>--pause-before-installs</c> seconds (time to
/// attach dotnet-trace to the printed portal pid).
/// </summary>
public sealed class FanoutBenchmark : IBenchmark
{
    private const string AdminEmail = "fanout-admin@bench.example";
    private const string TemplateEmail = "fanout-template@bench.example";
    private const string Password = "Bench-Pass-2026!";

    public string Name => "fanout";

    public string Description => "N simulated agents over WebSockets: connect, installs/s, dispatch→Ack, RSS [--agents --storm --concurrency --env NAME=VALUE]";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var agentCount = (int)BenchmarkSupport.Int64Option(args, "--agents", 1_000);
        var concurrency = (int)BenchmarkSupport.Int64Option(args, "--concurrency", 64);
        var perOwner = (int)BenchmarkSupport.Int64Option(args, "--machines-per-owner", 25);
        var connectConcurrency = (int)BenchmarkSupport.Int64Option(args, "--connect-concurrency", 200);
        var pause = (int)BenchmarkSupport.Int64Option(args, "--pause-before-installs", 1) - 1;
        var storm = args.Contains("--storm");
        var portalDll = BenchmarkSupport.StringOption(args, "--portal") ?? RequestsBenchmark.LocatePortalDll();
        var keep = BenchmarkSupport.StringOption(args, "--work") is not null;
        var work = BenchmarkSupport.StringOption(args, "--work") ?? Path.Combine(Path.GetTempPath(), "bench-fanout-" + Guid.NewGuid().ToString("N")[..8]);
        var data = Path.Combine(work, "data");
        // e.g. --env DOTNET_gcServer=1: the measured portal's runtime settings, not the load generator's.
        var environment = BenchmarkSupport.EnvironmentOptions(args);
        var database = Path.Combine(data, "portal.db");
        Directory.CreateDirectory(work);
        var limit = FileLimit.Raise();
        Console.WriteLine($"fanout: portal={portalDll} work={work} open_files_limit={limit} env={string.Join(',', environment.Select(e => e.Key + "=" + e.Value))}");
        if (limit < 2L * agentCount + 1_000)
        {
            Console.WriteLine($"fanout: warning: {agentCount} agents need ~{agentCount + 500} descriptors in this process and as many in the portal; raise 'ulimit -n'");
        }

        var agents = new List<SimulatedAgent>();
        PortalProcess? portal = null;
        try
        {
            // 1. Schema, administrator and the template user through the portal; owners and applications into the store.
            await using (var first = await PortalProcess.StartAsync(portalDll, data, AdminEmail, Password, cancellationToken, environment: environment))
            {
                using var setup = new RequestClient(first.Address);
                var adminToken = await setup.LoginAsync(AdminEmail, Password, cancellationToken);
                await setup.CreateUserAsync(adminToken, TemplateEmail, Password, cancellationToken);
            }

            var owners = Enumerable.Range(0, (agentCount + perOwner - 1) / perOwner).Select(i => $"owner{i:D5}@fanout.example").ToList();
            var applications = FanoutStore.Seed(database, owners, TemplateEmail, DateTimeOffset.UtcNow);

            // 2. The measured portal.
            portal = await StartPortalAsync(portalDll, data, null, environment, cancellationToken);
            Console.WriteLine($"fanout: portal pid={portal.ProcessId} address={portal.Address}");
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Math.Max(concurrency, 16) })
            {
                BaseAddress = portal.Address,
                Timeout = TimeSpan.FromMinutes(5),
            };
            var tally = new FanoutTally();
            using var rss = new RssSampler(() => portal);

            var watch = Stopwatch.StartNew();
            var adminBearer = await LoginAsync(http, AdminEmail, cancellationToken);
            var generator = new FleetGenerator(agentCount);
            var enrolled = new ConcurrentBag<SimulatedAgent>();
            await ForEachAsync(Enumerable.Range(0, agentCount), 16, async (i, token) =>
            {
                var owner = owners[i / perOwner];
                var name = $"fan-{i:D5}";
                var inventory = generator.Inventory(name, [], DateTimeOffset.UtcNow);
                var enrollmentToken = await CreateEnrollmentTokenAsync(http, adminBearer, owner, token);
                var credentials = await new EnrollmentClient(http).EnrollAsync(portal.Address, enrollmentToken, name, inventory, token);
                enrolled.Add(new SimulatedAgent(portal.Address, credentials.MachineId, credentials.Credential, owner, inventory, tally));
            }, cancellationToken);
            agents.AddRange(enrolled.OrderBy(a => a.Owner, StringComparer.Ordinal));
            Console.WriteLine(Invariant($"fanout: enrolled {agentCount} agents through the API in {watch.Elapsed.TotalSeconds:0.0} s"));

            var bearers = new ConcurrentDictionary<string, string>();
            await ForEachAsync(owners, 4, async (owner, token) => bearers[owner] = await LoginAsync(http, owner, token), cancellationToken);

            // 3. Connect every agent; memory per connection is the growth of the portal's RSS over the idle portal.
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            var idleRss = portal.RssMb();
            watch.Restart();
            await ForEachAsync(agents, connectConcurrency, (agent, token) => agent.ConnectAsync(token), cancellationToken);
            var connectSeconds = watch.Elapsed.TotalSeconds;
            await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
            var connectedRss = portal.RssMb();
            var kbPerConnection = (connectedRss - idleRss) * 1024 / agentCount;
            watch.Restart();
            await ForEachAsync(agents, 32, (agent, _) => agent.ReportInventoryAsync(), cancellationToken);
            Console.WriteLine(Invariant(
                $"fanout: connected in {connectSeconds:0.0} s (portal rss idle {idleRss:0} MB, connected {connectedRss:0} MB); inventories stored in {watch.Elapsed.TotalSeconds:0.0} s; load: {LoadAverage()}"));

            if (pause > 0)
            {
                Console.WriteLine($"fanout: pausing {pause} s before the installs (attach: dotnet-trace collect -p {portal.ProcessId})");
                await Task.Delay(TimeSpan.FromSeconds(pause), cancellationToken);
            }

            // 4. An install for every machine, as its owner; the agents acknowledge and complete at once.
            var fanout = await InstallEverywhereAsync(http, agents, bearers, applications[0], concurrency, tally, cancellationToken);
            await WaitAsync(() => tally.Completed >= fanout.Accepted, TimeSpan.FromSeconds(60 + agentCount / 50), cancellationToken);
            var (lost, duplicated) = Outcome(database, applications[0], agents, fanout.AcceptedMachines, tally);
            var ack = tally.AckMilliseconds.Order().ToArray();
            Console.WriteLine(Invariant(
                $"fanout: agents={agentCount} connect_s={connectSeconds:0.0} kb_per_connection={kbPerConnection:0} installs_per_s={fanout.Accepted / fanout.Elapsed.TotalSeconds:0} dispatch_ack_p50_ms={Percentile(ack, 50):0} dispatch_ack_p99_ms={Percentile(ack, 99):0} portal_rss_mb={rss.PeakMb:0} lost={lost} duplicated={duplicated}"));

            if (storm)
            {
                portal = await StormAsync(portal, portalDll, data, environment, database, http, agents, bearers, applications[1], concurrency, tally, cancellationToken);
            }

            return 0;
        }
        finally
        {
            await Task.WhenAll(agents.Select(a => a.DisposeAsync().AsTask()));
            if (portal is not null)
            {
                await portal.DisposeAsync();
            }

            if (!keep)
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    /// <summary>Jobs the agents keep running, SIGTERM, a new portal on the same address, every agent back.</summary>
    private static async Task<PortalProcess> StormAsync(
        PortalProcess portal, string portalDll, string data, IReadOnlyDictionary<string, string> environment, string database, HttpClient http,
        IReadOnlyList<SimulatedAgent> agents, IReadOnlyDictionary<string, string> bearers, Application application, int concurrency, FanoutTally tally,
        CancellationToken cancellationToken)
    {
        tally.CompleteAtOnce = false;
        var running = await InstallEverywhereAsync(http, agents, bearers, application, concurrency, tally, cancellationToken);
        await WaitAsync(() => tally.Acked >= running.Accepted, TimeSpan.FromSeconds(60 + agents.Count / 50), cancellationToken);
        tally.Reset();
        tally.CompleteAtOnce = true;

        var shutdown = await portal.TerminateAsync(TimeSpan.FromSeconds(60));
        await portal.DisposeAsync();
        Console.WriteLine(Invariant($"fanout: storm: portal exited {shutdown.TotalSeconds:0.0} s after SIGTERM; {tally.Hints} agents got the reconnect hint"));

        var restarted = await StartPortalAsync(portalDll, data, portal.Address, environment, cancellationToken);
        var healthy = Stopwatch.GetTimestamp();
        await WaitAsync(() => tally.Back >= agents.Count, TimeSpan.FromSeconds(300), cancellationToken);
        var allBack = tally.Back >= agents.Count ? Stopwatch.GetElapsedTime(healthy, tally.LastBack).TotalSeconds : double.NaN;
        await WaitAsync(() => tally.Completed >= running.Accepted, TimeSpan.FromSeconds(60 + agents.Count / 50), cancellationToken);
        var (lost, duplicated) = Outcome(database, application, agents, running.AcceptedMachines, tally);
        Console.WriteLine(Invariant(
            $"storm: agents={agents.Count} shutdown_s={shutdown.TotalSeconds:0.0} all_back_s={allBack:0.0} lost={lost} duplicated={duplicated}"));
        return restarted;
    }

    private static async Task<(int Accepted, TimeSpan Elapsed, IReadOnlySet<Guid> AcceptedMachines)> InstallEverywhereAsync(
        HttpClient http, IReadOnlyList<SimulatedAgent> agents, IReadOnlyDictionary<string, string> bearers, Application application,
        int concurrency, FanoutTally tally, CancellationToken cancellationToken)
    {
        var accepted = new ConcurrentDictionary<Guid, bool>();
        var refused = 0;
        var watch = Stopwatch.StartNew();
        await ForEachAsync(agents.OrderBy(a => a.MachineId), concurrency, async (agent, token) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"api/machines/{agent.MachineId:D}/installs")
            {
                Content = JsonContent.Create(new { applicationId = application.Id, answers = new Dictionary<string, string>() }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearers[agent.Owner]);
            tally.Posting(agent.MachineId);
            using var response = await http.SendAsync(request, token);
            if (response.IsSuccessStatusCode)
            {
                accepted[agent.MachineId] = true;
            }
            else if (Interlocked.Increment(ref refused) <= 3)
            {
                Console.WriteLine($"fanout: install on {agent.MachineId} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(token)}");
            }
        }, cancellationToken);
        watch.Stop();
        Console.WriteLine(Invariant(
            $"fanout: {accepted.Count} installs of {application.Name} accepted ({refused} refused) in {watch.Elapsed.TotalSeconds:0.0} s; load: {LoadAverage()}"));
        return (accepted.Count, watch.Elapsed, accepted.Keys.ToHashSet());
    }

    /// <summary>
    /// From the store: a machine whose accepted install has no succeeded job is lost; every job beyond one per machine,
    /// and every push the agents got after the portal had confirmed the completion, is duplicated.
    /// </summary>
    private static (int Lost, long Duplicated) Outcome(
        string database, Application application, IReadOnlyList<SimulatedAgent> agents, IReadOnlySet<Guid> accepted, FanoutTally tally)
    {
        var states = FanoutStore.JobStates(database, application.Id);
        var lost = accepted.Count(m => !states.TryGetValue(m, out var jobs) || !jobs.Contains("Succeeded"));
        var extra = agents.Sum(a => states.TryGetValue(a.MachineId, out var jobs) ? Math.Max(0, jobs.Count - 1) : 0);
        return (lost, extra + tally.Duplicated);
    }

    private static Task<PortalProcess> StartPortalAsync(
        string portalDll, string data, Uri? address, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken) =>
        PortalProcess.StartAsync(portalDll, data, AdminEmail, Password, cancellationToken, address, environment);

    private static async Task<string> LoginAsync(HttpClient http, string email, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("api/auth/login", new { email, password = Password }, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return body.RootElement.GetProperty("accessToken").GetString()!;
    }

    private static async Task<string> CreateEnrollmentTokenAsync(HttpClient http, string adminBearer, string ownerEmail, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/enrollment-tokens") { Content = JsonContent.Create(new { ownerEmail }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminBearer);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return body.RootElement.GetProperty("token").GetString()!;
    }

    private static Task ForEachAsync<T>(IEnumerable<T> items, int concurrency, Func<T, CancellationToken, Task> body, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (item, token) => await body(item, token));

    private static async Task WaitAsync(Func<bool> done, TimeSpan patience, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        while (!done() && watch.Elapsed < patience)
        {
            await Task.Delay(50, cancellationToken);
        }
    }

    private static double Percentile(double[] sorted, double percentile) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
