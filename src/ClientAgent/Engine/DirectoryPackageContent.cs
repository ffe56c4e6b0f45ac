using System.Text.Json;
using Catalog.Packaging;
using Catalog.Serialization;

namespace ClientAgent.Engine;

/// <summary>An unpacked package: <c>manifest.json</c> and <c>payload/</c> in a directory.</summary>
public sealed class DirectoryPackageContent : IPackageContent
{
    private readonly string _payload;

    public DirectoryPackageContent(string directory)
    {
        var manifestPath = Path.Combine(directory, "manifest.json");
        if (!File.Exists(manifestPath))
        {
            throw new EngineFailureException($"{directory} is not a package directory: it has no manifest.json.");
        }

        try
        {
            using var stream = File.OpenRead(manifestPath);
            Manifest = JsonSerializer.Deserialize<PackageManifest>(stream, CatalogJson.Options)
                ?? throw new EngineFailureException($"{manifestPath} is empty.");
        }
        catch (JsonException exception)
        {
            throw new EngineFailureException($"{manifestPath} is not a valid manifest: {exception.Message}", exception);
        }

        _payload = Path.GetFullPath(Path.Combine(directory, "payload"));
    }

    public PackageManifest Manifest { get; }

    public Stream OpenPayload(PackageFile file)
    {
        var path = Path.GetFullPath(Path.Combine(_payload, file.Source));
        if (!path.StartsWith(_payload + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new EngineFailureException($"Payload path {file.Source} leaves the payload directory.");
        }

        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
    }
}
