using System.Runtime.InteropServices;

namespace ClientAgent.Platform;

/// <summary>
/// The few Linux calls .NET does not expose: <c>statx</c> without following links (type, inode, link count, ctime in
/// one call), <c>link</c> (hard links) and <c>utimensat(AT_SYMLINK_NOFOLLOW)</c> (the time of a link itself).
/// <c>struct statx</c> has the same layout on every Linux architecture, so one declaration serves x64 and arm64.
/// </summary>
public static partial class UnixFiles
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7FF;

    /// <summary>The status of <paramref name="path"/> itself (a link is described, not followed); null when it cannot be read.</summary>
    public static UnixFileStatus? Status(string path) => StatusAt(AtFdCwd, path);

    /// <summary>
    /// The status of <paramref name="name"/> in the directory open as <paramref name="directory"/> (see
    /// <see cref="OpenDirectory"/>): the kernel resolves one name instead of the whole path, which is what makes a
    /// walk as cheap as <c>find</c>'s <c>fstatat</c>.
    /// </summary>
    public static UnixFileStatus? StatusAt(int directory, string name) =>
        Statx(directory, name, AtSymlinkNoFollow, StatxBasicStats, out var buffer) != 0 ? null : ToStatus(buffer);

    /// <summary>
    /// <see cref="StatusAt(int, string)"/> for a NUL-terminated UTF-8 name already in memory (a directory listing's
    /// buffer): no string, no marshalling — the capture walk calls it once per entry.
    /// </summary>
    public static unsafe UnixFileStatus? StatusAt(int directory, byte* name) =>
        StatxRaw(directory, name, AtSymlinkNoFollow, StatxBasicStats, out var buffer) != 0 ? null : ToStatus(buffer);

    private static UnixFileStatus ToStatus(in StatxBuffer buffer)
    {
        var type = (buffer.Mode & 0xF000) switch
        {
            0x8000 => UnixFileType.Regular,
            0x4000 => UnixFileType.Directory,
            0xA000 => UnixFileType.SymbolicLink,
            0x1000 => UnixFileType.Fifo,
            0xC000 => UnixFileType.Socket,
            0x2000 => UnixFileType.CharacterDevice,
            0x6000 => UnixFileType.BlockDevice,
            _ => UnixFileType.Unknown,
        };
        return new UnixFileStatus(
            type,
            buffer.Mode & 0xFFF,
            (long)buffer.Size,
            ToTicks(buffer.MtimeSeconds, buffer.MtimeNanoseconds),
            ToTicks(buffer.CtimeSeconds, buffer.CtimeNanoseconds),
            ((ulong)buffer.DevMajor << 32) | buffer.DevMinor,
            buffer.Inode,
            buffer.LinkCount);
    }

    /// <summary>Opens a directory for <see cref="StatusAt(int, string)"/> (not following a link at its last component); -1 when it cannot be opened.</summary>
    public static int OpenDirectory(string path) => Open(path, ORdOnly | ODirectory | ONoFollow | OCloExec);

    public static void CloseDirectory(int directory)
    {
        if (directory >= 0)
        {
            _ = Close(directory);
        }
    }

    private const int ORdOnly = 0;
    private const int ODirectory = 0x10000;
    private const int ONoFollow = 0x20000;
    private const int OCloExec = 0x80000;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);

    /// <summary>Creates <paramref name="path"/> as a hard link to <paramref name="existing"/> (fails if anything is at <paramref name="path"/>).</summary>
    public static void HardLink(string existing, string path)
    {
        if (Link(existing, path) != 0)
        {
            throw new IOException($"Cannot link {path} to {existing}: error {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>Sets the last-write time of <paramref name="path"/> itself, also when it is a symbolic link (never its target).</summary>
    public static void SetModifiedTime(string path, DateTime utc)
    {
        var ticks = utc.ToUniversalTime().Ticks - DateTime.UnixEpoch.Ticks;
        var times = new TimeSpec[2];
        times[0] = new TimeSpec { Seconds = 0, Nanoseconds = UtimeOmit };
        times[1] = new TimeSpec { Seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out var rest) - (rest < 0 ? 1 : 0), Nanoseconds = (rest < 0 ? rest + TimeSpan.TicksPerSecond : rest) * 100 };
        if (UtimensAt(AtFdCwd, path, times, AtSymlinkNoFollow) != 0)
        {
            throw new IOException($"Cannot set the time of {path}: error {Marshal.GetLastPInvokeError()}");
        }
    }

    private const long UtimeOmit = (1L << 30) - 2;

    private static long ToTicks(long seconds, uint nanoseconds) => DateTime.UnixEpoch.Ticks + seconds * TimeSpan.TicksPerSecond + nanoseconds / 100;

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, uint mask, out StatxBuffer buffer);

    [LibraryImport("libc", EntryPoint = "statx")]
    private static unsafe partial int StatxRaw(int directory, byte* path, int flags, uint mask, out StatxBuffer buffer);

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Link(string existing, string path);

    [LibraryImport("libc", EntryPoint = "utimensat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int UtimensAt(int directory, string path, [In] TimeSpec[] times, int flags);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct StatxBuffer
    {
        [FieldOffset(16)] public uint LinkCount;
        [FieldOffset(28)] public ushort Mode;
        [FieldOffset(32)] public ulong Inode;
        [FieldOffset(40)] public ulong Size;
        [FieldOffset(96)] public long CtimeSeconds;
        [FieldOffset(104)] public uint CtimeNanoseconds;
        [FieldOffset(112)] public long MtimeSeconds;
        [FieldOffset(120)] public uint MtimeNanoseconds;
        [FieldOffset(136)] public uint DevMajor;
        [FieldOffset(140)] public uint DevMinor;
    }
}
