using System.Security.Cryptography;
using ClientAgent.Platform;

namespace ClientAgent.Tests.Capture;

/// <summary>
/// A tree as exactly as a test can compare it: every entry (the root included) with its type, permission bits,
/// last-write time (lstat, 100 ns), link text for links and SHA-256 for files. Special files are listed by type only.
/// </summary>
internal static class ExactTree
{
    public static IReadOnlyList<string> Take(string root, bool withTimes = true)
    {
        var lines = new List<string> { Describe(root, ".", withTimes) };
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false };
        var entries = new System.IO.Enumeration.FileSystemEnumerable<string>(root, (ref System.IO.Enumeration.FileSystemEntry e) => e.ToFullPath(), options)
        {
            ShouldRecursePredicate = (ref System.IO.Enumeration.FileSystemEntry e) => (e.Attributes & FileAttributes.ReparsePoint) == 0,
        };
        lines.AddRange(entries.Select(path => Describe(path, Path.GetRelativePath(root, path), withTimes)));
        return [.. lines.Order(StringComparer.Ordinal)];
    }

    private static string Describe(string path, string relative, bool withTimes)
    {
        var status = UnixFiles.Status(path) ?? throw new InvalidOperationException($"{path} vanished");
        var time = withTimes ? $" t={status.ModifiedTicks}" : "";
        var head = $"{relative} {status.Type} {Convert.ToString(status.Mode, 8)}{time}";
        return status.Type switch
        {
            UnixFileType.SymbolicLink => $"{head} -> {new FileInfo(path).LinkTarget}",
            UnixFileType.Regular => $"{head} sha={Sha(path)}",
            _ => head,
        };
    }

    private static string Sha(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
