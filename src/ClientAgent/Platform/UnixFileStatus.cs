namespace ClientAgent.Platform;

/// <summary>
/// What one <c>lstat</c>-style call (<c>statx</c> with <c>AT_SYMLINK_NOFOLLOW</c>) says about a path: its type, the
/// permission bits, size, last-write and status-change times (UTC ticks), and the identity (device, inode, link count)
/// that tells hard links apart and spots a file replaced under the same name.
/// </summary>
public readonly record struct UnixFileStatus(
    UnixFileType Type, int Mode, long Size, long ModifiedTicks, long ChangedTicks, ulong Device, ulong Inode, uint LinkCount);
