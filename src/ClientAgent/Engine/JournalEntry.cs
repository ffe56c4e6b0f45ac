namespace ClientAgent.Engine;

/// <summary>One line of <c>journal/&lt;jobId&gt;/journal.jsonl</c>.</summary>
public sealed record JournalEntry
{
    public required JournalEntryKind Kind { get; init; }
    public string? Path { get; init; }
    public string? Backup { get; init; }
    public bool IsDirectory { get; init; }
    /// <summary>On <see cref="JournalEntryKind.Stamped"/>: the permission bits before the job.</summary>
    public int? Mode { get; init; }
    /// <summary>On <see cref="JournalEntryKind.Stamped"/>: the last-write time (UTC ticks) before the job.</summary>
    public long? ModifiedTicks { get; init; }
    public JournalOperation? Operation { get; init; }
    /// <summary>The application (receipt) name, on <see cref="JournalEntryKind.Begin"/> and <see cref="JournalEntryKind.Commit"/>.</summary>
    public string? Name { get; init; }
    public Guid? JobId { get; init; }
    /// <summary>On <see cref="JournalEntryKind.Begin"/>: the install roots <see cref="PathGuard"/> judges paths against during rollback.</summary>
    public IReadOnlyList<string> Roots { get; init; } = [];
    /// <summary>On an install's commit: the receipt to write.</summary>
    public Receipt? Receipt { get; init; }
    /// <summary>On an install's commit: backups to move from the journal into the receipt's backup directory.</summary>
    public IReadOnlyList<BackupMove> BackupMoves { get; init; } = [];
    /// <summary>On an upgrade's commit: the old version's backup directories, deleted once the new receipt is saved.</summary>
    public IReadOnlyList<string> DeleteAfterCommit { get; init; } = [];
}
