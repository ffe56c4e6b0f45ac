namespace Catalog.Packaging;

/// <summary>The rules a path inside a package (a zip entry name or a manifest <c>Source</c>) must follow.</summary>
public static class PackagePaths
{
    public const string ManifestEntry = "manifest.json";
    public const string PayloadPrefix = "payload/";

    /// <summary>The zip entry name of a manifest file's payload.</summary>
    public static string PayloadEntry(PackageFile file) => PayloadPrefix + file.Source;

    /// <summary>
    /// Why <paramref name="path"/> is not a safe relative path (forward slashes, no empty, <c>.</c> or <c>..</c>
    /// segments, not rooted, no drive letter, no backslash, no control characters), or null when it is safe.
    /// </summary>
    public static string? FindProblem(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "is empty";
        }

        if (path.Contains('\\'))
        {
            return "contains a backslash";
        }

        if (path.StartsWith('/'))
        {
            return "is an absolute path";
        }

        if (path.Length >= 2 && char.IsAsciiLetter(path[0]) && path[1] == ':')
        {
            return "is rooted at a drive letter";
        }

        if (path.Any(char.IsControl))
        {
            return "contains a control character";
        }

        foreach (var segment in path.Split('/'))
        {
            if (segment == "..")
            {
                return "has a '..' segment";
            }

            if (segment is "" or ".")
            {
                return "has an empty or '.' segment";
            }
        }

        return null;
    }

    /// <summary>
    /// The key under which two names are the same file on a case-insensitive or normalising file system:
    /// canonically decomposed (equal under NFC exactly when equal under NFD), then upper-cased.
    /// </summary>
    public static string CollisionKey(string path) => UnicodeDecomposition.Decompose(path).ToUpperInvariant();

    /// <summary>
    /// Whether the usual file systems of <paramref name="osFamily"/> fold case and Unicode normalisation (Windows'
    /// NTFS, macOS' APFS/HFS+), so two names with the same <see cref="CollisionKey"/> would be one file there. Linux
    /// file systems keep such names apart (kernel headers ship pairs like <c>xt_MARK.h</c> and <c>xt_mark.h</c>).
    /// </summary>
    public static bool FoldsNames(Catalog.Machines.OsFamily osFamily) => osFamily != Catalog.Machines.OsFamily.Linux;

    /// <summary>The key two names must not share in a package for <paramref name="osFamily"/>: folded there, exact elsewhere.</summary>
    public static string CollisionKey(string path, Catalog.Machines.OsFamily osFamily) => FoldsNames(osFamily) ? CollisionKey(path) : path;
}
