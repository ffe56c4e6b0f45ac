namespace ClientAgent.Capture;

/// <summary>
/// One path in a snapshot: absolute path (forward slashes), kind, size, last-write time (UTC ticks) and unix mode;
/// for INI-style and environment files also their parsed settings, and for links their target.
/// </summary>
public sealed record SnapshotEntry(string Path, SnapshotEntryKind Kind, long Size, long ModifiedTicks, int Mode)
{
    public IReadOnlyList<ConfigValue>? Settings { get; init; }

    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    public string? LinkTarget { get; init; }

    /// <summary>Whether the content or metadata differs (directories: only the mode, since adding a file touches their time).</summary>
    public bool DiffersFrom(SnapshotEntry before) => Kind switch
    {
        _ when Kind != before.Kind => true,
        SnapshotEntryKind.Directory => Mode != before.Mode,
        SnapshotEntryKind.Link => LinkTarget != before.LinkTarget,
        _ => Size != before.Size || ModifiedTicks != before.ModifiedTicks || Mode != before.Mode,
    };
}
