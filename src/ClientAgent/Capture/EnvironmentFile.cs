namespace ClientAgent.Capture;

/// <summary>
/// Environment files: <c>/etc/environment</c>-style files (named <c>environment</c> or <c>*.env</c>),
/// <c>profile.d/*.sh</c> and <c>environment.d/*.conf</c>, read as <c>[export ]NAME=VALUE</c> lines. A file with any
/// other kind of line gives null (it is then captured as a whole file).
/// </summary>
public static class EnvironmentFile
{
    public static bool IsCandidate(string path)
    {
        var name = Path.GetFileName(path);
        var parent = Path.GetFileName(Path.GetDirectoryName(path) ?? "");
        return name == "environment"
            || name.EndsWith(".env", StringComparison.Ordinal)
            || (parent == "profile.d" && name.EndsWith(".sh", StringComparison.Ordinal))
            || (parent == "environment.d" && name.EndsWith(".conf", StringComparison.Ordinal));
    }

    public static IReadOnlyDictionary<string, string>? Parse(string text)
    {
        var variables = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (line.StartsWith("export ", StringComparison.Ordinal))
            {
                line = line[7..].TrimStart();
            }

            var equals = line.IndexOf('=');
            if (equals <= 0 || !IsName(line[..equals]))
            {
                return null;
            }

            variables[line[..equals]] = Unquote(line[(equals + 1)..]);
        }

        return variables;
    }

    public static IReadOnlyDictionary<string, string>? Read(string path)
    {
        try
        {
            var info = new FileInfo(path);
            return info.Length > IniFile.MaxBytes ? null : Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool IsName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] == '"' && value[^1] == '"' || value[0] == '\'' && value[^1] == '\'') ? value[1..^1] : value;
}
