namespace ClientAgent.Capture;

/// <summary>Recognises changes that are usually noise (caches, logs, temporary files, pid and lock files) and suggests an exclude for them.</summary>
public static class NoiseDetector
{
    private static readonly string[] Directories = ["cache", ".cache", "logs", "tmp", "temp"];
    private static readonly string[] Extensions = [".log", ".pid", ".lock"];

    /// <summary>
    /// The <c>--exclude</c> glob that would drop <paramref name="path"/>, judged only by its part below
    /// <paramref name="root"/> and anchored at the root (<c>/srv/app/cache</c>, <c>/srv/app/**/*.log</c>), so a
    /// suggestion never reaches above the root: with the root under <c>/tmp</c>, a <c>tmp</c> folder inside it
    /// yields <c>/tmp/root/tmp</c>, never <c>**/tmp/**</c>, which would exclude the whole capture. Null when the
    /// path does not look like noise or no such glob exists.
    /// </summary>
    public static string? SuggestExclude(string root, string path)
    {
        if (!SnapshotScanner.IsInside(path, root))
        {
            return null;
        }

        var prefix = root == "/" ? "" : root;
        var segments = path[prefix.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries);
        string? glob = null;
        for (var i = 0; i < segments.Length && glob is null; i++)
        {
            if (Directories.Any(d => string.Equals(d, segments[i], StringComparison.OrdinalIgnoreCase)))
            {
                glob = prefix + "/" + string.Join('/', segments[..(i + 1)]);
            }
        }

        var name = segments.Length > 0 ? segments[^1] : "";
        if (glob is null && Extensions.FirstOrDefault(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase)) is { } extension)
        {
            glob = prefix + "/**/*" + extension;
        }

        // A root whose own name holds glob characters could make the anchor match more than intended: never offer a
        // glob that would exclude the root itself.
        return glob is not null && !new GlobPattern(glob).Matches(root) ? glob : null;
    }
}
