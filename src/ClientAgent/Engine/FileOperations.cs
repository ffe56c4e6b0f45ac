using ClientAgent.Platform;

namespace ClientAgent.Engine;

/// <summary>Small file-system steps shared by apply and rollback; each one is safe to repeat.</summary>
internal static class FileOperations
{
    public static void CopyFileDurable(string source, string destination)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        File.Copy(source, destination, overwrite: true);
        using var stream = new FileStream(destination, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>
    /// Moves a file, a directory or a symbolic link (as a link: never what it points to); across file systems falls
    /// back to copy then delete.
    /// </summary>
    public static void Move(string source, string destination, bool isDirectory)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        if (new FileInfo(source).LinkTarget is { } linkTarget)
        {
            if (NoFollow.Exists(destination))
            {
                File.Delete(destination);
            }

            File.CreateSymbolicLink(destination, linkTarget);
            KeepTime(source, destination);
            File.Delete(source);
            return;
        }

        if (!isDirectory)
        {
            File.Move(source, destination, overwrite: true);
            return;
        }

        if (Directory.Exists(destination))
        {
            CopyDirectory(source, destination);
            Directory.Delete(source, recursive: true);
            return;
        }

        try
        {
            Directory.Move(source, destination);
        }
        catch (IOException)
        {
            CopyDirectory(source, destination);
            Directory.Delete(source, recursive: true);
        }
    }

    /// <summary>
    /// Copies a tree over <paramref name="destination"/>, overwriting files; links stay links. Unix modes and last-write
    /// times of files, links and directories are kept (a directory's time is set after its entries are in place).
    /// </summary>
    public static void CopyDirectory(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var entry in new DirectoryInfo(source).EnumerateFileSystemInfos())
        {
            var target = Path.Combine(destination, entry.Name);
            if (entry.LinkTarget is { } linkTarget)
            {
                if (NoFollow.Exists(target))
                {
                    File.Delete(target);
                }

                File.CreateSymbolicLink(target, linkTarget);
                KeepTime(entry.FullName, target);
            }
            else if (entry is DirectoryInfo directory)
            {
                CopyDirectory(directory.FullName, target);
            }
            else
            {
                File.Copy(entry.FullName, target, overwrite: true);
                KeepModeAndTime(entry.FullName, target);
            }
        }

        KeepModeAndTime(source, destination);
    }

    private static void KeepModeAndTime(string source, string destination)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(destination, File.GetUnixFileMode(source));
        }

        KeepTime(source, destination);
    }

    /// <summary>Gives <paramref name="destination"/> (itself, also when a link) the last-write time of <paramref name="source"/> (itself).</summary>
    private static void KeepTime(string source, string destination)
    {
        if (OperatingSystem.IsLinux() && UnixFiles.Status(source) is { } status)
        {
            UnixFiles.SetModifiedTime(destination, new DateTime(status.ModifiedTicks, DateTimeKind.Utc));
        }
    }

    /// <summary>Deletes a file or a link (the link itself, never its target).</summary>
    public static void DeleteFileIfExists(string path)
    {
        if (NoFollow.IsLink(path) || File.Exists(path))
        {
            File.Delete(path);
        }
    }

    /// <summary>Copies a kept backup to <paramref name="path"/>: a link is recreated as the same link, a file is copied.</summary>
    public static void CopyBack(string backup, string path)
    {
        if (new FileInfo(backup).LinkTarget is { } linkTarget)
        {
            File.CreateSymbolicLink(path, linkTarget);
            KeepTime(backup, path);
        }
        else
        {
            File.Copy(backup, path);
            KeepModeAndTime(backup, path);
        }
    }

    public static void DeleteDirectoryIfExists(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    /// <summary>Whether anything is at <paramref name="path"/>, a dangling link included.</summary>
    public static bool Exists(string path) => NoFollow.Exists(path);
}
