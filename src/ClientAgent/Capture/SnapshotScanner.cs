using System.IO.Enumeration;

namespace ClientAgent.Capture;

/// <summary>
/// Walks capture roots recording path, kind, size, last-write time and mode of everything under them (one stat
/// per entry, no content reads), except INI-style and environment files, which are parsed so their settings can be
/// compared later. Links are recorded, never followed. Excluded paths are skipped with everything beneath them.
/// </summary>
public sealed class SnapshotScanner(ExcludeRules excludes)
{
    private static readonly EnumerationOptions Options = new()
    {
        RecurseSubdirectories = true,
        IgnoreInaccessible = true,
        AttributesToSkip = 0,
        ReturnSpecialDirectories = false,
    };

    /// <summary>Every entry under the roots (not the roots themselves), roots in the order given.</summary>
    public IEnumerable<SnapshotEntry> Scan(IEnumerable<string> roots, CancellationToken cancellationToken = default)
    {
        foreach (var root in roots.Select(NormalizeRoot))
        {
            if (!Directory.Exists(root))
            {
                throw new CaptureException($"Capture root '{root}' does not exist or is not a directory");
            }

            var enumerable = new FileSystemEnumerable<SnapshotEntry>(root, ToEntry, Options)
            {
                ShouldIncludePredicate = (ref FileSystemEntry entry) => !excludes.IsExcluded(ToPath(ref entry)),
                ShouldRecursePredicate = (ref FileSystemEntry entry) =>
                    (entry.Attributes & FileAttributes.ReparsePoint) == 0 && !excludes.IsExcluded(ToPath(ref entry)),
            };
            foreach (var entry in enumerable)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return entry.Kind == SnapshotEntryKind.File ? WithConfig(entry) : entry;
            }
        }
    }

    /// <summary>An absolute root without a trailing slash (except "/").</summary>
    public static string NormalizeRoot(string root)
    {
        var full = Path.GetFullPath(root).Replace('\\', '/');
        return full.Length > 1 ? full.TrimEnd('/') : full;
    }

    private static string ToPath(ref FileSystemEntry entry) => entry.ToFullPath().Replace('\\', '/');

    private static SnapshotEntry ToEntry(ref FileSystemEntry entry)
    {
        var path = ToPath(ref entry);
        var info = entry.ToFileSystemInfo();
        var mode = OperatingSystem.IsWindows() ? 0 : (int)info.UnixFileMode;
        if ((entry.Attributes & FileAttributes.ReparsePoint) != 0)
        {
            return new SnapshotEntry(path, SnapshotEntryKind.Link, 0, entry.LastWriteTimeUtc.UtcTicks, mode) { LinkTarget = info.LinkTarget ?? "" };
        }

        return entry.IsDirectory
            ? new SnapshotEntry(path, SnapshotEntryKind.Directory, 0, entry.LastWriteTimeUtc.UtcTicks, mode)
            : new SnapshotEntry(path, SnapshotEntryKind.File, entry.Length, entry.LastWriteTimeUtc.UtcTicks, mode);
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
