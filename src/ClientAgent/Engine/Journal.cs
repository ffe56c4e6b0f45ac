using System.Text;
using System.Text.Json;
using Catalog.Serialization;

namespace ClientAgent.Engine;

/// <summary>
/// The write-ahead journal of one job: <c>journal/&lt;jobId&gt;/journal.jsonl</c> plus <c>backup/</c>. Every line is
/// flushed to disk (<c>Flush(true)</c>) before the change it describes is made, so <see cref="JournalRollback"/> can
/// undo exactly what happened, also after a crash.
/// </summary>
public sealed class Journal : IDisposable
{
    public const string FileName = "journal.jsonl";

    private readonly FileStream _stream;
    private int _backupCounter;

    private Journal(string directory, FileStream stream)
    {
        Directory = directory;
        _stream = stream;
    }

    public string Directory { get; }
    public string BackupDirectory => Path.Combine(Directory, "backup");

    public static Journal Begin(AgentStateDirectory state, Guid jobId, JournalOperation operation, string name, IReadOnlyList<string>? roots = null)
    {
        var directory = state.JournalFor(jobId);
        if (System.IO.Directory.Exists(directory))
        {
            throw new EngineFailureException($"Job {jobId} already has a journal in {directory}; it must be recovered first.");
        }

        System.IO.Directory.CreateDirectory(Path.Combine(directory, "backup"));
        var stream = new FileStream(Path.Combine(directory, FileName), FileMode.CreateNew, FileAccess.Write, FileShare.Read);
        var journal = new Journal(directory, stream);
        journal.Append(new JournalEntry { Kind = JournalEntryKind.Begin, Operation = operation, Name = name, JobId = jobId, Roots = roots ?? [] });
        return journal;
    }

    /// <summary>Appends entries and flushes them to disk before returning.</summary>
    public void Append(params IEnumerable<JournalEntry> entries)
    {
        var text = new StringBuilder();
        foreach (var entry in entries)
        {
            text.Append(JsonSerializer.Serialize(entry, CatalogJson.Options)).Append('\n');
        }

        if (text.Length == 0)
        {
            return;
        }

        _stream.Write(Encoding.UTF8.GetBytes(text.ToString()));
        _stream.Flush(flushToDisk: true);
    }

    public string NextBackupPath() => Path.Combine(BackupDirectory, (++_backupCounter).ToString("D6"));

    /// <summary>Records then performs moving <paramref name="path"/> into the backup; returns the backup path.</summary>
    public string MoveAway(string path)
    {
        // A link is moved as a link (rename), never as the directory it points to.
        var isDirectory = ClientAgent.Platform.NoFollow.IsRealDirectory(path);
        var backup = NextBackupPath();
        Append(new JournalEntry { Kind = JournalEntryKind.MovedAway, Path = path, Backup = backup, IsDirectory = isDirectory });
        FileOperations.Move(path, backup, isDirectory);
        return backup;
    }

    /// <summary>Copies <paramref name="path"/> into the backup (durably), then records it; the caller then edits in place.</summary>
    public string CopyToBackup(string path)
    {
        var backup = NextBackupPath();
        FileOperations.CopyFileDurable(path, backup);
        Append(new JournalEntry { Kind = JournalEntryKind.Copied, Path = path, Backup = backup });
        return backup;
    }

    public void RecordCreatedFiles(IEnumerable<string> paths) =>
        Append(paths.Select(p => new JournalEntry { Kind = JournalEntryKind.FileCreated, Path = p }));

    public void RecordCreatedDirectories(IEnumerable<string> paths) =>
        Append(paths.Select(p => new JournalEntry { Kind = JournalEntryKind.DirectoryCreated, Path = p }));

    /// <summary>
    /// Records the mode and last-write time of each existing directory or regular file in <paramref name="paths"/>
    /// (never through a link), so a rollback puts them back exactly.
    /// </summary>
    public void RecordStamps(IEnumerable<string> paths) =>
        Append(paths.Distinct(StringComparer.Ordinal)
            .Select(p => (Path: p, Status: ClientAgent.Platform.UnixFiles.Status(p)))
            .Where(p => p.Status is { Type: ClientAgent.Platform.UnixFileType.Directory or ClientAgent.Platform.UnixFileType.Regular })
            .Select(p => new JournalEntry
            {
                Kind = JournalEntryKind.Stamped,
                Path = p.Path,
                IsDirectory = p.Status!.Value.Type == ClientAgent.Platform.UnixFileType.Directory,
                Mode = p.Status.Value.Mode,
                ModifiedTicks = p.Status.Value.ModifiedTicks,
            }));

    public void RecordRemovedDirectory(string path) =>
        Append(new JournalEntry { Kind = JournalEntryKind.DirectoryRemoved, Path = path });

    public void Dispose() => _stream.Dispose();

    /// <summary>Reads a journal; a torn last line (crash mid-write) is ignored.</summary>
    public static IReadOnlyList<JournalEntry> Read(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return [];
        }

        var entries = new List<JournalEntry>();
        foreach (var line in File.ReadAllLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                entries.Add(JsonSerializer.Deserialize<JournalEntry>(line, CatalogJson.Options)!);
            }
            catch (JsonException)
            {
                break;
            }
        }

        return entries;
    }
}
