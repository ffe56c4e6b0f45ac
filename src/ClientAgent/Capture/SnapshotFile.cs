using System.Text;
using System.Text.Json;
using Catalog.Serialization;

namespace ClientAgent.Capture;

/// <summary>
/// The capture state file: JSON lines, the <see cref="SnapshotHeader"/> first, then one compact object per path
/// (<c>{"p":path,"k":"f|d|l","s":size,"t":ticks,"m":mode}</c> plus <c>ini</c>, <c>env</c> or <c>l</c> when present).
/// Written and read entry by entry, so 100,000 files cost no more memory than their list.
/// </summary>
public static class SnapshotFile
{
    public static async Task<int> WriteAsync(string path, SnapshotHeader header, IEnumerable<SnapshotEntry> entries, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp";
        var count = 0;
        try
        {
            // Written synchronously: the scan producing the entries is synchronous file-system work anyway.
            await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            await using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { SkipValidation = true }))
            {
                JsonSerializer.Serialize(json, header, CatalogJson.Options);
                foreach (var entry in entries)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    json.Flush();
                    stream.WriteByte((byte)'\n');
                    json.Reset();
                    JsonSerializer.Serialize(json, SnapshotLine.From(entry), CatalogJson.Options);
                    count++;
                }

                json.Flush();
                stream.WriteByte((byte)'\n');
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
        if (!File.Exists(path))
        {
            throw new CaptureException($"Capture state file '{path}' does not exist; run 'capture start' first");
        }

        using var reader = new StreamReader(path, Encoding.UTF8);
        var lineNumber = 1;
        try
        {
            var first = await reader.ReadLineAsync(cancellationToken);
            var header = first is null ? null : JsonSerializer.Deserialize<SnapshotHeader>(first, CatalogJson.Options);
            if (header is null || header.Format != SnapshotHeader.CurrentFormat)
            {
                throw new CaptureException($"'{path}' is not a capture state file (expected format {SnapshotHeader.CurrentFormat})");
            }

            var entries = new List<SnapshotEntry>();
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                lineNumber++;
                if (line.Length > 0)
                {
                    entries.Add(JsonSerializer.Deserialize<SnapshotLine>(line, CatalogJson.Options)!.ToEntry());
                }
            }

            return (header, entries);
        }
        catch (JsonException e)
        {
            throw new CaptureException($"Capture state file '{path}' is damaged at line {lineNumber}: {e.Message}");
        }
    }
}
