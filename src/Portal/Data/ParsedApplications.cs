using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Catalog.Applications;

namespace Portal.Data;

/// <summary>
/// The applications read from the store, parsed once per stored revision and shared by every reader: each open catalog
/// page keeps the applications it shows, and without this every page held its own parsed copy of the same catalog (see
/// the circuits benchmark in docs/portal.md); it also spares a catalog read the JSON parse of every application.
/// A row is the cached application only while its timestamps and a fingerprint of its document (128 bits of its
/// SHA-256) are the same, so another node's change, or two saves within one clock tick, is read again; deleting an
/// application forgets it. Applications are immutable records, so sharing them is safe. One entry per application in
/// the store, without its document text.
/// </summary>
internal sealed class ParsedApplications
{
    private readonly ConcurrentDictionary<Guid, Entry> _byId = new();

    public Application Read(ApplicationRow row)
    {
        var fingerprint = Fingerprint(row.Document);
        if (_byId.TryGetValue(row.Id, out var entry)
            && entry.Fingerprint == fingerprint
            && entry.UpdatedAt == row.UpdatedAt
            && entry.CreatedAt == row.CreatedAt)
        {
            return entry.Application;
        }

        var application = row.ToApplication();
        _byId[row.Id] = new Entry(fingerprint, row.CreatedAt, row.UpdatedAt, application);
        return application;
    }

    public void Forget(Guid id) => _byId.TryRemove(id, out _);

    private static UInt128 Fingerprint(string document)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(MemoryMarshal.AsBytes(document.AsSpan()), hash);
        return BinaryPrimitives.ReadUInt128LittleEndian(hash);
    }

    private sealed record Entry(UInt128 Fingerprint, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, Application Application);
}
