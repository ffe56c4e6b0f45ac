using System.Diagnostics;
using System.Globalization;

namespace Benchmarks.Requests;

/// <summary>
/// Request cost against fleet size: a real portal process on a store of 10 machines and on one of 10,000 machines
/// (realistic inventories) with 100,000 jobs, filled straight into SQLite after the portal created its schema. Times
/// <c>GET /api/jobs/{id}</c>, <c>GET /api/catalog?machineId=</c> and <c>POST /api/machines/{id}/installs</c> as each
/// machine's owner (bearer token from <c>POST /api/auth/login</c>), one request at a time, and prints p50/p99 on both
/// stores with the ratio big/small (the target is ≤ 1.5×: no request may read the whole fleet). The small store has
/// as many jobs per machine as the big one. Options: <c>--machines</c> (10,000), <c>--small-machines</c> (10),
/// <c>--jobs</c> (100,000), <c>--requests</c> measured per kind and store (200), <c>--warmup</c> unmeasured requests
/// before them (5), <c>--verbose</c> (a line per request, for long runs), <c>--apps</c> (50), <c>--portal</c> (the built
/// Portal.dll; default src/Portal/bin/Release/net10.0, then Debug), <c>--work</c> (data directories; default a temp
/// folder, deleted afterwards).
/// </summary>
public sealed class RequestsBenchmark : IBenchmark
{
    private const string AdminEmail = "bench-admin@bench.example";
    private const string TemplateEmail = "bench-template@bench.example";
    private const string Password = "Bench-Pass-2026!";
    private const int InstalledApplications = 10;

    public string Name => "requests";

    public string Description => "p50/p99 of job, catalog and install requests: 10,000 machines vs 10 [--machines --jobs --requests --portal]";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var machines = (int)BenchmarkSupport.Int64Option(args, "--machines", 10_000);
        var smallMachines = (int)BenchmarkSupport.Int64Option(args, "--small-machines", 10);
        var jobs = (int)BenchmarkSupport.Int64Option(args, "--jobs", 100_000);
        var requests = (int)BenchmarkSupport.Int64Option(args, "--requests", 200);
        var applications = (int)BenchmarkSupport.Int64Option(args, "--apps", 50);
        var warmUp = (int)BenchmarkSupport.Int64Option(args, "--warmup", 5);
        var verbose = args.Contains("--verbose");
        if (applications <= InstalledApplications)
        {
            throw new ArgumentException($"--apps must be more than {InstalledApplications} (the first ones are already installed)");
        }

