using System.Diagnostics;
using System.Text.Json;
using Catalog.Applications;
using Catalog.ExternalSoftware;
using Catalog.Machines;
using Catalog.Requirements;
using Catalog.Serialization;

namespace Benchmarks;

/// <summary>
/// Filtering a catalog of 10,000 applications for one machine (<see cref="RequirementEvaluator.EvaluateCatalog"/>) against
/// the baseline every catalog read pays anyway: deserializing the same 10,000 stored application documents. Prints the
/// median of several rounds and the ratio (filter + deserialize) / deserialize. Options: <c>--apps</c> (default 10,000),
/// <c>--rounds</c> (default 7).
/// </summary>
public sealed class CatalogFilterBenchmark : IBenchmark
{
    public string Name => "catalog";

    public string Description => "filter 10,000 applications for one machine vs deserializing them [--apps 10000]";

    public Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var count = (int)BenchmarkSupport.Int64Option(args, "--apps", 10_000);
        var rounds = (int)BenchmarkSupport.Int64Option(args, "--rounds", 7);
        var documents = Enumerable.Range(0, count).Select(i => JsonSerializer.Serialize(Make(i), CatalogJson.Options)).ToList();
        var machine = new Inventory
        {
            OsFamily = OsFamily.Linux,
            OsVersion = "12",
            Architecture = CpuArchitecture.X64,
            CpuCount = 4,
            MemoryMb = 16_384,
            Volumes = [new Volume("/", 200_000, 80_000), new Volume("/home", 500_000, 20_000)],
            ExternalSoftware = [new InstalledSoftware("bash", "5.2.15-2+b2"), new InstalledSoftware("coreutils", "9.1-1")],
            Environment = new Dictionary<string, string> { ["DEPARTMENT"] = "finance" },
            Files = new Dictionary<string, FileProbe> { ["/usr/bin/python3"] = new(true, "3.11.2") },
            SpecialMacros = new Dictionary<string, string> { ["*PROGRAMS"] = "/opt" },
        };
        var external = ExternalSoftwareList.Empty.Publish([new ExternalSoftwareEntry { Name = "bash", MinVersion = "5" }], DateTimeOffset.UtcNow);

        var deserializeTimes = new List<double>();
        var filterTimes = new List<double>();
        var available = 0;
        for (var round = 0; round <= rounds; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var watch = Stopwatch.StartNew();
            var catalog = documents.Select(d => JsonSerializer.Deserialize<Application>(d, CatalogJson.Options)!).ToList();
            var deserialized = watch.Elapsed.TotalMilliseconds;
            var result = RequirementEvaluator.EvaluateCatalog(catalog, machine, external);
            var total = watch.Elapsed.TotalMilliseconds;
            available = result.Values.Count(e => e.State == ApplicationVisibility.Available);
            if (round > 0)
            {
                deserializeTimes.Add(deserialized);
                filterTimes.Add(total);
            }
        }

        var baseline = Median(deserializeTimes);
        var measured = Median(filterTimes);
        Console.WriteLine($"{count} applications, {available} available to the machine");
        Console.WriteLine($"deserialize only:        {baseline,8:F1} ms");
        Console.WriteLine($"deserialize + filter:    {measured,8:F1} ms  (filter {(measured - baseline) * 1000 / count:F2} µs per application)");
        Console.WriteLine($"ratio (filter + deserialize) / deserialize: {measured / baseline:F2}");
        return Task.FromResult(0);
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    /// <summary>A realistic mix: most applications carry two or three requirements of different kinds.</summary>
    private static Application Make(int i) => new()
    {
        Name = $"Application {i:D5}",
        Version = $"{1 + (i % 5)}.{i % 10}.{i % 7}",
        Category = $"Category {i % 12}",
        Requirements = (i % 6) switch
        {
            0 => [new OsRequirement(OsFamily.Linux, "11"), new MemoryRequirement(4096)],
            1 => [new DiskSpaceRequirement("%*PROGRAMS%", 500), new CpuCountRequirement(2)],
            2 => [new InstalledSoftwareRequirement(ExternalSoftwareName: "bash", MinVersion: "5"), new ArchitectureRequirement([CpuArchitecture.X64])],
            3 => [new EnvironmentVariableRequirement("DEPARTMENT", "finance"), new FileVersionRequirement("/usr/bin/python3", "3.9")],
            4 => [new MemoryRequirement(65_536) { ShowWhenUnmet = false }, new OsRequirement(OsFamily.Linux)],
            _ => [new OsRequirement(OsFamily.Windows, "10.0"), new RegistryValueRequirement(@"HKLM\Software\Example", "Installed")],
        },
    };
}
