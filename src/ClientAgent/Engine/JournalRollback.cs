namespace ClientAgent.Engine;

/// <summary>
/// Undoes (or, after its commit line, finishes) a journaled job. Every step is idempotent, so a crash during
/// rollback is resumed by simply running it again.
/// </summary>
public static class JournalRollback
{
    /// <summary>Rolls back or finishes the journal in <paramref name="journalDirectory"/>, then deletes it.</summary>
    /// <returns>True when the job was committed (finished), false when it was rolled back.</returns>
    public static bool Resolve(AgentStateDirectory state, string journalDirectory, IProgress<EngineProgress>? progress = null)
    {
        var entries = Journal.Read(journalDirectory);
        var commit = entries.LastOrDefault(e => e.Kind == JournalEntryKind.Commit);
        if (commit is not null)
        {
            FinishCommit(state, commit);
        }
        else
        {
            Undo(entries, progress, maximumSteps: null);
        }

        FileOperations.DeleteDirectoryIfExists(journalDirectory);
        return commit is not null;
    }

    /// <summary>Undoes entries newest first; <paramref name="maximumSteps"/> stops early (tests simulate a crash with it).</summary>
    internal static void Undo(IReadOnlyList<JournalEntry> entries, IProgress<EngineProgress>? progress, int? maximumSteps)
    {
        var steps = 0;
        var undoable = entries.Where(e => e.Kind is not (JournalEntryKind.Begin or JournalEntryKind.Commit)).ToList();
        for (var i = undoable.Count - 1; i >= 0; i--)
        {
            if (maximumSteps is { } maximum && steps++ >= maximum)
            {
                return;
            }

            UndoOne(undoable[i]);
            if (progress is not null && (undoable.Count - i) % 200 == 0)
            {
                progress.Report(new EngineProgress(Catalog.Jobs.JobPhase.RollingBack, 100 * (undoable.Count - i) / undoable.Count, $"Rolled back {undoable.Count - i} of {undoable.Count} changes"));
            }
        }
    }

    private static void UndoOne(JournalEntry entry)
    {
        var path = entry.Path!;
        switch (entry.Kind)
        {
            case JournalEntryKind.FileCreated:
                FileOperations.DeleteFileIfExists(path);
                break;
            case JournalEntryKind.DirectoryCreated:
                FileOperations.DeleteDirectoryIfExists(path);
                break;
            case JournalEntryKind.DirectoryRemoved:
                Directory.CreateDirectory(path);
                break;
            case JournalEntryKind.Copied:
                if (File.Exists(entry.Backup))
                {
                    var temporary = path + ".clientagent-restore";
                    File.Copy(entry.Backup, temporary, overwrite: true);
                    File.Move(temporary, path, overwrite: true);
                }

                break;
            case JournalEntryKind.MovedAway:
                if (entry.IsDirectory ? Directory.Exists(entry.Backup) : File.Exists(entry.Backup))
                {
                    if (!entry.IsDirectory && Directory.Exists(path))
                    {
                        Directory.Delete(path, recursive: true);
                    }

                    FileOperations.Move(entry.Backup!, path, entry.IsDirectory);
                }

                break;
        }
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
                    FileOperations.Move(move.From, move.To, Directory.Exists(move.From));
                }
            }

            receipts.Save(receipt);
        }
        else if (commit.Name is { } name)
        {
            receipts.Delete(name);
        }
    }
}
