using System.Diagnostics;
using System.Globalization;
using ClientAgent.Capture;

namespace Benchmarks;

/// <summary>
/// The capture's snapshot scan (<see cref="SnapshotScanner"/>, written to a state file like <c>capture start</c>)
/// against <c>find DIR -printf '%p %s %T@ %m\n'</c> over the same tree. Options: <c>--files</c> (default 100,000),
/// <c>--dir</c> (where to build the tree, default a new temporary directory, deleted afterwards).
/// </summary>
public sealed class CaptureBenchmark : IBenchmark
{
    public string Name => "capture";

    public string Description => "capture scan of a large tree vs find -printf [--files 100000]";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var fileCount = (int)BenchmarkSupport.Int64Option(args, "--files", 100_000);
        var work = BenchmarkSupport.StringOption(args, "--dir") ?? Path.Combine(Path.GetTempPath(), "capture-bench-" + Guid.NewGuid().ToString("N"));
        var tree = Path.Combine(work, "tree");
        try
        {
            Console.WriteLine($"Creating {fileCount} files in {tree} ...");
            CreateTree(tree, fileCount);

            // One untimed pass each so both read a warm dentry/inode cache.
            await BenchmarkSupport.RunShellAsync("find tree -printf '%p %s %T@ %m\\n' > /dev/null", work, cancellationToken);
            await ScanAsync(tree, work, cancellationToken);

            var scan = Stopwatch.StartNew();
            var count = await ScanAsync(tree, work, cancellationToken);
            scan.Stop();
            var baseline = await BenchmarkSupport.RunShellAsync("find tree -printf '%p %s %T@ %m\\n' > /dev/null", work, cancellationToken);

            Console.WriteLine($"snapshot scan: {scan.Elapsed.TotalSeconds,8:F3} s  ({count} entries, state file {new FileInfo(Path.Combine(work, "capture.json")).Length / 1024} KB)");
            Console.WriteLine($"find -printf:  {baseline.TotalSeconds,8:F3} s");
            Console.WriteLine($"ratio (scan / find): {scan.Elapsed / baseline:F2}");
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

    private static async Task<int> ScanAsync(string tree, string work, CancellationToken cancellationToken)
    {
        var scanner = new SnapshotScanner(ExcludeRules.None);
        var header = new SnapshotHeader { Roots = [tree], CreatedAt = DateTimeOffset.UtcNow };
        return await SnapshotFile.WriteAsync(Path.Combine(work, "capture.json"), header, scanner.Scan([tree], cancellationToken), cancellationToken);
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
