using Catalog.Machines;

namespace Catalog.Requirements;

/// <summary>
/// Finds the volume a path lives on: the volume whose name is the longest mount-point prefix of the path.
/// On Windows drive letters and paths compare case-insensitively and <c>\</c> equals <c>/</c>.
/// </summary>
public static class VolumeLocator
{
    /// <summary>The volume containing <paramref name="path"/>, or null when no volume's mount point is a prefix of it.</summary>
    public static Volume? FindContaining(IEnumerable<Volume> volumes, string path, OsFamily os)
    {
        ArgumentNullException.ThrowIfNull(volumes);
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        var windows = os == OsFamily.Windows;
        var target = Normalize(path, windows);
        Volume? best = null;
        var bestLength = -1;
        foreach (var volume in volumes)
        {
            var mount = Normalize(volume.Name, windows);
            if (mount.Length > bestLength && Contains(mount, target, windows))
            {
                best = volume;
                bestLength = mount.Length;
            }
        }

        return best;
    }

    /// <summary>The volume named <paramref name="name"/> (<c>C:</c> matches <c>c:\</c> on Windows), or null.</summary>
    public static Volume? FindByName(IEnumerable<Volume> volumes, string name, OsFamily os)
    {
        ArgumentNullException.ThrowIfNull(volumes);
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var windows = os == OsFamily.Windows;
        var wanted = Normalize(name, windows);
        var comparison = windows ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return volumes.FirstOrDefault(v => string.Equals(Normalize(v.Name, windows), wanted, comparison));
    }

    /// <summary>
    /// The volume whose reported name is exactly <paramref name="answer"/>: no trimming, so <c>"/\n"</c> is not
    /// <c>"/"</c>. On Windows the drive letter ignores case and <c>C:</c>, <c>C:\</c> and <c>C:/</c> are the same volume.
    /// </summary>
    public static Volume? FindExact(IEnumerable<Volume> volumes, string answer, OsFamily os)
    {
        ArgumentNullException.ThrowIfNull(volumes);
        if (string.IsNullOrEmpty(answer))
        {
            return null;
        }

        if (os != OsFamily.Windows)
        {
            return volumes.FirstOrDefault(v => string.Equals(v.Name, answer, StringComparison.Ordinal));
        }

        static string Drive(string name) => name.Length == 3 && name[1] == ':' && name[2] is '\\' or '/' ? name[..2] : name;
        return volumes.FirstOrDefault(v => string.Equals(Drive(v.Name), Drive(answer), StringComparison.OrdinalIgnoreCase));
    }

    private static bool Contains(string mount, string path, bool windows)
    {
        var comparison = windows ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        if (mount.Length == 0)
        {
            return false;
        }

        if (string.Equals(mount, path, comparison))
        {
            return true;
        }

        var prefix = mount.EndsWith('/') ? mount : mount + "/";
        return path.StartsWith(prefix, comparison);
    }

    private static string Normalize(string path, bool windows)
    {
        var text = path.Trim();
        if (windows)
        {
            text = text.Replace('\\', '/');
        }

        var trimmed = text.TrimEnd('/');
        return trimmed.Length == 0 && text.Length > 0 ? "/" : trimmed;
    }
}
