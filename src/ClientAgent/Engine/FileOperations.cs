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

    /// <summary>Moves a file or directory; across file systems falls back to copy then delete.</summary>
    public static void Move(string source, string destination, bool isDirectory)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
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

    /// <summary>Copies a tree over <paramref name="destination"/>, overwriting files, keeping Unix modes.</summary>
    public static void CopyDirectory(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var entry in new DirectoryInfo(source).EnumerateFileSystemInfos())
        {
            var target = Path.Combine(destination, entry.Name);
            if (entry is DirectoryInfo directory)
            {
                CopyDirectory(directory.FullName, target);
            }
            else
            {
                File.Copy(entry.FullName, target, overwrite: true);
            }
        }
    }

    public static void DeleteFileIfExists(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    public static void DeleteDirectoryIfExists(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    public static bool Exists(string path) => File.Exists(path) || Directory.Exists(path);
}
