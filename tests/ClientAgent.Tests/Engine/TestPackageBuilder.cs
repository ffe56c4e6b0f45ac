using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Catalog.Applications;
using Catalog.Machines;
using Catalog.Packaging;
using Catalog.Serialization;
using ClientAgent.Engine;
using ClientAgent.Platform;

namespace ClientAgent.Tests.Engine;

/// <summary>Writes an unpacked test package (manifest.json + payload/) into a directory.</summary>
internal sealed class TestPackageBuilder(string directory, string name = "Editor", string version = "1.0")
{
    private readonly List<PackageFile> _files = [];
    private int _counter;

    public PackageManifest Manifest { get; set; } = new()
    {
        Name = name,
        Version = version,
        Platform = new PackagePlatform(HostPlatform.CurrentOsFamily, "test"),
        CreatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
    };

    public TestPackageBuilder File(string target, string content, CopyAttribute attribute = CopyAttribute.Always, int? mode = null) =>
        File(target, Encoding.UTF8.GetBytes(content), attribute, mode);

    public TestPackageBuilder File(string target, byte[] content, CopyAttribute attribute = CopyAttribute.Always, int? mode = null)
    {
        var source = $"f{++_counter}/{Path.GetFileName(target)}";
        var path = Path.Combine(directory, "payload", source);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllBytes(path, content);
        _files.Add(new PackageFile(source, target, content.Length, Convert.ToHexStringLower(SHA256.HashData(content)), mode, attribute));
        return this;
    }

    /// <summary>A file that is a hard link of the file this package writes at <paramref name="ofTarget"/> (same content).</summary>
    public TestPackageBuilder HardLink(string target, string ofTarget)
    {
        var of = _files.Last(f => f.Target == ofTarget);
        var source = $"f{++_counter}/{Path.GetFileName(target)}";
        var path = Path.Combine(directory, "payload", source);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        System.IO.File.Copy(Path.Combine(directory, "payload", of.Source), path);
        _files.Add(new PackageFile(source, target, of.Size, of.Sha256, of.Mode, of.Attribute) { HardLinkOf = of.Source });
        return this;
    }

    /// <summary>A symbolic link at <paramref name="target"/> holding <paramref name="linkTarget"/>.</summary>
    public TestPackageBuilder Link(string target, string linkTarget)
    {
        Manifest = Manifest with { Links = [.. Manifest.Links, new PackageLink(target, linkTarget)] };
        return this;
    }

    public TestPackageBuilder Setting(string file, string section, string key, string value, SettingAttribute attribute = SettingAttribute.CreateAlways)
    {
        Manifest = Manifest with { Settings = [.. Manifest.Settings, new PackageSetting(file, section, key, value, attribute)] };
        return this;
    }

    public TestPackageBuilder Script(ScriptStage stage, string body, int timeoutSeconds = 30)
    {
        Manifest = Manifest with { Scripts = [.. Manifest.Scripts, new ApplicationScript { Stage = stage, Body = body, TimeoutSeconds = timeoutSeconds }] };
        return this;
    }

    public TestPackageBuilder With(Func<PackageManifest, PackageManifest> change)
    {
        Manifest = change(Manifest);
        return this;
    }

    public DirectoryPackageContent Build()
    {
        Directory.CreateDirectory(directory);
        var manifest = Manifest with { Files = [.. Manifest.Files, .. _files] };
        System.IO.File.WriteAllText(Path.Combine(directory, "manifest.json"), JsonSerializer.Serialize(manifest, CatalogJson.Indented));
        return UnpackedPackage.Open(directory);
    }

    public static PackagePlatform OtherOs() => new(
        HostPlatform.CurrentOsFamily == OsFamily.Windows ? OsFamily.Linux : OsFamily.Windows, "test");
}
