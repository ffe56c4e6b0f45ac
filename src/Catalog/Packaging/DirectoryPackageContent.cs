namespace Catalog.Packaging;

/// <summary>A manifest plus a directory holding each file's payload at <c>&lt;directory&gt;/&lt;Source&gt;</c>.</summary>
public sealed class DirectoryPackageContent(PackageManifest manifest, string directory) : IPackageContent
{
    public PackageManifest Manifest { get; } = manifest;

    public string Directory { get; } = Path.GetFullPath(directory);

    public Stream OpenPayload(PackageFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (PackagePaths.FindProblem(file.Source) is { } problem)
        {
            throw new PackageFormatException($"File source '{file.Source}' {problem}");
        }

        var path = Path.Combine(Directory, file.Source);
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new PackageFormatException($"Payload file '{file.Source}' is missing from '{Directory}'", e);
        }
    }

    /// <summary>
    /// Every regular file under <paramref name="directory"/> as a manifest file with target
    /// <c>%*PROGRAMS%/&lt;applicationName&gt;/&lt;relative path&gt;</c>, its mode and last-write time
    /// (size and SHA-256 are left for the writer to fill in). Sorted by source, ordinal.
    /// </summary>
    public static IReadOnlyList<PackageFile> ListFiles(string directory, string applicationName)
    {
        var root = Path.GetFullPath(directory);
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = false };
        return new DirectoryInfo(root).EnumerateFiles("*", options)
            .Select(info =>
            {
                var source = Path.GetRelativePath(root, info.FullName).Replace(Path.DirectorySeparatorChar, '/');
                int? mode = OperatingSystem.IsWindows() ? null : (int)info.UnixFileMode;
                return new PackageFile(source, $"%*PROGRAMS%/{Escape(applicationName)}/{Escape(source)}", 0, "", mode) { ModifiedAt = info.LastWriteTimeUtc };
            })
            .OrderBy(file => file.Source, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Every symbolic link under <paramref name="directory"/> as a package link at
    /// <c>%*PROGRAMS%/&lt;applicationName&gt;/&lt;relative path&gt;</c> holding the same text (relative or absolute, as is).
    /// Links are listed, never followed. Sorted by target, ordinal.
    /// </summary>
    public static IReadOnlyList<PackageLink> ListLinks(string directory, string applicationName)
    {
        var root = Path.GetFullPath(directory);
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false };
        var entries = new System.IO.Enumeration.FileSystemEnumerable<string>(root, (ref System.IO.Enumeration.FileSystemEntry e) => e.ToFullPath(), options)
        {
            ShouldIncludePredicate = (ref System.IO.Enumeration.FileSystemEntry e) => (e.Attributes & FileAttributes.ReparsePoint) != 0,
            ShouldRecursePredicate = (ref System.IO.Enumeration.FileSystemEntry e) => (e.Attributes & FileAttributes.ReparsePoint) == 0,
        };
        return entries
            .Select(path => new PackageLink(
                $"%*PROGRAMS%/{Escape(applicationName)}/{Escape(Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/'))}",
                new FileInfo(path).LinkTarget ?? ""))
            .Where(link => link.LinkTarget.Length > 0)
            .OrderBy(link => link.Target, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>A literal <c>%</c> in a target is written <c>%%</c> (the macro syntax's escape), so names like <c>100%.txt</c> install as they are.</summary>
    private static string Escape(string text) => text.Replace("%", "%%", StringComparison.Ordinal);
}
