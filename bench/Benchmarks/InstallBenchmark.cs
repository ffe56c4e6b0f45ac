using System.Diagnostics;
using Catalog.Packaging;
using ClientAgent.Engine;
using ClientAgent.Platform;

namespace Benchmarks;

/// <summary>
/// Agent install of a large package (journal, hashes, receipt) into an empty directory vs <c>unzip -q</c> of the same
/// archive into another empty directory. Options: <c>--mb N</c> (default 500), <c>--files N</c> (default 5000),
/// <c>--compression None|Fastest|Balanced|Smallest</c> (default None), <c>--dir D</c> (work directory, default under /tmp).
/// </summary>
public sealed class InstallBenchmark : IBenchmark
{
    public string Name => "install";

    public string Description => "engine install of a large package vs unzip -q of the same archive";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var megabytes = IntOption(args, "--mb", 500);
        var fileCount = IntOption(args, "--files", 5000);
        var compression = Enum.Parse<CompressionChoice>(Option(args, "--compression") ?? "None", ignoreCase: true);
        var work = Option(args, "--dir") ?? Path.Combine(Path.GetTempPath(), "install-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            Console.WriteLine($"Generating {fileCount} files, {megabytes} MB in total ...");
            var source = Path.Combine(work, "source");
            var manifest = Generate(source, megabytes * 1024L * 1024L, fileCount);
            var zip = Path.Combine(work, "bench.zip");
            var written = await PackageWriter.WriteAsync(manifest, source, zip, compression, cancellationToken);
            Console.WriteLine($"Package: {written.Length / (1024 * 1024)} MB, compression {compression}");
            Directory.Delete(source, recursive: true);
            await WarmAsync(zip, cancellationToken);

            var engineTarget = Path.Combine(work, "engine-target");
            Directory.CreateDirectory(engineTarget);
            var engineTime = Stopwatch.StartNew();
            using (var archive = PackageReader.Open(zip, new PackagePlatform(HostPlatform.CurrentOsFamily, "")))
            {
                var result = await new InstallEngine(new AgentStateDirectory(Path.Combine(work, "state"))).InstallAsync(
                    new InstallOptions
                    {
                        Package = archive,
                        MacroOverrides = new Dictionary<string, string> { ["*PROGRAMS"] = engineTarget },
                    },
                    new Progress<EngineProgress>(),
                    cancellationToken);
                if (!result.Succeeded)
                {
                    Console.Error.WriteLine(result.Message);
                    return 1;
                }
            }

            engineTime.Stop();

            var unzipTarget = Path.Combine(work, "unzip-target");
            Directory.CreateDirectory(unzipTarget);
            var unzipTime = Stopwatch.StartNew();
            using (var unzip = Process.Start(new ProcessStartInfo("unzip", ["-q", zip, "-d", unzipTarget]) { UseShellExecute = false })!)
            {
                await unzip.WaitForExitAsync(cancellationToken);
                if (unzip.ExitCode != 0)
                {
                    Console.Error.WriteLine($"unzip exited with code {unzip.ExitCode}.");
                    return 1;
                }
            }

            unzipTime.Stop();

            var mb = manifest.Files.Count == 0 ? 0 : written.Manifest.Files.Sum(f => f.Size) / (1024.0 * 1024.0);
            Console.WriteLine($"engine install : {engineTime.Elapsed.TotalSeconds,8:F2} s  ({mb / engineTime.Elapsed.TotalSeconds,7:F1} MB/s, journal + SHA-256 + receipt)");
            Console.WriteLine($"unzip -q       : {unzipTime.Elapsed.TotalSeconds,8:F2} s  ({mb / unzipTime.Elapsed.TotalSeconds,7:F1} MB/s)");
            Console.WriteLine($"ratio engine/unzip: {engineTime.Elapsed / unzipTime.Elapsed:F2}x");
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static PackageManifest Generate(string root, long totalBytes, int fileCount)
    {
        var random = new Random(42);
        var files = new List<PackageFile>(fileCount);
        var perFile = Math.Max(1, totalBytes / Math.Max(1, fileCount));
        var buffer = new byte[perFile * 2];
        random.NextBytes(buffer);
        for (var i = 0; i < fileCount; i++)
        {
            var size = (int)Math.Min(buffer.Length, Math.Max(1, perFile / 2 + random.NextInt64(perFile + 1)));
            var relative = $"d{i % 50:D2}/s{i % 7}/file{i:D5}.bin";
            var path = Path.Combine(root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            buffer[i % buffer.Length] ^= 0x5A;
            using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write))
            {
                stream.Write(buffer, random.Next(buffer.Length - size + 1), size);
            }

            files.Add(new PackageFile(relative, $"%*PROGRAMS%/bench/{relative}", 0, ""));
        }

        return new PackageManifest
        {
            Name = "InstallBench",
            Version = "1.0",
            Platform = new PackagePlatform(HostPlatform.CurrentOsFamily, ""),
            CreatedAt = DateTimeOffset.UtcNow,
            Files = files,
        };
    }

    private static async Task WarmAsync(string path, CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 20];
        await using var stream = File.OpenRead(path);
        while (await stream.ReadAsync(buffer, cancellationToken) > 0)
        {
        }
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static int IntOption(string[] args, string name, int fallback) =>
        Option(args, name) is { } text && int.TryParse(text, out var value) && value > 0 ? value : fallback;
}
