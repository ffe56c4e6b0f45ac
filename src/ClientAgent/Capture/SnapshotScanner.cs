using System.Runtime.InteropServices;
using System.Text;
using ClientAgent.Platform;

namespace ClientAgent.Capture;

/// <summary>
/// Walks capture roots recording path, kind, size, times, mode and identity of everything under them (one
/// <c>statx</c> per entry, relative to the open directory, no content reads), except INI-style and environment
/// files, which are parsed so their settings can be compared later. Links are recorded, never followed. Excluded and
/// ignored paths (the capture's own state file) are skipped with everything beneath them. What a package cannot hold
/// is skipped with a warning naming it, never an abort: special files (FIFOs, sockets, devices — never opened, so a
/// FIFO cannot hang the scan), names with control characters, backslashes or bytes that are not UTF-8, and paths
/// longer than <see cref="MaximumPathBytes"/> bytes. The walk works like <c>find</c>: <c>getdents64</c> into one
/// reused buffer and the names passed on as bytes, so an entry costs no allocation unless a visitor asks for one.
/// </summary>
public sealed unsafe class SnapshotScanner(ExcludeRules excludes, IEnumerable<string>? ignoredPaths = null)
{
    /// <summary>Linux' PATH_MAX including the terminating NUL: longer paths cannot be opened by name.</summary>
    public const int MaximumPathBytes = 4095;

    private const int ListingBytes = 1 << 16;

    private readonly byte[][] _ignored = [.. (ignoredPaths ?? []).Select(NormalizeRoot).Distinct(StringComparer.Ordinal).Select(Encoding.UTF8.GetBytes)];
    private readonly List<string> _warnings = [];

    /// <summary>What the scans so far skipped and why, one line each, in the order met.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>Every entry under the roots (not the roots themselves), config files parsed. Nested or repeated roots are merged.</summary>
    public IEnumerable<SnapshotEntry> Scan(IEnumerable<string> roots, CancellationToken cancellationToken = default)
    {
        var collector = new Collector();
        Walk(MergeRoots(roots), collector, cancellationToken);
        return collector.Entries;
    }

