using System.IO.Enumeration;
using System.Text;
using ClientAgent.Platform;

namespace ClientAgent.Capture;

/// <summary>
/// Walks capture roots recording path, kind, size, times, mode and identity of everything under them (one
/// <c>statx</c> per entry, no content reads), except INI-style and environment files, which are parsed so their
/// settings can be compared later. Links are recorded, never followed. Excluded and ignored paths (the capture's own
/// state file) are skipped with everything beneath them. What a package cannot hold is skipped with a warning naming
/// it, never an abort: special files (FIFOs, sockets, devices — never opened, so a FIFO cannot hang the scan),
/// names with control characters, backslashes or bytes that are not UTF-8, and paths longer than
/// <see cref="MaximumPathBytes"/> bytes.
/// </summary>
public sealed class SnapshotScanner(ExcludeRules excludes, IEnumerable<string>? ignoredPaths = null)
{
    /// <summary>Linux' PATH_MAX including the terminating NUL: longer paths cannot be opened by name.</summary>
    public const int MaximumPathBytes = 4095;

    private static readonly EnumerationOptions Options = new()
    {
        RecurseSubdirectories = true,
        IgnoreInaccessible = true,
        AttributesToSkip = 0,
        ReturnSpecialDirectories = false,
    };

    private readonly HashSet<string> _ignored = [.. (ignoredPaths ?? []).Select(NormalizeRoot)];
    private readonly List<string> _warnings = [];

    /// <summary>What the scans so far skipped and why, one line each, in the order met.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>Every entry under the roots (not the roots themselves). Nested or repeated roots are merged.</summary>
    public IEnumerable<SnapshotEntry> Scan(IEnumerable<string> roots, CancellationToken cancellationToken = default)
    {
        foreach (var root in MergeRoots(roots))
        {
            if (!Directory.Exists(root))
            {
                throw new CaptureException($"Capture root '{root}' does not exist or is not a directory");
            }

            using var enumerable = new Walker(this, root, root);
            while (enumerable.MoveNext())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (enumerable.Current is { } entry)
                {
                    yield return entry.Kind == SnapshotEntryKind.File ? WithConfig(entry) : entry;
                }
            }
        }
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

    /// <summary>Why a package cannot hold <paramref name="path"/>'s name, or null when it can.</summary>
    public static string? NameProblem(string path)
    {
        if (path.Any(char.IsControl))
        {
            return "its name contains a control character";
        }

        if (path.Contains('\\'))
        {
            return "its name contains a backslash, which package paths cannot hold";
        }

        if (path.Contains('\uFFFD'))
        {
            return "its name is not valid UTF-8";
        }

        return Encoding.UTF8.GetByteCount(path) > MaximumPathBytes ? $"the path is longer than {MaximumPathBytes} bytes" : null;
    }

    /// <summary>
    /// The entry's absolute path, joined from its directory and name: <see cref="FileSystemEntry.ToFullPath"/> goes
    /// through a fixed 4,096-character buffer and yields a wrong path beyond it, which would defeat the length check.
    /// </summary>
    private static string ToPath(ref FileSystemEntry entry) =>
        entry.Directory.EndsWith('/') ? string.Concat(entry.Directory, entry.FileName) : string.Concat(entry.Directory, "/", entry.FileName);

    private bool Acceptable(string path, bool warn)
    {
        if (_ignored.Contains(path) || excludes.IsExcluded(path))
        {
            return false;
        }

        if (NameProblem(path) is { } problem)
        {
            if (warn)
            {
                _warnings.Add($"warning: skipped {Printable(path)}: {problem}");
            }

            return false;
        }

        return true;
    }

    private SnapshotEntry? ToEntry(string path, UnixFileStatus? found)
    {
        if (found is not { } status)
        {
            return null; // vanished or unreadable since the directory was listed (IgnoreInaccessible semantics)
        }

        var kind = status.Type switch
        {
            UnixFileType.Regular => SnapshotEntryKind.File,
            UnixFileType.Directory => SnapshotEntryKind.Directory,
            UnixFileType.SymbolicLink => SnapshotEntryKind.Link,
            _ => (SnapshotEntryKind?)null,
        };
        if (kind is not { } known)
        {
            _warnings.Add($"warning: skipped {path}: it is a {Describe(status.Type)}, not a file, directory or link; it was not read");
            return null;
        }

        return new SnapshotEntry(path, known, known == SnapshotEntryKind.File ? status.Size : 0, status.ModifiedTicks, status.Mode)
        {
            LinkTarget = known == SnapshotEntryKind.Link ? new FileInfo(path).LinkTarget ?? "" : null,
            ChangedTicks = known == SnapshotEntryKind.File ? status.ChangedTicks : 0,
            Inode = known == SnapshotEntryKind.File ? status.Inode : 0,
            Device = known == SnapshotEntryKind.File && status.LinkCount > 1 ? status.Device : 0,
            LinkCount = known == SnapshotEntryKind.File && status.LinkCount > 1 ? status.LinkCount : 0,
        };
    }

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

    /// <summary>
    /// The directory walk: readdir through .NET's enumerator, one <c>statx</c> per entry in <see cref="ToEntry"/>, no
    /// descent into links, excluded, ignored or unholdable directories. A directory the kernel refuses to open
    /// because its path is too long (ENAMETOOLONG) is skipped with a warning instead of ending the scan.
    /// </summary>
    private sealed class Walker(SnapshotScanner scanner, string directory, string root) : FileSystemEnumerator<SnapshotEntry?>(directory, Options)
    {
        private const int NameTooLong = 36;

        protected override bool ShouldRecurseIntoEntry(ref FileSystemEntry entry) =>
            (entry.Attributes & FileAttributes.ReparsePoint) == 0 && scanner.Acceptable(ToPath(ref entry), warn: false);

        private int _directory = -1;
        private string _directoryPath = "";

        protected override SnapshotEntry? TransformEntry(ref FileSystemEntry entry)
        {
            var path = ToPath(ref entry);
            if (!scanner.Acceptable(path, warn: true))
            {
                return null;
            }

            // One open directory per directory listed, then statx relative to it (like find's fstatat), so the kernel
            // resolves a single name per entry instead of the whole path.
            if (!entry.Directory.SequenceEqual(_directoryPath))
            {
                UnixFiles.CloseDirectory(_directory);
                _directoryPath = entry.Directory.ToString();
                _directory = UnixFiles.OpenDirectory(_directoryPath);
            }

            var status = _directory >= 0 ? UnixFiles.StatusAt(_directory, entry.FileName.ToString()) : UnixFiles.Status(path);
            return scanner.ToEntry(path, status);
        }

        protected override void Dispose(bool disposing)
        {
            UnixFiles.CloseDirectory(_directory);
            _directory = -1;
            base.Dispose(disposing);
        }

        protected override bool ContinueOnError(int error)
        {
            if (error != NameTooLong)
            {
                return false;
            }

            scanner._warnings.Add($"warning: skipped a directory under {root}: its path is too long for Linux to open");
            return true;
        }
    }

    private static SnapshotEntry WithConfig(SnapshotEntry entry)
    {
        if (EnvironmentFile.IsCandidate(entry.Path))
        {
            return entry with { Environment = EnvironmentFile.Read(entry.Path) };
        }

        return IniFile.IsCandidate(entry.Path) ? entry with { Settings = IniFile.Read(entry.Path) } : entry;
    }
}
