namespace ClientAgent.Platform;

/// <summary>Free space per volume: the mount point (or drive) holding a path, even one not created yet.</summary>
public static class VolumeSpace
{
    /// <summary>The volume root holding <paramref name="path"/>: the longest mount point that prefixes it.</summary>
    public static DriveInfo VolumeOf(string path) => VolumeOf(path, DriveInfo.GetDrives());

    /// <summary>As <see cref="VolumeOf(string)"/>, choosing among <paramref name="drives"/> (list them once for many paths).</summary>
    public static DriveInfo VolumeOf(string path, IReadOnlyList<DriveInfo> drives)
    {
        var full = Path.GetFullPath(path);
        DriveInfo? best = null;
        foreach (var drive in drives)
        {
            var root = drive.RootDirectory.FullName;
            var isPrefix = OperatingSystem.IsWindows()
                ? full.StartsWith(root, StringComparison.OrdinalIgnoreCase)
                : root == "/" || full == root.TrimEnd('/') || full.StartsWith(root.TrimEnd('/') + "/", StringComparison.Ordinal);
            if (isPrefix && (best is null || root.Length > best.RootDirectory.FullName.Length) && IsReadable(drive))
            {
                best = drive;
            }
        }

        return best ?? new DriveInfo(Path.GetPathRoot(full)!);
    }

    /// <summary>Every mounted volume whose sizes can be read, by mount point, in MB.</summary>
    public static IReadOnlyList<Catalog.Machines.Volume> Volumes() =>
        DriveInfo.GetDrives()
            .Where(IsReadable)
            .Select(d => new Catalog.Machines.Volume(
                d.RootDirectory.FullName.Length > 1 ? Path.TrimEndingDirectorySeparator(d.RootDirectory.FullName) : d.RootDirectory.FullName,
                d.TotalSize / (1024 * 1024),
                d.AvailableFreeSpace / (1024 * 1024)))
            .DistinctBy(v => v.Name)
            .ToList();

    private static bool IsReadable(DriveInfo drive)
    {
        try
        {
            _ = drive.AvailableFreeSpace;
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
