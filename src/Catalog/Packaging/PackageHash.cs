using System.Security.Cryptography;

namespace Catalog.Packaging;

/// <summary>The SHA-256 of a whole package file, as the catalog stores it (lower-case hex).</summary>
public static class PackageHash
{
    public static async Task<string> ComputeAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = new FileStream(
            path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return await ComputeAsync(stream, cancellationToken);
    }

    public static async Task<string> ComputeAsync(Stream stream, CancellationToken cancellationToken = default) =>
        Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
}
