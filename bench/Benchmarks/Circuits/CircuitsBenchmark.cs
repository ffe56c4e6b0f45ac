using System.Globalization;
using Benchmarks.Requests;
using Microsoft.Playwright;

namespace Benchmarks.Circuits;

/// <summary>
/// Memory per idle Blazor circuit: a real portal process (demo catalog, <c>Portal:SeedDemo=true</c>) and real Chromium
/// pages (Playwright driving Debian's <c>/usr/bin/chromium</c>), each in its own browser context, signed in as the demo
/// user and idle on the catalog page of her machine. The baseline is the same portal in the same run with one such
/// page open, after <c>--warmup</c> pages (default: as many as <c>--circuits</c>) were opened and closed (every code path
/// run as often as the measurement runs it, so JIT, tiered recompilation and caches are in the baseline, not in the
/// figure); then
/// <c>--circuits</c> more pages open, and the growth of the portal's resident set and managed heap (both after an
/// induced full GC) is divided by their number. Idle means idle: each measurement is a full GC, <c>--idle</c> seconds
/// without any request, then the measured full GC — the shared ArrayPool hands back buffers unused for a minute only on
/// a full GC after that minute, so buffers rented while the pages opened (up to 1 MB each, per thread and per core,
/// bounded by the machine, not by the circuits) are not counted as circuit state; and the default idle outlasts
/// Kestrel's keep-alive timeout (130 s), so the HTTP/1.1 connections each browser opened for the page's files (six or
/// seven per page, ~40 KB of connection objects together) are closed, as they are for any page left open for minutes,
/// and only the circuit and its WebSocket are left. Options: <c>--circuits</c> (40),
/// <c>--idle</c> seconds (135), <c>--portal</c> (the built Portal.dll), <c>--work</c> (data directory, kept), <c>--env NAME=VALUE</c>
/// (repeatable: e.g. GC settings for the portal process), <c>--gcdump DIR</c> (also write <c>dotnet-gcdump</c> heap dumps of
/// the baseline and the loaded portal there, to diff what a circuit holds: <c>dotnet-gcdump report</c>), <c>--no-minimal</c>
/// (skip the same run's baseline: <see cref="MinimalCircuitBaseline"/>, a minimal Blazor Server app measured the same
/// way, and the portal/minimal ratios).
/// </summary>
public sealed class CircuitsBenchmark : IBenchmark
{
    private const string AdminEmail = "bench-admin@bench.example";
    private const string AdminPassword = "Bench-Pass-2026!";
    private const string DemoUser = "alice@example.com";
    private const string DemoPassword = "Portal!2345";

    public string Name => "circuits";

    public string Description => "portal RSS, GC heap and live bytes per idle catalog circuit (real Chromium pages), and as ratios to a minimal Blazor Server app [--circuits --warmup --idle --pause-idle --portal --env --gcdump --no-minimal]";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var circuits = (int)BenchmarkSupport.Int64Option(args, "--circuits", 40);
        var idle = TimeSpan.FromSeconds(BenchmarkSupport.Int64Option(args, "--idle", 135));
        var warmUp = (int)BenchmarkSupport.Int64Option(args, "--warmup", circuits);
        var portalDll = BenchmarkSupport.StringOption(args, "--portal") ?? RequestsBenchmark.LocatePortalDll();
        var keep = BenchmarkSupport.StringOption(args, "--work") is not null;
        var work = BenchmarkSupport.StringOption(args, "--work") ?? Path.Combine(Path.GetTempPath(), "bench-circuits-" + Guid.NewGuid().ToString("N")[..8]);
        CircuitBrowser.EnsureInstalled();

        var environment = BenchmarkSupport.EnvironmentOptions(args);
        environment.TryAdd("Portal__SeedDemo", "true");
        // Connected circuits unless --pause-idle S: then the portal pauses a page after S seconds without input (its
        // setting Portal:IdlePause:Idle, 5 minutes by default), and what is measured is what a paused idle page costs.
        // Without it, pausing is off, so that no page opened early in a long run pauses while the others are measured.
        var pauseIdle = BenchmarkSupport.Int64Option(args, "--pause-idle", 0);
        if (pauseIdle >= idle.TotalSeconds)
        {
            throw new ArgumentException("--pause-idle must be shorter than --idle, or the pages are measured before they pause.");
        }

        environment.TryAdd("Portal__IdlePause__Idle", TimeSpan.FromSeconds(pauseIdle).ToString("c", CultureInfo.InvariantCulture));
        var mode = pauseIdle > 0 ? "paused" : "connected";