        var portalDll = BenchmarkSupport.StringOption(args, "--portal") ?? LocatePortalDll();
        var keep = BenchmarkSupport.StringOption(args, "--work") is not null;
        var work = BenchmarkSupport.StringOption(args, "--work") ?? Path.Combine(Path.GetTempPath(), "bench-requests-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        Console.WriteLine($"requests: portal={portalDll} work={work}");
        try
        {
            var jobsPerMachine = (double)jobs / machines;
            var small = await MeasureStoreAsync(
                portalDll, work, new StoreSpec("small", smallMachines, Math.Max(smallMachines, (int)Math.Round(jobsPerMachine * smallMachines)), applications, InstalledApplications),
                requests, warmUp, verbose, cancellationToken);
            var big = await MeasureStoreAsync(
                portalDll, work, new StoreSpec("big", machines, jobs, applications, InstalledApplications), requests, warmUp, verbose, cancellationToken);
            for (var i = 0; i < small.Timings.Count; i++)
            {
                var (s, b) = (small.Timings[i], big.Timings[i]);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"requests: {s.Request} small_p50_ms={RequestTimings.Format(s.Percentile(50))} small_p99_ms={RequestTimings.Format(s.Percentile(99))} " +
                    $"big_p50_ms={RequestTimings.Format(b.Percentile(50))} big_p99_ms={RequestTimings.Format(b.Percentile(99))} " +
                    $"ratio_p50={RequestTimings.Format(b.Percentile(50) / s.Percentile(50))} ratio_p99={RequestTimings.Format(b.Percentile(99) / s.Percentile(99))} " +
                    $"n={s.Count}/{b.Count}"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"requests: stores small_machines={small.Spec.Machines} small_jobs={small.Spec.Jobs} big_machines={big.Spec.Machines} big_jobs={big.Spec.Jobs} " +
                $"big_db_mb={big.Store.DatabaseBytes / 1024.0 / 1024.0:0} big_fill_s={big.Store.FillTime.TotalSeconds:0.0} " +
                $"small_portal_peak_rss_mb={small.PortalRssMb:0} big_portal_peak_rss_mb={big.PortalRssMb:0}"));
            return 0;
        }
        finally
        {
            if (!keep)
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static async Task<StoreMeasurement> MeasureStoreAsync(
        string portalDll, string work, StoreSpec spec, int requests, int warmUp, bool verbose, CancellationToken cancellationToken)
    {
        var data = Path.Combine(work, spec.Name);
        // First start: the portal creates its schema and the administrator; a template user gets the password hash
        // and roles every machine owner is cloned from.
        await using (var portal = await PortalProcess.StartAsync(portalDll, data, AdminEmail, Password, cancellationToken))
        {
            using var client = new RequestClient(portal.Address);
            var admin = await client.LoginAsync(AdminEmail, Password, cancellationToken);
            await client.CreateUserAsync(admin, TemplateEmail, Password, cancellationToken);
        }

        var store = StoreFiller.Fill(Path.Combine(data, "portal.db"), spec, TemplateEmail, seed: spec.Machines);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"requests: filled {spec.Name} store machines={spec.Machines} jobs={spec.Jobs} in {store.FillTime.TotalSeconds:0.0} s ({store.DatabaseBytes / 1024.0 / 1024.0:0} MB)"));

        await using (var portal = await PortalProcess.StartAsync(portalDll, data, AdminEmail, Password, cancellationToken))
        {
            using var client = new RequestClient(portal.Address);
            var plan = RequestPlan.Create(store, requests, warmUp, new Random(42));
            var peakRss = portal.RssMb();
            var tokens = new Dictionary<string, string>();
            foreach (var owner in plan.Owners)
            {
                tokens[owner] = await client.LoginAsync(owner, Password, cancellationToken);
            }

            var timings = new List<RequestTimings>();
            foreach (var kind in plan.Kinds)
            {
                var timing = new RequestTimings(kind.Label);
                foreach (var (request, index) in kind.Requests.Select((r, i) => (r, i)))
                {
                    var elapsed = await client.TimeAsync(request.Method, request.Path, tokens[request.Owner], request.Body, cancellationToken);
                    if (index >= kind.WarmUp)
                    {
                        timing.Add(elapsed);
                    }

                    peakRss = Math.Max(peakRss, portal.RssMb());
                    if (verbose)
                    {
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"requests: {spec.Name} {kind.Label} #{index + 1}{(index < kind.WarmUp ? " (warm-up)" : "")} ms={elapsed.TotalMilliseconds:0.0} portal_peak_rss_mb={peakRss:0}"));
                    }
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"requests: {spec.Name} {kind.Label} n={timing.Count} p50_ms={RequestTimings.Format(timing.Percentile(50))} p99_ms={RequestTimings.Format(timing.Percentile(99))}"));
                timings.Add(timing);
            }

            return new StoreMeasurement(spec, store, timings, peakRss);
        }
    }

    internal static string LocatePortalDll() =>
        BenchmarkSupport.FindBuiltDll(Path.Combine("src", "Portal"), "Portal.dll")
        ?? throw new InvalidOperationException("No built portal found: run 'dotnet build src/Portal -c Release' first, or pass --portal PATH/Portal.dll.");
}
