using System.Text;
using Catalog.Applications;
using Catalog.Machines;
using Catalog.Packaging;

namespace Portal.Tests.Agents;

/// <summary>A real package file built with <see cref="PackageWriter"/>: files targeted under <c>%*PROGRAMS%</c>, optional scripts.</summary>
public sealed record TestPackage(string Path, string Sha256, long Size)
{
    public byte[] Bytes => File.ReadAllBytes(Path);

    public PackageReference Reference => new(Sha256, Size, System.IO.Path.GetFileName(Path));

    public static async Task<TestPackage> BuildAsync(
        string workDirectory, string name, string version, IReadOnlyDictionary<string, string> files, IReadOnlyList<ApplicationScript>? scripts = null)
    {
        var source = System.IO.Path.Combine(workDirectory, $"{name}-src");
        var entries = new List<PackageFile>();
        var index = 0;
        foreach (var (target, content) in files)
        {
            var relative = $"f{index++}/{System.IO.Path.GetFileName(target)}";
            var path = System.IO.Path.Combine(source, relative);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, content, Encoding.UTF8);
            entries.Add(new PackageFile(relative, target, 0, ""));
        }

        var manifest = new PackageManifest
        {
            Name = name,
            Version = version,
            Platform = new PackagePlatform(OsFamily.Linux, "test"),
            CreatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
            Files = entries,
            Scripts = scripts ?? [],
        };
        var result = await PackageWriter.WriteAsync(manifest, source, System.IO.Path.Combine(workDirectory, $"{name}-{version}.zip"), CompressionChoice.Fastest);
        return new TestPackage(result.Path, result.Sha256, result.Length);
    }
}
