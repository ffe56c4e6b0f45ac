using System.Text;
using ClientAgent.Platform;

namespace ClientAgent.Capture;

/// <summary>
/// One entry as the capture walk meets it: its absolute path as UTF-8 bytes (in the walk's reused buffer, valid
/// only during the visit), its kind and status, and the open directory it is in, so a link can be read relative to
/// it. What a snapshot records of it is exposed here, so the state-file writer and the finish comparison agree.
/// </summary>
public readonly unsafe ref struct WalkedEntry
{
    private readonly byte* _name;
    private readonly int _directoryFd;

    internal WalkedEntry(ReadOnlySpan<byte> path, int nameStart, byte* name, int directoryFd, SnapshotEntryKind kind, in UnixFileStatus status)
    {
        Path = path;
        NameStart = nameStart;
        _name = name;
        _directoryFd = directoryFd;
        Kind = kind;
        Status = status;
    }

    public ReadOnlySpan<byte> Path { get; }

    public int NameStart { get; }

    public ReadOnlySpan<byte> Name => Path[NameStart..];

    public SnapshotEntryKind Kind { get; }

    public UnixFileStatus Status { get; }

    public long Size => Kind == SnapshotEntryKind.File ? Status.Size : 0;

    public long ChangedTicks => Kind == SnapshotEntryKind.File ? Status.ChangedTicks : 0;

    public ulong Inode => Kind == SnapshotEntryKind.File ? Status.Inode : 0;

    public ulong Device => Kind == SnapshotEntryKind.File && Status.LinkCount > 1 ? Status.Device : 0;

    public uint LinkCount => Kind == SnapshotEntryKind.File && Status.LinkCount > 1 ? Status.LinkCount : 0;

    public string PathText => Encoding.UTF8.GetString(Path);

    /// <summary>The text stored in the link (raw bytes); empty for anything else.</summary>
    public byte[] LinkTarget() => Kind == SnapshotEntryKind.Link ? NativeDirectory.ReadLink(_directoryFd, _name) : [];

    /// <summary>
    /// Whether the file may be an INI-style or environment file (<see cref="IniFile.IsCandidate"/>,
    /// <see cref="EnvironmentFile.IsCandidate"/>): a check of the name's ending on the bytes, so other files cost no string.
    /// </summary>
    public bool MayHoldConfig
    {
        get
        {
            if (Kind != SnapshotEntryKind.File)
            {
                return false;
            }

            var name = Name;
            return name.SequenceEqual("environment"u8)
                || EndsWithIgnoreCase(name, ".ini"u8) || EndsWithIgnoreCase(name, ".conf"u8) || EndsWithIgnoreCase(name, ".cfg"u8)
                || EndsWithIgnoreCase(name, ".desktop"u8) || name.EndsWith(".env"u8) || name.EndsWith(".sh"u8);
        }
    }

    /// <summary>The snapshot entry, with parsed settings or variables when <paramref name="readConfig"/> and the file holds them.</summary>
    public SnapshotEntry ToEntry(bool readConfig)
    {
        var path = PathText;
        var entry = new SnapshotEntry(path, Kind, Size, Status.ModifiedTicks, Status.Mode)
        {
            LinkTarget = Kind == SnapshotEntryKind.Link ? Encoding.UTF8.GetString(LinkTarget()) : null,
            ChangedTicks = ChangedTicks,
            Inode = Inode,
            Device = Device,
            LinkCount = LinkCount,
        };
        if (!readConfig || !MayHoldConfig)
        {
            return entry;
        }

        if (EnvironmentFile.IsCandidate(path))
        {
            return entry with { Environment = EnvironmentFile.Read(path) };
        }

        return IniFile.IsCandidate(path) ? entry with { Settings = IniFile.Read(path) } : entry;
    }

    private static bool EndsWithIgnoreCase(ReadOnlySpan<byte> name, ReadOnlySpan<byte> lowerSuffix) =>
        name.Length >= lowerSuffix.Length && System.Text.Ascii.EqualsIgnoreCase(name[^lowerSuffix.Length..], lowerSuffix);
}
