using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Catalog.Machines;
using Catalog.Packaging;
using Catalog.Serialization;

namespace Catalog.Tests.Packaging;

/// <summary>A temporary directory with helpers to build good packages and craft malicious zips.</summary>
public sealed class PackageTestFiles : IDisposable
{
    public PackageTestFiles()
    {
        Root = Path.Combine(Path.GetTempPath(), "pkgtest-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public static PackageManifest Manifest(params PackageFile[] files) => new()
    {
        Name = "Editor",
        Version = "1.0",
        Platform = new PackagePlatform(OsFamily.Linux, "12", CpuArchitecture.X64),
        CreatedAt = new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero),
        Files = files,
    };

    public static string Sha(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));

    public static PackageFile FileFor(string source, byte[] data) =>
        new(source, "%*PROGRAMS%/editor/" + source, data.Length, Sha(data));

    public string PathOf(string name) => Path.Combine(Root, name);

    public string WriteSource(string relative, byte[] data)
    {
        var path = Path.Combine(Root, "src", relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, data);
        return path;
    }

    /// <summary>Writes a zip by hand: each entry's name, bytes and optional unix mode (with file type bits).</summary>
    public string CraftZip(string name, PackageManifest? manifest, params (string Name, byte[] Data, int? UnixMode)[] entries)
    {
        var path = PathOf(name);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (entryName, data, mode) in entries)
        {
            var entry = zip.CreateEntry(entryName, CompressionLevel.Optimal);
            if (mode is { } m)
            {
                entry.ExternalAttributes = m << 16;
            }

            using var stream = entry.Open();
            stream.Write(data);
        }

        if (manifest is not null)
        {
            using var stream = zip.CreateEntry("manifest.json").Open();
            JsonSerializer.Serialize(stream, manifest, CatalogJson.Indented);
        }

        return path;
    }

    public string CraftZipWithManifestText(string name, string manifestJson, params (string Name, byte[] Data)[] entries)
    {
        var path = PathOf(name);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (entryName, data) in entries)
        {
            using var stream = zip.CreateEntry(entryName).Open();
            stream.Write(data);
        }

        using var manifest = zip.CreateEntry("manifest.json").Open();
        manifest.Write(Encoding.UTF8.GetBytes(manifestJson));
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
