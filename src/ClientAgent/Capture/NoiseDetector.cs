namespace ClientAgent.Capture;

/// <summary>Recognises changes that are usually noise (caches, logs, temporary files, pid and lock files) and suggests an exclude for them.</summary>
public static class NoiseDetector
{
    private static readonly string[] Directories = ["cache", ".cache", "logs", "tmp", "temp"];
    private static readonly string[] Extensions = [".log", ".pid", ".lock"];

    /// <summary>The <c>--exclude</c> glob that would drop <paramref name="path"/>, or null when it does not look like noise.</summary>
    public static string? SuggestExclude(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        foreach (var segment in segments)
        {
            var match = Directories.FirstOrDefault(d => string.Equals(d, segment, StringComparison.OrdinalIgnoreCase));
            if (match is not null)
            {
                return $"**/{segment}/**";
            }
        }

        var name = segments.Length > 0 ? segments[^1] : "";
        var extension = Extensions.FirstOrDefault(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase));
        return extension is not null ? "*" + extension : null;
    }
}
