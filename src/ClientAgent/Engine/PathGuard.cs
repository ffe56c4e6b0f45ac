using ClientAgent.Platform;

namespace ClientAgent.Engine;

/// <summary>
/// Refuses to act through a symbolic link the engine did not create. A path is judged against its install root: the
/// longest of <see cref="Roots"/> (the special macros' folders and the folder prompts' allowed parents, as the job
/// expanded them) that contains it, else its first segment (<c>/etc</c> for <c>/etc/x.conf</c>), so the system's own
/// top-level links such as <c>/lib</c> keep working. Every component below the root is checked with lstat; packages
/// carry no links, so any link there was planted by someone else. The root itself is the administrator's (or the
/// operating system's) and may be a link.
/// </summary>
public sealed class PathGuard
{
    private readonly List<string> _roots;

    public PathGuard(IEnumerable<string> roots)
    {
        _roots = [.. roots
            .Where(r => !string.IsNullOrWhiteSpace(r) && Path.IsPathFullyQualified(r))
            .Select(r => Path.TrimEndingDirectorySeparator(Path.GetFullPath(r)))
            .Where(r => Path.GetPathRoot(r) != r && r.Length > 0)
            .Distinct(StringComparer.Ordinal)];
    }

    public IReadOnlyList<string> Roots => _roots;

    /// <summary>The root <paramref name="path"/> is judged against.</summary>
    public string RootOf(string path)
    {
        var best = _roots.Where(r => IsSameOrInside(path, r)).MaxBy(r => r.Length);
        if (best is not null)
        {
            return best;
        }

        var systemRoot = Path.GetPathRoot(path) ?? "/";
        var rest = path[systemRoot.Length..];
        var first = rest.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)[0];
        return first.Length == 0 ? systemRoot : Path.Combine(systemRoot, first);
    }

    /// <summary>
    /// The first component strictly below the root of <paramref name="path"/> that is a symbolic link, checking the
    /// path itself only when <paramref name="includeLast"/>; null when there is none.
    /// </summary>
    public string? FindLink(string path, bool includeLast)
    {
        var root = RootOf(path);
        var components = new List<string>();
        for (var current = includeLast ? path : Path.GetDirectoryName(path);
             current is not null && current.Length > root.Length && IsSameOrInside(current, root);
             current = Path.GetDirectoryName(current))
        {
            components.Add(current);
        }

        components.Reverse();
        return components.FirstOrDefault(NoFollow.IsLink);
    }

    /// <summary>Throws <see cref="EngineFailureException"/> when <see cref="FindLink"/> finds a link.</summary>
    public void Check(string path, bool includeLast)
    {
        if (FindLink(path, includeLast) is { } link)
        {
            throw new EngineFailureException(
                $"Refused to write {path}: {link} is a symbolic link that this install did not create (links are never followed below {RootOf(path)}).");
        }
    }

    private static bool IsSameOrInside(string path, string root) =>
        string.Equals(path, root, StringComparison.Ordinal)
        || path.StartsWith(root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
