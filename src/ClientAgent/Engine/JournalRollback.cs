using Catalog.Jobs;
using ClientAgent.Platform;

namespace ClientAgent.Engine;

/// <summary>
/// Undoes (or, after its commit line, finishes) a journaled job. Every step is idempotent, so a crash during
/// rollback is resumed by simply running it again. Rollback follows no link below the job's install roots
/// (<see cref="PathGuard"/>), deletes only the exact files it lists and a directory only when it is empty: anything
/// else found is kept and reported.
/// </summary>
public static class JournalRollback
{
    /// <summary>Rolls back or finishes the journal in <paramref name="journalDirectory"/>, then deletes it.</summary>
    /// <returns>True when the job was committed (finished), false when it was rolled back.</returns>
    public static bool Resolve(AgentStateDirectory state, string journalDirectory, IProgress<EngineProgress>? progress = null) =>
        ResolveDetailed(state, journalDirectory, progress).Committed;

    /// <summary>As <see cref="Resolve"/>, with the job, the application and what was kept.</summary>
    public static JournalResolution ResolveDetailed(AgentStateDirectory state, string journalDirectory, IProgress<EngineProgress>? progress = null)
    {
        var entries = Journal.Read(journalDirectory);
        var begin = entries.FirstOrDefault(e => e.Kind == JournalEntryKind.Begin);
        var commit = entries.LastOrDefault(e => e.Kind == JournalEntryKind.Commit);
        IReadOnlyList<string> kept = [];
        if (commit is not null)
        {
            FinishCommit(state, commit);
        }
        else
        {
            kept = Undo(entries, progress, maximumSteps: null, Path.Combine(state.Root, "kept", Path.GetFileName(journalDirectory)));
        }

        FileOperations.DeleteDirectoryIfExists(journalDirectory);
        return new JournalResolution(commit is not null, begin?.JobId, begin?.Name, begin?.Operation, kept);
    }

    /// <summary>
    /// Undoes entries newest first; <paramref name="maximumSteps"/> stops early (tests simulate a crash with it).
    /// Returns one sentence per item left in place.
    /// </summary>
    internal static IReadOnlyList<string> Undo(
        IReadOnlyList<JournalEntry> entries, IProgress<EngineProgress>? progress, int? maximumSteps, string? keptDirectory = null)
    {
        var guard = new PathGuard(entries.FirstOrDefault(e => e.Kind == JournalEntryKind.Begin)?.Roots ?? []);
        var kept = new List<string>();
        var steps = 0;
        var undoable = entries.Where(e => e.Kind is not (JournalEntryKind.Begin or JournalEntryKind.Commit or JournalEntryKind.Stamped)).ToList();
        for (var i = undoable.Count - 1; i >= 0; i--)
        {
            if (maximumSteps is { } maximum && steps++ >= maximum)
            {
                return kept;
            }

            if (UndoOne(undoable[i], guard, keptDirectory) is { } reason)
            {
                kept.Add(reason);
                progress?.Report(new EngineProgress(JobPhase.RollingBack, 100 * (undoable.Count - i) / undoable.Count, reason, JobEventLevel.Warning));
            }

            if (progress is not null && (undoable.Count - i) % 200 == 0)
            {
                progress.Report(new EngineProgress(JobPhase.RollingBack, 100 * (undoable.Count - i) / undoable.Count, $"Rolled back {undoable.Count - i} of {undoable.Count} changes"));
            }
        }

        RestoreStamps(entries.Where(e => e.Kind == JournalEntryKind.Stamped), guard);

        return kept;
    }

