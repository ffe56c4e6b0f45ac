using System.IO.Compression;

namespace Catalog.Packaging;

/// <summary>
/// An opened, already validated package file (see <see cref="PackageReader.Open"/>). Payload streams verify size
/// and SHA-256 while they are read. Not thread-safe: read one payload at a time.
/// </summary>
public sealed class PackageArchive : IPackageContent, IDisposable
{
    private readonly Stream _stream;
    private readonly ZipArchive _zip;
    private readonly IReadOnlyDictionary<string, ZipArchiveEntry> _payload;
    private readonly HashSet<PackageFile> _files;

    internal PackageArchive(string path, Stream stream, ZipArchive zip, PackageManifest manifest, IReadOnlyDictionary<string, ZipArchiveEntry> payload)
    {
        Path = path;
        _stream = stream;
        _zip = zip;
        Manifest = manifest;
        _payload = payload;
        _files = [.. manifest.Files];
    }

    public string Path { get; }

    public PackageManifest Manifest { get; }

    /// <summary>
    /// Opens the payload of <paramref name="file"/> (one of <see cref="PackageManifest.Files"/>, matched by source).
    /// The stream throws <see cref="PackageFormatException"/> when the content is larger than declared, or at its
    /// end when it is shorter or its SHA-256 differs.
    /// </summary>
    public Stream OpenPayload(PackageFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var declared = _files.Contains(file) ? file : Manifest.Files.FirstOrDefault(f => f.Source == file.Source)
            ?? throw new PackageFormatException($"Package '{Manifest.Name} {Manifest.Version}' has no payload file '{file.Source}'");
        var name = PackagePaths.PayloadEntry(declared);
        return new PayloadReadStream(_payload[name].Open(), name, declared.Size, declared.Sha256);
    }

    /// <summary>Reads every payload file and checks it; returns the first one that does not match, or null when all do.</summary>
    public async Task<PackageVerificationFailure?> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var buffer = new byte[1 << 17];
        foreach (var file in Manifest.Files)
        {
            try
            {
                await using var stream = OpenPayload(file);
                while (await stream.ReadAsync(buffer, cancellationToken) > 0)
                {
                }
            }
            catch (PackageFormatException e)
            {
                return new PackageVerificationFailure(file, e.Message);
            }
            catch (InvalidDataException e)
            {
                return new PackageVerificationFailure(file, $"Payload entry '{PackagePaths.PayloadEntry(file)}' is corrupt: {e.Message}");
            }
        }

        return null;
    }

    public void Dispose()
    {
        _zip.Dispose();
        _stream.Dispose();
    }
}
