using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Catalog.Serialization;

namespace Catalog.Packaging;

/// <summary>
/// Writes package files: <c>payload/&lt;Source&gt;</c> for every manifest file, streamed from the content while its
/// size and SHA-256 are computed, then <c>manifest.json</c> completed with those values. A size or SHA-256 the
/// manifest already declares must match the content. An empty SHA-256 (and a size of 0) means "compute it".
/// </summary>
public static class PackageWriter
{
    private const int UnixRegularFile = 0x8000;
    private const int DefaultMode = 0x1A4; // 0644

    /// <summary>Writes the package to <paramref name="outPath"/> through a temporary file renamed at the end, so a failure leaves nothing behind.</summary>
    public static async Task<PackageWriteResult> WriteAsync(
        PackageManifest manifest, IPackageContent content, string outPath, CompressionChoice compression, CancellationToken cancellationToken = default)
    {
        var fullPath = System.IO.Path.GetFullPath(outPath);
        var directory = System.IO.Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(directory);
        var temporary = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            PackageManifest written;
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                written = await WriteAsync(manifest, content, stream, compression, cancellationToken);
                await stream.FlushAsync(cancellationToken);
            }

            var sha256 = await PackageHash.ComputeAsync(temporary, cancellationToken);
            var length = new FileInfo(temporary).Length;
            File.Move(temporary, fullPath, overwrite: true);
            return new PackageWriteResult(written, fullPath, length, sha256);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>Writes the package for the files of <paramref name="sourceDirectory"/> (payload sources relative to it).</summary>
    public static Task<PackageWriteResult> WriteAsync(
        PackageManifest manifest, string sourceDirectory, string outPath, CompressionChoice compression, CancellationToken cancellationToken = default) =>
        WriteAsync(manifest, new DirectoryPackageContent(manifest, sourceDirectory), outPath, compression, cancellationToken);

    /// <summary>Writes the package into <paramref name="output"/> (left open) and returns the completed manifest.</summary>
    public static async Task<PackageManifest> WriteAsync(
        PackageManifest manifest, IPackageContent content, Stream output, CompressionChoice compression, CancellationToken cancellationToken = default)
    {
        PackageManifestValidator.Validate(manifest, $"Manifest of '{manifest.Name} {manifest.Version}'", requireDigests: false);
        var level = ToCompressionLevel(compression);
        var files = new List<PackageFile>(manifest.Files.Count);
        var buffer = new byte[1 << 17];
        await using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in manifest.Files)
            {
                var entry = zip.CreateEntry(PackagePaths.PayloadEntry(file), level);
                entry.ExternalAttributes = (UnixRegularFile | (file.Mode ?? DefaultMode)) << 16;
                if (file.ModifiedAt is { Year: >= 1980 and < 2108 } modified)
                {
                    entry.LastWriteTime = modified;
                }

                long size = 0;
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                await using (var source = content.OpenPayload(file))
                await using (var target = await entry.OpenAsync(cancellationToken))
                {
                    int read;
                    while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
                    {
                        hash.AppendData(buffer, 0, read);
                        await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                        size += read;
                    }
                }

                files.Add(Complete(file, size, Convert.ToHexStringLower(hash.GetHashAndReset())));
            }

            var completed = manifest with { Files = files };
            var manifestEntry = zip.CreateEntry(PackagePaths.ManifestEntry, level == CompressionLevel.NoCompression ? level : CompressionLevel.Optimal);
            manifestEntry.ExternalAttributes = (UnixRegularFile | DefaultMode) << 16;
            await using (var json = await manifestEntry.OpenAsync(cancellationToken))
            {
                await JsonSerializer.SerializeAsync(json, completed, CatalogJson.Indented, cancellationToken);
            }

            return completed;
        }
    }

    public static CompressionLevel ToCompressionLevel(CompressionChoice compression) => compression switch
    {
        CompressionChoice.None => CompressionLevel.NoCompression,
        CompressionChoice.Fastest => CompressionLevel.Fastest,
        CompressionChoice.Balanced => CompressionLevel.Optimal,
        CompressionChoice.Smallest => CompressionLevel.SmallestSize,
        _ => throw new ArgumentOutOfRangeException(nameof(compression), compression, "Unknown compression choice"),
    };

    private static PackageFile Complete(PackageFile file, long size, string sha256)
    {
        var declaresDigest = !string.IsNullOrEmpty(file.Sha256);
        if ((declaresDigest || file.Size != 0) && file.Size != size)
        {
            throw new PackageFormatException($"File '{file.Source}' is {size} bytes but its manifest declares {file.Size}");
        }

        if (declaresDigest && !string.Equals(file.Sha256, sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new PackageFormatException($"File '{file.Source}' has SHA-256 {sha256} but its manifest declares {file.Sha256}");
        }

        return file with { Size = size, Sha256 = sha256 };
    }
}
