using System.Text.Json;
using Catalog.Packaging;
using Catalog.Serialization;

namespace ClientAgent.Engine;

/// <summary>Opens an unpacked package: a directory with <c>manifest.json</c> and <c>payload/</c>.</summary>
public static class UnpackedPackage
{
    public static DirectoryPackageContent Open(string directory)
    {
        var manifestPath = Path.Combine(directory, "manifest.json");
        if (!File.Exists(manifestPath))
        {
            throw new EngineFailureException($"{directory} is not a package directory: it has no manifest.json.");
        }

        try
        {
            using var stream = File.OpenRead(manifestPath);
            var manifest = JsonSerializer.Deserialize<PackageManifest>(stream, CatalogJson.Options)
                ?? throw new EngineFailureException($"{manifestPath} is empty.");
            return new DirectoryPackageContent(manifest, Path.Combine(directory, "payload"));
        }
        catch (JsonException exception)
        {
            throw new EngineFailureException($"{manifestPath} is not a valid manifest: {exception.Message}", exception);
        }
    }
}
