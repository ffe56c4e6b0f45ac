namespace ClientAgent.Capture;

/// <summary>
/// One path in a snapshot: absolute path (forward slashes), kind, size, last-write time (UTC ticks) and unix mode;
/// the status-change time and the identity (device, inode, link count), so content rewritten with the same size and
/// time is still seen and hard links are recognised; for INI-style and environment files also their parsed
/// settings, and for links their target.
/// </summary>
public sealed record SnapshotEntry(string Path, SnapshotEntryKind Kind, long Size, long ModifiedTicks, int Mode)
{
    public IReadOnlyList<ConfigValue>? Settings { get; init; }

    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    public string? LinkTarget { get; init; }

    /// <summary>Status-change time (ctime, UTC ticks); 0 when unknown.</summary>
    public long ChangedTicks { get; init; }

    public ulong Device { get; init; }

    public ulong Inode { get; init; }

    public uint LinkCount { get; init; }

    /// <summary>
    /// Whether the content or metadata differs (directories: only the mode, since adding a file touches their time).
    /// A file also differs when its inode or status-change time moved: a rewrite that kept size and mtime (a
    /// <c>touch -r</c>, an unpacker restoring times) still changes the ctime, which no user-space call can set back.
    /// </summary>
    public bool DiffersFrom(SnapshotEntry before) => Kind switch
    {
        _ when Kind != before.Kind => true,
        SnapshotEntryKind.Directory => Mode != before.Mode,
        SnapshotEntryKind.Link => LinkTarget != before.LinkTarget,
        _ => Size != before.Size || ModifiedTicks != before.ModifiedTicks || Mode != before.Mode
            || (Inode != 0 && before.Inode != 0 && Inode != before.Inode)
            || (ChangedTicks != 0 && before.ChangedTicks != 0 && ChangedTicks != before.ChangedTicks),
    };
}
