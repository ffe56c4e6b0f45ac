using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Portal.AgentLink;

/// <summary>
/// Content-addressed package files under <c>&lt;DataDirectory&gt;/packages/&lt;sha[0..2]&gt;/&lt;sha&gt;</c>. A file
/// appears under its name only after its bytes were hashed, so a reader never sees a partial or wrong package.
/// </summary>
public sealed class PackageStore(IOptions<AgentLinkOptions> options)
{
    private readonly string _root = options.Value.PackageDirectory;

    /// <summary>Copies <paramref name="content"/> into the store and returns its SHA-256 (lower-case hex).</summary>
    /// <param name="expectedSha256">When given, the bytes must hash to it or nothing is stored.</param>
    public async Task<(string Sha256, long Size)> AddAsync(Stream content, string? expectedSha256, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_root);
        var temporary = Path.Combine(_root, $".upload-{Guid.NewGuid():N}");
        try
        {
            string sha256;
            long size;
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }

                sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
                size = file.Length;
            }

            if (expectedSha256 is not null && !string.Equals(expectedSha256, sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new PackageHashMismatchException(expectedSha256.ToLowerInvariant(), sha256);
            }

            var path = PathOf(sha256);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (!File.Exists(path))
            {
                File.Move(temporary, path);
            }

            return (sha256, size);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public bool Exists(string sha256) => IsSha256(sha256) && File.Exists(PathOf(sha256));

    /// <summary>The file's path, or null when the store doesn't hold it.</summary>
    public string? Find(string sha256) => Exists(sha256) ? PathOf(sha256) : null;

    public Stream? Open(string sha256) => Find(sha256) is { } path ? File.OpenRead(path) : null;

    public bool Delete(string sha256)
    {
        if (!Exists(sha256))
        {
            return false;
        }

        File.Delete(PathOf(sha256));
        return true;
    }

    public static bool IsSha256(string text) => text.Length == 64 && text.All(Uri.IsHexDigit);

    private string PathOf(string sha256)
    {
        var sha = sha256.ToLowerInvariant();
        return Path.Combine(_root, sha[..2], sha);
    }
}
