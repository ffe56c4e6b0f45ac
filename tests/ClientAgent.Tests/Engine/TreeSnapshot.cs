using System.Security.Cryptography;

namespace ClientAgent.Tests.Engine;

/// <summary>A recursive listing of a tree: every directory, every file with its SHA-256 and Unix mode.</summary>
internal static class TreeSnapshot
{
    public static IReadOnlyList<string> Take(string root)
    {
        if (!Directory.Exists(root))
        {
            return [];
        }

        return Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .Select(path =>
            {
                var relative = Path.GetRelativePath(root, path);
                if (Directory.Exists(path))
                {
                    return $"d {relative}";
                }

                var mode = OperatingSystem.IsWindows() ? "" : Convert.ToString((int)File.GetUnixFileMode(path), 8);
                using var stream = File.OpenRead(path);
                return $"f {relative} {Convert.ToHexStringLower(SHA256.HashData(stream))} {mode}";
            })
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
