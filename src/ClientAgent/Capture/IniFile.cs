namespace ClientAgent.Capture;

/// <summary>
/// Reads INI-style files (<c>*.ini, *.conf, *.cfg, *.desktop</c>) into settings. Files that are not plainly INI
/// (other syntax, or a key twice in a section) give null, and the capture then treats them as whole files.
/// </summary>
public static class IniFile
{
    public const long MaxBytes = 1024 * 1024;

    private static readonly string[] Extensions = [".ini", ".conf", ".cfg", ".desktop"];

    public static bool IsCandidate(string path) => Extensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    public static IReadOnlyList<ConfigValue>? Parse(string text)
    {
        var values = new List<ConfigValue>();
        var seen = new HashSet<(string, string)>();
        var section = "";
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] == '[')
            {
                if (!line.EndsWith(']') || line.Length < 3)
                {
                    return null;
                }

                section = line[1..^1].Trim();
                continue;
            }

            var equals = line.IndexOf('=');
            if (equals <= 0)
            {
                return null;
            }

            var key = line[..equals].Trim();
            if (key.Length == 0 || key.Any(char.IsWhiteSpace))
            {
                return null;
            }

            if (!seen.Add((section, key)))
            {
                return null;
            }

            values.Add(new ConfigValue(section, key, line[(equals + 1)..].Trim()));
        }

        return values;
    }

    public static IReadOnlyList<ConfigValue>? Read(string path)
    {
        try
        {
            var info = new FileInfo(path);
            return info.Length > MaxBytes ? null : Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
