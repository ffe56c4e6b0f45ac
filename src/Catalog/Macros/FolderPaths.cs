namespace Catalog.Macros;

/// <summary>
/// Lexical path rules for folder prompts, independent of the machine the code runs on: what is absolute, how a path
/// splits into segments, and whether a folder lies strictly inside a parent (segment by segment, so
/// <c>/opt/programs-other</c> is not inside <c>/opt/programs</c>). Windows paths compare ignoring case and treat
/// <c>\</c> as <c>/</c>.
/// </summary>
public static class FolderPaths
{
    /// <summary><c>/x</c>, <c>\x</c> or <c>C:\x</c>.</summary>
    public static bool IsAbsolute(string path) =>
        path.StartsWith('/') || path.StartsWith('\\')
        || (path.Length >= 3 && char.IsAsciiLetter(path[0]) && path[1] == ':' && path[2] is '/' or '\\');

    /// <summary><paramref name="relative"/> under <paramref name="parent"/> with one separator between them.</summary>
    public static string Join(string parent, string relative)
    {
        var separator = parent.Contains('\\') && !parent.Contains('/') ? '\\' : '/';
        return parent.TrimEnd('/', '\\') + separator + relative.TrimStart('/', '\\');
    }

    /// <summary>
    /// An administrator's parent with runs of separators collapsed (<c>%VOL%/apps</c> on volume <c>/</c> is <c>//apps</c>,
    /// which means <c>/apps</c>). A leading <c>\\</c> (a Windows share) is kept.
    /// </summary>
    public static string Tidy(string parent)
    {
        var builder = new System.Text.StringBuilder(parent.Length);
        for (var i = 0; i < parent.Length; i++)
        {
            var separator = parent[i] is '/' or '\\';
            if (separator && builder.Length > 0 && builder[^1] is '/' or '\\' && !(i == 1 && parent[0] == '\\'))
            {
                continue;
            }

            builder.Append(parent[i]);
        }

        return builder.ToString();
    }

    /// <summary>The segments of a path; <c>/</c> and <c>\</c> both separate. The root gives no segment.</summary>
    public static IReadOnlyList<string> Segments(string path) => path.Split('/', '\\');

    /// <summary>
    /// Whether <paramref name="path"/> is strictly inside <paramref name="parent"/>. Both must be absolute and free of
    /// <c>.</c>, <c>..</c> and empty segments (one trailing separator is allowed).
    /// </summary>
    public static bool IsStrictlyInside(string path, string parent, bool windows)
    {
        var inner = Canonical(path);
        var outer = Canonical(parent);
        if (inner is null || outer is null || inner.Count <= outer.Count)
        {
            return false;
        }

        var comparison = windows ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return outer.Select((segment, i) => string.Equals(segment, inner[i], comparison)).All(same => same);
    }

    /// <summary>
    /// The segments of an absolute path without empty, <c>.</c> or <c>..</c> segments (the root is an empty first
    /// segment on Unix, a drive letter on Windows); null when the path is relative or has such a segment.
    /// </summary>
    public static IReadOnlyList<string>? Canonical(string path)
    {
        if (!IsAbsolute(path))
        {
            return null;
        }

        var trimmed = path.Length > 1 && path[^1] is '/' or '\\' ? path[..^1] : path;
        var segments = trimmed.Split('/', '\\');
        for (var i = 1; i < segments.Length; i++)
        {
            if (segments[i] is "" or "." or ".." && !(segments.Length == 2 && segments[1] == ""))
            {
                return null;
            }
        }

        return segments.Length == 2 && segments[1] == "" ? [segments[0]] : segments;
    }
}
