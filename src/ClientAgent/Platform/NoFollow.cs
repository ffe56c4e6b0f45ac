namespace ClientAgent.Platform;

/// <summary>
/// File-system questions asked without following symbolic links (lstat semantics): whether a path is a link, exists
/// at all (a dangling link exists), is a real directory or a real file.
/// </summary>
public static class NoFollow
{
    public static bool IsLink(string path) => new FileInfo(path).LinkTarget is not null;

    /// <summary>True for a file, a directory or a link (even a dangling one).</summary>
    public static bool Exists(string path) => IsLink(path) || File.Exists(path) || Directory.Exists(path);

    /// <summary>A directory that is not reached through a link at <paramref name="path"/> itself.</summary>
    public static bool IsRealDirectory(string path) => !IsLink(path) && Directory.Exists(path);

    /// <summary>A regular file that is not a link.</summary>
    public static bool IsRealFile(string path) => !IsLink(path) && File.Exists(path);
}
