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
                return new PackageFile(source, $"%*PROGRAMS%/{applicationName}/{source}", 0, "", mode) { ModifiedAt = info.LastWriteTimeUtc };
            })
            .OrderBy(file => file.Source, StringComparer.Ordinal)
            .ToList();
    }
}
