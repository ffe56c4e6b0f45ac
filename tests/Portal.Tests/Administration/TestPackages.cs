using System.IO.Compression;
using System.Text;
using Catalog.Machines;
using Catalog.Packaging;

namespace Portal.Tests.Administration;

/// <summary>Real package files for upload tests, good and deliberately broken.</summary>
public static class TestPackages
{
    /// <summary>Builds a Linux package with two payload files installed under %*PROGRAMS%/&lt;name&gt;.</summary>
    public static async Task<string> BuildAsync(string directory, string name = "Demo Tool", string version = "1.0.0", OsFamily os = OsFamily.Linux)
    {
        var payload = Directory.CreateDirectory(Path.Combine(directory, $"payload-{Guid.NewGuid():N}")).FullName;
        Directory.CreateDirectory(Path.Combine(payload, "bin"));
        await File.WriteAllTextAsync(Path.Combine(payload, "bin", "tool.sh"), "#!/bin/sh\necho tool\n");
        await File.WriteAllTextAsync(Path.Combine(payload, "README.txt"), $"{name} {version}\n");
        var manifest = new PackageManifest
        {
            Name = name,
            Version = version,
            Platform = new PackagePlatform(os, "12", CpuArchitecture.X64),
            Files =
            [
                new PackageFile("README.txt", $"%*PROGRAMS%/{name}/README.txt", 0, ""),
                new PackageFile("bin/tool.sh", $"%*PROGRAMS%/{name}/bin/tool.sh", 0, "", 0x1ED),
            ],
        };
        var path = Path.Combine(directory, $"{name.Replace(' ', '-')}-{version}.zip");
        await PackageWriter.WriteAsync(manifest, payload, path, CompressionChoice.Balanced);
        return path;
    }

    /// <summary>A copy of <paramref name="packagePath"/> whose README payload has the same length but other bytes (its SHA-256 no longer matches the manifest).</summary>
    public static string TamperedCopy(string packagePath)
    {
        var path = Path.Combine(Path.GetDirectoryName(packagePath)!, "tampered.zip");
        File.Copy(packagePath, path);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        var entry = zip.GetEntry("payload/README.txt")!;
        string text;
        using (var reader = new StreamReader(entry.Open()))
        {
            text = reader.ReadToEnd();
        }

        entry.Delete();
        using var write = zip.CreateEntry("payload/README.txt").Open();
        write.Write(Encoding.UTF8.GetBytes(new string('X', Encoding.UTF8.GetByteCount(text))));
        return path;
    }

    /// <summary>A zip holding a manifest and an entry that climbs out of the payload directory.</summary>
    public static string PathTraversal(string directory)
    {
        var path = Path.Combine(directory, "traversal.zip");
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        using (var writer = new StreamWriter(zip.CreateEntry("manifest.json").Open()))
        {
            writer.Write("""{"name":"Evil","version":"1.0.0","platform":{"osFamily":"Linux","osVersion":"12"},"files":[]}""");
        }

        using (var writer = new StreamWriter(zip.CreateEntry("payload/../../etc/evil").Open()))
        {
            writer.Write("owned");
        }

        return path;
    }

    public static string NotAZip(string directory)
    {
        var path = Path.Combine(directory, "garbage.zip");
        File.WriteAllBytes(path, Encoding.UTF8.GetBytes("this is not a zip archive at all"));
        return path;
    }
}
