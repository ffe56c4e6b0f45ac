using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Catalog.Machines;

namespace Portal.Data;

/// <summary>
/// How an inventory is stored: its external-software list in <c>machine_software</c> with a digest, everything else in
/// <c>machines.inventory</c>. The list is most of an inventory's size and rarely changes between two reports, so a report
/// with the same list rewrites only the small rest. A <c>machines.inventory</c> written before the split still holds its
/// list; it counts until the machine's list is stored on its own.
/// </summary>
internal static class InventoryDocument
{
    /// <summary>The inventory's rest (without its external-software list) as stored in <c>machines.inventory</c>.</summary>
    public static string WriteRest(Inventory inventory) => DbJson.Write(inventory with { ExternalSoftware = [] });

    public static string WriteSoftware(Inventory inventory) => DbJson.Write(inventory.ExternalSoftware);

    /// <summary>The stored inventory: the rest with the separately stored list, or the old single document.</summary>
    public static Inventory? Read(string? rest, string? software)
    {
        if (rest is null)
        {
            return null;
        }

        var inventory = DbJson.Read<Inventory>(rest, "inventory");
        return software is null
            ? inventory
            : inventory with { ExternalSoftware = DbJson.Read<List<InstalledSoftware>>(software, "external software list") };
    }

    /// <summary>
    /// SHA-256 of the list: each field's UTF-8 bytes with its length before it (a missing publisher is length -1), so no
    /// two different lists share a digest by how their fields run together. Cheaper than serializing the list.
    /// </summary>
    public static string Digest(IReadOnlyList<InstalledSoftware> software)
    {
        ArgumentNullException.ThrowIfNull(software);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            Span<byte> length = stackalloc byte[4];
            BitConverter.TryWriteBytes(length, software.Count);
            hash.AppendData(length);
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

    private static void Append(IncrementalHash hash, string? text, ref byte[] buffer)
    {
        Span<byte> length = stackalloc byte[4];
        if (text is null)
        {
            BitConverter.TryWriteBytes(length, -1);
            hash.AppendData(length);
            return;
        }

        var needed = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (needed > buffer.Length)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = ArrayPool<byte>.Shared.Rent(needed);
        }

        var written = Encoding.UTF8.GetBytes(text, buffer);
        BitConverter.TryWriteBytes(length, written);
        hash.AppendData(length);
        hash.AppendData(buffer, 0, written);
    }
}
