namespace ClientAgent.Capture;

/// <summary>
/// One entry of a state file as <see cref="SnapshotIndex"/> holds it: fixed fields, where its name and extra data
/// (link target, settings, variables) are in the file's bytes, and whether the finish walk met it again.
/// </summary>
internal struct IndexedEntry
{
    public int Directory;
    public int NameOffset;
    public int NameLength;
    public int ExtraOffset;
    public SnapshotEntryKind Kind;
    public byte Flags;
    public bool Seen;
    public int Mode;
    public long Size;
    public long ModifiedTicks;
    public long ChangedTicks;
    public ulong Inode;
    public ulong Device;
    public uint LinkCount;
}
