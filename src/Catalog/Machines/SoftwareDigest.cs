using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Catalog.Machines;

/// <summary>
/// The SHA-256 digest of a machine's external-software list, as the agent and the portal both compute it: each field's
/// UTF-8 bytes with its length before it (a missing publisher is length -1), after the number of entries, so no two
/// different lists share a digest by how their fields run together. An agent whose list has not changed since it last
/// sent it whole sends only this (<see cref="Inventory.ExternalSoftwareDigest"/>).
/// </summary>
public static class SoftwareDigest
{
    public static string Of(IReadOnlyList<InstalledSoftware> software)
    {
        ArgumentNullException.ThrowIfNull(software);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            AppendLength(hash, software.Count);
            foreach (var entry in software)
            {
                Append(hash, entry.Name, ref buffer);
                Append(hash, entry.Version, ref buffer);
                Append(hash, entry.Publisher, ref buffer);
                Append(hash, entry.Source, ref buffer);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Whether <paramref name="digest"/> has the form of one (64 lower-case hex digits).</summary>
    public static bool IsWellFormed(string? digest) =>
        digest is { Length: 64 } && digest.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    private static void AppendLength(IncrementalHash hash, int length)
    {
        Span<byte> bytes = stackalloc byte[4];
        BitConverter.TryWriteBytes(bytes, length);
        hash.AppendData(bytes);
    }

    private static void Append(IncrementalHash hash, string? text, ref byte[] buffer)
    {
        if (text is null)
        {
            AppendLength(hash, -1);
            return;
        }

        var needed = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (needed > buffer.Length)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = ArrayPool<byte>.Shared.Rent(needed);
        }

        var written = Encoding.UTF8.GetBytes(text, buffer);
        AppendLength(hash, written);
        hash.AppendData(buffer, 0, written);
    }
}
