using System.Text;
using System.Text.Json;
using Catalog.Serialization;

namespace ClientAgent.Capture;

/// <summary>
/// The capture state file: the <see cref="SnapshotHeader"/> as one JSON line (readable with <c>head -1</c>), then a
/// binary body (format 2): per directory its UTF-8 path (varint length + bytes), its entry count and its entries —
/// tag byte (kind, has settings / variables / hard-link data), name, size, last-write ticks (8 bytes), mode, for
/// files status-change ticks (8 bytes), inode and, for hard links, device and link count, for links the target, then
/// settings and variables — varints little-endian base 128; a zero-length path ends the file. Format 1 (JSON lines)
/// is refused with a message to start again. Written from the walk through one large buffer and read whole into a
/// <see cref="SnapshotIndex"/>: 100,000 files cost one array, not an object each.
/// </summary>
public static class SnapshotFile
{
    private const string FirstFormat = "clientagent-capture/1";

    public static Task<int> WriteAsync(string path, SnapshotHeader header, IEnumerable<SnapshotEntry> entries, CancellationToken cancellationToken) =>
        Task.FromResult(Write(path, header, writer =>
        {
            foreach (var group in entries.GroupBy(e => DirectoryOf(e.Path), StringComparer.Ordinal))
            {
                writer.EnterDirectory(group.Key);
                foreach (var entry in group)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    writer.Write(Encoding.UTF8.GetBytes(entry.Path[(entry.Path.LastIndexOf('/') + 1)..]), entry);
                }
            }
        }));

    /// <summary>Writes the header, then lets <paramref name="body"/> fill the writer (e.g. from a walk); the file appears complete or not at all.</summary>
    internal static int Write(string path, SnapshotHeader header, Action<SnapshotWriter> body)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp";
        try
        {
            int count;
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0))
            {
                stream.Write(JsonSerializer.SerializeToUtf8Bytes(header with { Format = SnapshotHeader.CurrentFormat }, CatalogJson.Options));
                stream.WriteByte((byte)'\n');
                var writer = new SnapshotWriter(stream);
                body(writer);
                writer.Finish();
                count = writer.Count;
            }

            File.Move(temporary, path, overwrite: true);
            return count;
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    public static async Task<(SnapshotHeader Header, List<SnapshotEntry> Entries)> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var (header, index) = await ReadIndexAsync(path, cancellationToken);
        var entries = new List<SnapshotEntry>(index.Count);
        for (var i = 0; i < index.Count; i++)
        {
            entries.Add(index.ToEntry(i));
        }

        return (header, entries);
    }

    internal static async Task<(SnapshotHeader Header, SnapshotIndex Index)> ReadIndexAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new CaptureException($"Capture state file '{path}' does not exist; run 'capture start' first");
        }

        var data = await File.ReadAllBytesAsync(path, cancellationToken);
        var end = Array.IndexOf(data, (byte)'\n');
        SnapshotHeader? header;
        try
        {
            header = end < 0 ? null : JsonSerializer.Deserialize<SnapshotHeader>(data.AsSpan(0, end), CatalogJson.Options);
        }
        catch (JsonException)
        {
            header = null;
        }

        if (header?.Format == FirstFormat)
        {
            throw new CaptureException($"'{path}' holds capture state from an older version; run capture start again");
        }

        if (header is null || header.Format != SnapshotHeader.CurrentFormat)
        {
            throw new CaptureException($"'{path}' is not a capture state file (expected format {SnapshotHeader.CurrentFormat})");
        }

        try
        {
            return (header, SnapshotIndex.Read(data, end + 1));
        }
        catch (FormatException e)
        {
            throw new CaptureException($"Capture state file '{path}' is damaged: {e.Message}; run capture start again");
        }
    }

    private static string DirectoryOf(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash <= 0 ? "/" : path[..slash];
    }
}
