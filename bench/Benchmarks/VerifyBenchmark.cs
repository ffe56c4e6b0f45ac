using System.Diagnostics;
using System.Globalization;
using Catalog.Machines;
using Catalog.Packaging;

namespace Benchmarks;

/// <summary>
/// <c>package verify</c> (every payload's size and SHA-256, read out of the zip) against <c>sha256sum</c> over the
/// same files on disk. Options: <c>--size-mb</c> (default 500), <c>--files</c> (default 5,000), <c>--dir</c> (work
/// directory, default a new temporary one, deleted afterwards).
/// </summary>
public sealed class VerifyBenchmark : IBenchmark
{
    public string Name => "verify";

    public string Description => "package verify vs sha256sum over the same payload [--size-mb 500] [--files 5000]";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var totalBytes = BenchmarkSupport.Int64Option(args, "--size-mb", 500) * 1024 * 1024;
        var fileCount = (int)BenchmarkSupport.Int64Option(args, "--files", 5000);
        var work = BenchmarkSupport.StringOption(args, "--dir") ?? Path.Combine(Path.GetTempPath(), "verify-bench-" + Guid.NewGuid().ToString("N"));
        var payload = Path.Combine(work, "payload");
        try
        {
            Console.WriteLine($"Generating {fileCount} files, {totalBytes / (1024 * 1024)} MB in {payload} ...");
            await GeneratePayloadAsync(payload, totalBytes, fileCount, cancellationToken);
            var manifest = new PackageManifest
            {
                Name = "verify-bench",
                Version = "1",
                Platform = new PackagePlatform(OsFamily.Linux, ""),
                CreatedAt = DateTimeOffset.UtcNow,
                Files = DirectoryPackageContent.ListFiles(payload, "verify-bench"),
            };
            var packagePath = Path.Combine(work, "bench.pkg");
            await PackageWriter.WriteAsync(manifest, payload, packagePath, CompressionChoice.None, cancellationToken);

            // Warm the page cache for both sides alike, then time each.
            await BenchmarkSupport.RunShellAsync($"cat bench.pkg > /dev/null && find payload -type f -exec cat {{}} + > /dev/null", work, cancellationToken);
            var verify = Stopwatch.StartNew();
            using (var archive = PackageReader.Open(packagePath))
            {
                var failure = await archive.VerifyAsync(cancellationToken);
                if (failure is not null)
                {
                    throw new InvalidOperationException($"The benchmark package failed verification: {failure.Message}");
                }
            }

            verify.Stop();
            var baseline = await BenchmarkSupport.RunShellAsync("find payload -type f -print0 | xargs -0 sha256sum > /dev/null", work, cancellationToken);

            Console.WriteLine($"package verify: {verify.Elapsed.TotalSeconds,8:F3} s  ({totalBytes / verify.Elapsed.TotalSeconds / 1e6:F0} MB/s)");
            Console.WriteLine($"sha256sum:      {baseline.TotalSeconds,8:F3} s  ({totalBytes / baseline.TotalSeconds / 1e6:F0} MB/s)");
            Console.WriteLine($"ratio (verify / sha256sum): {verify.Elapsed / baseline:F2}");
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

    /// <summary>Files of random bytes (incompressible, like real binaries), spread over 100 directories.</summary>
    private static async Task GeneratePayloadAsync(string directory, long totalBytes, int fileCount, CancellationToken cancellationToken)
    {
        var random = new Random(42);
        var buffer = new byte[1 << 20];
        var perFile = totalBytes / fileCount;
        for (var i = 0; i < fileCount; i++)
        {
            var folder = Path.Combine(directory, $"d{i % 100:D2}");
            Directory.CreateDirectory(folder);
            var size = i == fileCount - 1 ? totalBytes - perFile * (fileCount - 1) : perFile;
            await using var stream = new FileStream(Path.Combine(folder, $"f{i:D6}.bin"), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, true);
            for (var left = size; left > 0; left -= buffer.Length)
            {
                random.NextBytes(buffer);
                await stream.WriteAsync(buffer.AsMemory(0, (int)Math.Min(left, buffer.Length)), cancellationToken);
            }
        }
    }
}
