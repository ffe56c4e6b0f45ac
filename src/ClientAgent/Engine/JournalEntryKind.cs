namespace ClientAgent.Engine;

/// <summary>What one journal line records; each kind knows how to be undone.</summary>
public enum JournalEntryKind
{
    /// <summary>First line: the operation, the application name and the job.</summary>
    Begin,
    /// <summary>A directory that did not exist is about to be created. Undo: delete it.</summary>
    DirectoryCreated,
    /// <summary>A file that did not exist is about to be created. Undo: delete it.</summary>
    FileCreated,
    /// <summary>A file was copied to the backup before being edited in place. Undo: copy the backup back.</summary>
    Copied,
    /// <summary>A file or directory is about to be moved into the backup. Undo: move it back.</summary>
    MovedAway,
    /// <summary>An empty directory is about to be removed. Undo: create it again.</summary>
    DirectoryRemoved,
    /// <summary>
    /// The mode and last-write time an existing directory or file had before the job touched it (or what it holds).
    /// Undo: put them back, after everything else is undone (undoing the rest changes directory times again).
    /// </summary>
    Stamped,
    /// <summary>The operation succeeded: finish it (move backups, write or delete the receipt), never undo it.</summary>
    Commit,
}