        Directory.CreateDirectory(work);
        Console.WriteLine($"circuits: portal={portalDll} work={work} circuits={circuits} warmup={warmUp} env={string.Join(',', environment.Select(e => e.Key + "=" + e.Value))}");
        try
        {
            await using var portal = await PortalProcess.StartAsync(portalDll, work, AdminEmail, AdminPassword, cancellationToken, environment: environment);
            DemoMachine.Add(Path.Combine(work, "portal.db"), DemoUser, "bench-pc");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"circuits: portal pid={portal.ProcessId} at {portal.Address} started, rss_kb={PortalMemory.ResidentKilobytes(portal.ProcessId)}"));

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await CircuitBrowser.LaunchAsync(playwright);
            var signedIn = await SignInAsync(browser, portal.Address);

            var (figures, pages) = await CircuitMeasurement.RunAsync(
                portal.ProcessId, () => OpenCatalogAsync(browser, portal.Address, signedIn), circuits, warmUp, idle, "circuits",
                BenchmarkSupport.StringOption(args, "--gcdump"), "circuits",
                async () => $" portal_circuits_active={await ActiveCircuitsAsync(portal.Address, cancellationToken)}", cancellationToken,
                pauseIdle > 0 ? page => page.WaitForSelectorAsync("body[data-circuit='paused']",
                    new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached, Timeout = (float)(pauseIdle + 120) * 1000 }) : null);
            var cards = await pages[^1].Locator("[data-testid=app-card]").CountAsync();
            var paused = 0;
            foreach (var page in pages)
            {
                paused += await page.Locator("body[data-circuit='paused']").CountAsync();
            }

            foreach (var page in pages)
            {
                await page.Context.CloseAsync();
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"circuits: n={circuits} mode={mode} paused_pages={paused} rss_kb_per_circuit={figures.RssKbPerCircuit:0} gc_heap_kb_per_circuit={figures.GcHeapKbPerCircuit:0} live_kb_per_circuit={figures.LiveKbPerCircuit:0} " +
                $"baseline_rss_kb={figures.Baseline.RssKb} baseline_gc_heap_kb={figures.Baseline.GcHeapKb:0} cards_per_page={cards}"));
            if (args.Contains("--no-minimal"))
            {
                return 0;
            }

            // The same run's baseline: a minimal Blazor Server app (bench/MinimalCircuit) measured the same way, with
            // WebSocket compression off as in the portal, so the figure reads as a ratio to the framework's floor.
            var minimal = await MinimalCircuitBaseline.MeasureAsync(browser, circuits, warmUp, idle, cancellationToken,
                new Dictionary<string, string> { ["MinimalCircuit__DisableWebSocketCompression"] = "true" });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"circuits: minimal n={circuits} rss_kb_per_circuit={minimal.RssKbPerCircuit:0} gc_heap_kb_per_circuit={minimal.GcHeapKbPerCircuit:0} " +
                $"live_kb_per_circuit={minimal.LiveKbPerCircuit:0}"));
            // The minimal app's resident set grows by less than the GC's own ups and downs (it can even shrink between
            // the samples): no ratio is printed against a denominator that is noise.
            var rssRatio = minimal.RssKbPerCircuit >= 16
                ? (figures.RssKbPerCircuit / minimal.RssKbPerCircuit).ToString("0.00", CultureInfo.InvariantCulture)
                : "n/a";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"circuits: portal/minimal rss={rssRatio} gc_heap={figures.GcHeapKbPerCircuit / minimal.GcHeapKbPerCircuit:0.00} " +
                $"live={figures.LiveKbPerCircuit / minimal.LiveKbPerCircuit:0.00}"));
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

    /// <summary>The portal's own count of live circuits (<c>portal_circuits_active</c> on /metrics): the warm-up's must be gone.</summary>
    private static async Task<string> ActiveCircuitsAsync(Uri address, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = address };
        var metrics = await http.GetStringAsync("metrics", cancellationToken);
        var match = System.Text.RegularExpressions.Regex.Match(metrics, @"^portal_circuits_active(?:\{[^}]*\})? (\d+)", System.Text.RegularExpressions.RegexOptions.Multiline);
        return match.Success ? match.Groups[1].Value : "?";
    }

    /// <summary>Signs the demo user in once through the login form and returns the browser state (the auth cookie) every page reuses.</summary>
    private static async Task<string> SignInAsync(IBrowser browser, Uri address)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = address.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("account/login");
        await page.FillAsync("#email", DemoUser);
        await page.FillAsync("#password", DemoPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForLoadStateAsync(LoadState.Load);
        return await context.StorageStateAsync();
    }

    /// <summary>A page in its own context (so its own circuit) on the catalog, waited for until the circuit is live and the cards are shown.</summary>
    private static async Task<IPage> OpenCatalogAsync(IBrowser browser, Uri address, string signedIn)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = address.ToString(),
            StorageState = signedIn,
            ViewportSize = new ViewportSize { Width = 1366, Height = 800 },
        });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("catalog");
        await page.WaitForSelectorAsync("[data-interactive='true']", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
        await page.WaitForSelectorAsync("[data-testid=app-card]");
        return page;
    }
}