    /// <summary>
    /// Hands every directory and entry under the (already merged) <paramref name="roots"/> to <paramref name="visitor"/>:
    /// each directory's entries in listing order, then its subdirectories, depth first.
    /// </summary>
    public void Walk(IReadOnlyList<string> roots, IWalkVisitor visitor, CancellationToken cancellationToken = default)
    {
        var listing = (byte*)NativeMemory.Alloc(ListingBytes);
        try
        {
            var path = new byte[MaximumPathBytes + 512];
            var pending = new Stack<string>();
            foreach (var root in roots)
            {
                if (!Directory.Exists(root))
                {
                    throw new CaptureException($"Capture root '{root}' does not exist or is not a directory");
                }

                pending.Push(root);
                while (pending.TryPop(out var directory))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    WalkDirectory(root, directory, path, listing, visitor, pending);
                }
            }
        }
        finally
        {
            NativeMemory.Free(listing);
        }
    }

    /// <summary>Lists one directory, visits its entries and pushes the subdirectories to descend into.</summary>
    private void WalkDirectory(string root, string directory, byte[] path, byte* listing, IWalkVisitor visitor, Stack<string> pending)
    {
        if (Encoding.UTF8.GetByteCount(directory) + 512 > path.Length)
        {
            path = new byte[Encoding.UTF8.GetByteCount(directory) + 512]; // a root longer than any walked path
        }

        var prefix = Encoding.UTF8.GetBytes(directory, path);
        path[prefix] = 0;
        int fd;
        fixed (byte* pathPointer = path)
        {
            fd = NativeDirectory.Open(pathPointer, followLink: directory == root, out var error);
            if (fd < 0)
            {
                if (error == NativeDirectory.NameTooLong)
                {
                    _warnings.Add($"warning: skipped a directory under {root}: its path is too long for Linux to open");
                }

                return; // vanished or unreadable since its parent was listed (skipped like find does, without a word)
            }
        }

        try
        {
            visitor.EnterDirectory(directory);
            if (directory != "/")
            {
                path[prefix++] = (byte)'/';
            }

            int filled;
            while ((filled = NativeDirectory.List(fd, listing, ListingBytes)) > 0)
            {
                for (var offset = 0; offset < filled;)
                {
                    var record = listing + offset;
                    offset += *(ushort*)(record + NativeDirectory.RecordLengthOffset);
                    var name = record + NativeDirectory.NameOffset;
                    var nameLength = MemoryMarshal.CreateReadOnlySpanFromNullTerminated(name).Length;
                    if (name[0] == '.' && (nameLength == 1 || (nameLength == 2 && name[1] == '.')))
                    {
                        continue;
                    }

                    new ReadOnlySpan<byte>(name, nameLength).CopyTo(path.AsSpan(prefix));
                    var full = path.AsSpan(0, prefix + nameLength);
                    if (!Acceptable(full))
                    {
                        continue;
                    }

                    if (UnixFiles.StatusAt(fd, name) is not { } status)
                    {
                        continue; // vanished since the directory was listed
                    }

                    if (Kind(full, status.Type) is not { } kind)
                    {
                        continue;
                    }

                    visitor.Visit(new WalkedEntry(full, prefix, name, fd, kind, status));
                    if (kind == SnapshotEntryKind.Directory)
                    {
                        pending.Push(Encoding.UTF8.GetString(full));
                    }
                }
            }
        }
        finally
        {
            NativeDirectory.Close(fd);
        }
    }

    /// <summary>Whether the walk records <paramref name="path"/>: not ignored, not excluded, and a name a package can hold (else a warning).</summary>
    private bool Acceptable(ReadOnlySpan<byte> path)
    {
        foreach (var ignored in _ignored)
        {
            if (path.SequenceEqual(ignored))
            {
                return false;
            }
        }

        if (excludes.Count > 0 && excludes.IsExcluded(Encoding.UTF8.GetString(path)))
        {
            return false;
        }

        if (NameProblem(path) is { } problem)
        {
            _warnings.Add($"warning: skipped {Printable(Encoding.UTF8.GetString(path))}: {problem}");
            return false;
        }

        return true;
    }

    private SnapshotEntryKind? Kind(ReadOnlySpan<byte> path, UnixFileType type)
    {
        switch (type)
        {
            case UnixFileType.Regular:
                return SnapshotEntryKind.File;
            case UnixFileType.Directory:
                return SnapshotEntryKind.Directory;
            case UnixFileType.SymbolicLink:
                return SnapshotEntryKind.Link;
            default:
                _warnings.Add($"warning: skipped {Encoding.UTF8.GetString(path)}: it is a {Describe(type)}, not a file, directory or link; it was not read");
                return null;
        }
    }

    /// <summary>Why a package cannot hold the UTF-8 <paramref name="path"/>, or null when it can.</summary>
    public static string? NameProblem(ReadOnlySpan<byte> path)
    {
        for (var i = 0; i < path.Length; i++)
        {
            var b = path[i];
            if (b < 0x20 || b == 0x7F || (b == 0xC2 && i + 1 < path.Length && path[i + 1] is >= 0x80 and <= 0x9F))
            {
                return "its name contains a control character";
            }
        }

        if (path.Contains((byte)'\\'))
        {
            return "its name contains a backslash, which package paths cannot hold";
        }

        if (!System.Text.Unicode.Utf8.IsValid(path))
        {
            return "its name is not valid UTF-8";
        }

        return path.Length > MaximumPathBytes ? $"the path is longer than {MaximumPathBytes} bytes" : null;
    }

    /// <summary>The distinct roots, normalised, without any root that lies inside another (its paths are scanned once, under the outer root).</summary>
    public static IReadOnlyList<string> MergeRoots(IEnumerable<string> roots)
    {
        var normalized = roots.Select(NormalizeRoot).Distinct(StringComparer.Ordinal).ToList();
        return [.. normalized.Where(r => !normalized.Any(other => other != r && IsInside(r, other)))];
    }

    /// <summary>An absolute root without a trailing slash (except "/").</summary>
    public static string NormalizeRoot(string root)
    {
        var full = Path.GetFullPath(root).Replace('\\', '/');
        return full.Length > 1 ? full.TrimEnd('/') : full;
    }

    /// <summary>Whether <paramref name="path"/> is strictly below <paramref name="root"/>.</summary>
    public static bool IsInside(string path, string root) =>
        path.Length > root.Length && path.StartsWith(root, StringComparison.Ordinal) && (root == "/" || path[root.Length] == '/');

    private static string Describe(UnixFileType type) => type switch
    {
        UnixFileType.Fifo => "FIFO (named pipe)",
        UnixFileType.Socket => "socket",
        UnixFileType.CharacterDevice => "character device",
        UnixFileType.BlockDevice => "block device",
        _ => "special file",
    };

    /// <summary>The path with control characters shown as <c>\xNN</c>, and cut to its first and last 100 characters when very long.</summary>
    private static string Printable(string path)
    {
        var shown = string.Concat(path.Select(c => char.IsControl(c) ? $"\\x{(int)c:X2}" : c.ToString()));
        return shown.Length <= 240 ? shown : $"{shown[..100]}...{shown[^100..]} ({shown.Length} characters)";
    }

    /// <summary>Collects the entries of a walk, config files parsed (what <see cref="Scan"/> returns).</summary>
    private sealed class Collector : IWalkVisitor
    {
        public List<SnapshotEntry> Entries { get; } = [];

        public void EnterDirectory(string path)
        {
        }

        public void Visit(scoped in WalkedEntry entry) => Entries.Add(entry.ToEntry(readConfig: true));
    }
}