    /// <summary>
    /// Puts back the modes and times recorded before the job (the first record of a path wins), once every other
    /// entry is undone: a directory's time only when it is still a directory, a file's only when it is still a file.
    /// </summary>
    private static void RestoreStamps(IEnumerable<JournalEntry> stamps, PathGuard guard)
    {
        foreach (var stamp in stamps.DistinctBy(s => s.Path, StringComparer.Ordinal))
        {
            var path = stamp.Path!;
            if (guard.FindLink(path, includeLast: true) is not null || UnixFiles.Status(path) is not { } status
                || status.Type != (stamp.IsDirectory ? UnixFileType.Directory : UnixFileType.Regular))
            {
                continue;
            }

            if (stamp.Mode is { } mode && status.Mode != mode && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, (UnixFileMode)mode);
            }

            if (stamp.ModifiedTicks is { } ticks && status.ModifiedTicks != ticks)
            {
                UnixFiles.SetModifiedTime(path, new DateTime(ticks, DateTimeKind.Utc));
            }
        }
    }

    /// <summary>Undoes one entry; returns why it was left alone, or null when it was undone (or had nothing to undo).</summary>
    private static string? UndoOne(JournalEntry entry, PathGuard guard, string? keptDirectory)
    {
        var path = entry.Path!;
        if (guard.FindLink(path, includeLast: false) is { } link)
        {
            return $"Kept {path}: {link} is now a symbolic link, which rollback does not follow" + SaveBackup(entry, keptDirectory);
        }

        switch (entry.Kind)
        {
            case JournalEntryKind.FileCreated:
                if (NoFollow.IsRealDirectory(path))
                {
                    return $"Kept {path}: a directory is now where the install created a file";
                }

                FileOperations.DeleteFileIfExists(path);
                return null;
            case JournalEntryKind.DirectoryCreated:
                if (NoFollow.IsLink(path))
                {
                    return $"Kept {path}: the directory the install created was replaced by a symbolic link";
                }

                if (!Directory.Exists(path))
                {
                    return null;
                }

                var others = Directory.EnumerateFileSystemEntries(path).Take(4).Select(Path.GetFileName).ToList();
                if (others.Count > 0)
                {
                    return $"Kept {path}: it holds items the install did not create ({string.Join(", ", others.Take(3))}{(others.Count > 3 ? ", ..." : "")})";
                }

                Directory.Delete(path, recursive: false);
                return null;
            case JournalEntryKind.DirectoryRemoved:
                if (NoFollow.IsLink(path))
                {
                    return $"Kept {path}: a symbolic link is where a removed directory would come back";
                }

                Directory.CreateDirectory(path);
                return null;
            case JournalEntryKind.Copied:
                if (!NoFollow.Exists(entry.Backup!))
                {
                    return null;
                }

                if (NoFollow.IsLink(path) || NoFollow.IsRealDirectory(path))
                {
                    return $"Kept {path}: it is no longer the file the install edited, so its backup was not copied over it";
                }

                var temporary = path + ".clientagent-restore";
                FileOperations.DeleteFileIfExists(temporary);
                File.Copy(entry.Backup!, temporary);
                File.Move(temporary, path, overwrite: true);
                return null;
            case JournalEntryKind.MovedAway:
                if (!(entry.IsDirectory ? NoFollow.IsRealDirectory(entry.Backup!) : NoFollow.Exists(entry.Backup!)))
                {
                    return null;
                }

                if (NoFollow.IsRealDirectory(path) && !entry.IsDirectory)
                {
                    if (Directory.EnumerateFileSystemEntries(path).Any())
                    {
                        return $"Kept {path}: a directory with other items is where the original file would come back" + SaveBackup(entry, keptDirectory);
                    }

                    Directory.Delete(path, recursive: false);
                }
                else if (!entry.IsDirectory && NoFollow.Exists(path))
                {
                    // What the job wrote in the original's place (a file, or a link someone put there): the link itself goes.
                    File.Delete(path);
                }
                else if (entry.IsDirectory && NoFollow.Exists(path))
                {
                    return $"Kept {path}: something is now where the moved directory would come back" + SaveBackup(entry, keptDirectory);
                }

                FileOperations.Move(entry.Backup!, path, entry.IsDirectory);
                return null;
            default:
                return null;
        }
    }

    /// <summary>Moves a backup that could not go back out of the journal (which is deleted next), so nothing is lost.</summary>
    private static string SaveBackup(JournalEntry entry, string? keptDirectory)
    {
        if (entry.Kind is not (JournalEntryKind.MovedAway or JournalEntryKind.Copied) || entry.Backup is not { } backup
            || keptDirectory is null || !NoFollow.Exists(backup))
        {
            return "";
        }

        var destination = Path.Combine(keptDirectory, Path.GetFileName(backup));
        FileOperations.Move(backup, destination, NoFollow.IsRealDirectory(backup));
        return $"; the original was saved as {destination}";
    }

    private static void FinishCommit(AgentStateDirectory state, JournalEntry commit)
    {
        var receipts = new ReceiptStore(state);
        if (commit.Receipt is { } receipt)
        {
            foreach (var move in commit.BackupMoves)
            {
                if (FileOperations.Exists(move.From))
                {
                    FileOperations.Move(move.From, move.To, NoFollow.IsRealDirectory(move.From));
                }
            }

            receipts.Save(receipt);
            foreach (var directory in commit.DeleteAfterCommit.Where(d => IsInside(d, state.Receipts)))
            {
                FileOperations.DeleteDirectoryIfExists(directory);
            }
        }
        else if (commit.Name is { } name)
        {
            receipts.Delete(name);
        }
    }

    private static bool IsInside(string path, string directory) =>
        Path.GetFullPath(path).StartsWith(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
