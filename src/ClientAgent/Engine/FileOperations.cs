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

    /// <summary>Copies a tree over <paramref name="destination"/>, overwriting files, keeping Unix modes; links stay links.</summary>
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
            }
            else if (entry is DirectoryInfo directory)
            {
                CopyDirectory(directory.FullName, target);
            }
            else
            {
                File.Copy(entry.FullName, target, overwrite: true);
            }
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
        }
        else
        {
            File.Copy(backup, path);
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
