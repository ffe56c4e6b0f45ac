using System.Diagnostics;
using Catalog.Packaging;
using ClientAgent.Capture;

namespace Benchmarks;

/// <summary>
/// <c>capture start</c> and <c>capture finish</c> (<see cref="CapturePackager"/>, as the CLI runs them) against
/// <c>find DIR -printf '%p %s %T@ %m\n'</c> over the same tree, side by side: start is one walk that writes a state
/// file, so its baseline is one find walk writing its listing to a file; finish reads the state file, walks again,
/// compares and packages the changed files, so it is set against the same find walk (and the pair against two
/// walks). The three are timed in rounds — find, start, finish, find, start, finish … — after one untimed warm-up
/// round, so all read a warm dentry/inode cache and a shared machine's load falls on all three alike; each ratio is
/// the median of the per-round ratios (medians of the times are printed too). Finish always reads the state taken
/// before <c>--changed</c> files were rewritten; the timed starts write a second state file. Options: <c>--files</c>
/// (default 100,000), <c>--changed</c> (default 100), <c>--runs</c> (rounds, default 5), <c>--dir</c> (where to
/// build the tree — kept, and reused by later runs with the same <c>--dir</c>, e.g. under a profiler; default a new
/// temporary directory, deleted afterwards).
/// </summary>
public sealed class CaptureBenchmark : IBenchmark
{
    private const string Find = "find tree -printf '%p %s %T@ %m\\n' > find.txt";

    public string Name => "capture";

    public string Description => "capture start/finish of a large tree vs find -printf [--files 100000 --changed 100 --runs 5]";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var fileCount = (int)BenchmarkSupport.Int64Option(args, "--files", 100_000);
        var changed = (int)BenchmarkSupport.Int64Option(args, "--changed", 100);
        var runs = (int)BenchmarkSupport.Int64Option(args, "--runs", 5);
        var work = BenchmarkSupport.StringOption(args, "--dir") ?? Path.Combine(Path.GetTempPath(), "capture-bench-" + Guid.NewGuid().ToString("N"));
        var tree = Path.Combine(work, "tree");
        try
        {
            if (Directory.Exists(tree))
            {
                Console.WriteLine($"Using the existing tree {tree} (from an earlier run with --dir)");
            }
            else
            {
                Console.WriteLine($"Creating {fileCount} files in {tree} ...");
                CreateTree(tree, fileCount);
            }

            var packager = new CapturePackager(TimeProvider.System);
            var before = Path.Combine(work, "capture.state");
            var again = Path.Combine(work, "capture-again.state");
            var platform = MachinePlatform.Detect();
            var count = (await packager.StartAsync([tree], [], before, platform, cancellationToken)).Count;
            ChangeFiles(tree, changed);
            var request = new CaptureRequest
            {
                StatePath = before,
                Name = "Bench",
                Version = "1",
                OutPath = Path.Combine(work, "bench.pkg"),
                Compression = CompressionChoice.None,
                Macros = new CaptureMacros(new Dictionary<string, string>()),
                Platform = platform,
            };

            var finds = new List<TimeSpan>();
            var starts = new List<TimeSpan>();
            var finishes = new List<TimeSpan>();
            var files = 0;
            for (var round = 0; round <= runs; round++)
            {
                var find = await BenchmarkSupport.RunShellAsync(Find, work, cancellationToken);
                var watch = Stopwatch.StartNew();
                await packager.StartAsync([tree], [], again, platform, cancellationToken);
                var start = watch.Elapsed;
                watch.Restart();
                files = (await packager.FinishAsync(request, cancellationToken)).Package.Manifest.Files.Count;
                var finish = watch.Elapsed;
                if (round > 0) // round 0 warms up
                {
                    finds.Add(find);
                    starts.Add(start);
                    finishes.Add(finish);
                }
            }

            Console.WriteLine($"capture start:  {Median(starts).TotalSeconds,8:F3} s  ({count} entries, state file {new FileInfo(before).Length / 1024} KB)");
            Console.WriteLine($"capture finish: {Median(finishes).TotalSeconds,8:F3} s  ({files} changed files packaged)");
            Console.WriteLine($"find -printf:   {Median(finds).TotalSeconds,8:F3} s  (one walk, listing written to a file)");
            Console.WriteLine($"ratio start / find: {Median(finds.Select((f, i) => starts[i] / f)):F2} (target 1.2)");
            Console.WriteLine($"ratio finish / find: {Median(finds.Select((f, i) => finishes[i] / f)):F2} (target 1.5)");
            Console.WriteLine($"ratio (start + finish) / (2 x find): {Median(finds.Select((f, i) => (starts[i] + finishes[i]) / (2 * f))):F2}");
            Console.WriteLine($"(medians of {runs} rounds of find, start, finish; ratios per round)");
            return 0;
        }
        finally
        {
            if (BenchmarkSupport.StringOption(args, "--dir") is null && Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static TimeSpan Median(List<TimeSpan> times) => times.Order().ElementAt(times.Count / 2);

    private static double Median(IEnumerable<double> ratios)
    {
        var sorted = ratios.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    /// <summary>Rewrites every n-th data file so finish has something to package (same size, new content and time).</summary>
    private static void ChangeFiles(string root, int changed)
    {
        var files = Directory.EnumerateFiles(root, "*.dat", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var step = Math.Max(1, files.Count / Math.Max(1, changed));
        for (var i = 0; i < files.Count; i += step)
        {
            File.WriteAllBytes(files[i], "y"u8.ToArray());
        }
    }

    /// <summary>A tree shaped like installed software: 100 files per directory, two levels deep, a few config files.</summary>
    private static void CreateTree(string root, int fileCount)
    {
        var content = "x"u8.ToArray();
        for (var i = 0; i < fileCount; i++)
        {
            var directory = Path.Combine(root, $"pkg{i / 10_000:D2}", $"dir{i / 100 % 100:D2}");
            if (i % 100 == 0)
            {
                Directory.CreateDirectory(directory);
            }

            var name = i % 1000 == 0 ? $"settings{i}.ini" : $"file{i:D6}.dat";
            File.WriteAllBytes(Path.Combine(directory, name), i % 1000 == 0 ? "[main]\nkey=value\n"u8.ToArray() : content);
        }
    }
}
