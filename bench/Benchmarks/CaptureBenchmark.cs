using System.Diagnostics;
using Catalog.Packaging;
using ClientAgent.Capture;

namespace Benchmarks;

/// <summary>
/// <c>capture start</c> and <c>capture finish</c> (<see cref="CapturePackager"/>, as the CLI runs them) against
/// <c>find DIR -printf '%p %s %T@ %m\n'</c> over the same tree, side by side: start is one walk that writes a state
/// file, so its baseline is one find walk writing its listing to a file; finish reads the state file, walks again,
/// diffs and packages the changed files, so it is set against the same find walk (and the pair against two walks).
/// Each figure is the median of <c>--runs</c> (default 3) after one untimed warm-up, so both read a warm
/// dentry/inode cache. Options: <c>--files</c> (default 100,000), <c>--changed</c> (files changed between start and
/// finish, default 100), <c>--dir</c> (where to build the tree — kept, and reused by later runs with the same <c>--dir</c>, e.g. under a
/// profiler; default a new temporary directory, deleted afterwards).
/// </summary>
public sealed class CaptureBenchmark : IBenchmark
{
    private const string Find = "find tree -printf '%p %s %T@ %m\\n' > find.txt";

    public string Name => "capture";

    public string Description => "capture start/finish of a large tree vs find -printf [--files 100000 --changed 100 --runs 3]";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var fileCount = (int)BenchmarkSupport.Int64Option(args, "--files", 100_000);
        var changed = (int)BenchmarkSupport.Int64Option(args, "--changed", 100);
        var runs = (int)BenchmarkSupport.Int64Option(args, "--runs", 3);
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
            var state = Path.Combine(work, "capture.json");
            var platform = MachinePlatform.Detect();

            await BenchmarkSupport.RunShellAsync(Find, work, cancellationToken);
            var count = (await packager.StartAsync([tree], [], state, platform, cancellationToken)).Count;
            var find = await MedianAsync(runs, () => BenchmarkSupport.RunShellAsync(Find, work, cancellationToken));
            var start = await MedianAsync(runs, async () =>
            {
                var watch = Stopwatch.StartNew();
                await packager.StartAsync([tree], [], state, platform, cancellationToken);
                return watch.Elapsed;
            });

            ChangeFiles(tree, changed);
            var request = new CaptureRequest
            {
                StatePath = state,
                Name = "Bench",
                Version = "1",
                OutPath = Path.Combine(work, "bench.pkg"),
                Compression = CompressionChoice.None,
                Macros = new CaptureMacros(new Dictionary<string, string>()),
                Platform = platform,
            };
            await packager.FinishAsync(request, cancellationToken);
            var files = 0;
            var finish = await MedianAsync(runs, async () =>
            {
                var watch = Stopwatch.StartNew();
                files = (await packager.FinishAsync(request, cancellationToken)).Package.Manifest.Files.Count;
                return watch.Elapsed;
            });

            Console.WriteLine($"capture start:  {start.TotalSeconds,8:F3} s  ({count} entries, state file {new FileInfo(state).Length / 1024} KB)");
            Console.WriteLine($"capture finish: {finish.TotalSeconds,8:F3} s  ({files} changed files packaged)");
            Console.WriteLine($"find -printf:   {find.TotalSeconds,8:F3} s  (one walk, listing written to a file)");
            Console.WriteLine($"ratio start / find: {start / find:F2} (target 1.2)");
            Console.WriteLine($"ratio finish / find: {finish / find:F2} (target 1.5)");
            Console.WriteLine($"ratio (start + finish) / (2 x find): {(start + finish) / (2 * find):F2}");
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

    private static async Task<TimeSpan> MedianAsync(int runs, Func<Task<TimeSpan>> run)
    {
        var times = new List<TimeSpan>();
        for (var i = 0; i < Math.Max(1, runs); i++)
        {
            times.Add(await run());
        }

        times.Sort();
        return times[times.Count / 2];
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
