namespace ClientAgent.Capture;

/// <summary>
/// Turns captured absolute paths into macro paths: the longest macro value that is the path or one of its parent
/// directories is replaced by <c>%NAME%</c> (e.g. <c>/opt/editor/bin</c> with <c>*PROGRAMS=/opt</c> becomes
/// <c>%*PROGRAMS%/editor/bin</c>). Paths under no macro stay absolute.
/// </summary>
public sealed class CaptureMacros
{
    private readonly List<(string Name, string Value)> _macros;

    public CaptureMacros(IReadOnlyDictionary<string, string> macros)
    {
        _macros = [.. macros
            .Where(m => !string.IsNullOrWhiteSpace(m.Value))
            .Select(m => (m.Key, Value: SnapshotScanner.NormalizeRoot(m.Value)))
            .Where(m => m.Value != "/")
            .OrderByDescending(m => m.Value.Length)
            .ThenBy(m => m.Key, StringComparer.Ordinal)];
    }

    /// <summary>The special macros of a Linux machine: *PROGRAMS=/opt, *HOME, *TEMP and *APPLICATIONS (the user's or, as root, the system's .desktop directory).</summary>
    public static IReadOnlyDictionary<string, string> PlatformDefaults()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var isRoot = OperatingSystem.IsLinux() && Environment.UserName == "root";
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["*PROGRAMS"] = "/opt",
            ["*HOME"] = home,
            ["*TEMP"] = Path.GetTempPath(),
            ["*APPLICATIONS"] = isRoot ? "/usr/share/applications" : Path.Combine(home, ".local/share/applications"),
        };
    }

    /// <summary>The platform defaults overridden by <c>NAME=VALUE</c> pairs (e.g. from <c>--macro</c>).</summary>
    public static CaptureMacros Create(IEnumerable<string> overrides)
    {
        var macros = new Dictionary<string, string>(PlatformDefaults(), StringComparer.Ordinal);
        foreach (var pair in overrides)
        {
            var equals = pair.IndexOf('=');
            if (equals <= 0)
            {
                throw new CaptureException($"Macro '{pair}' is not NAME=VALUE");
            }

            macros[pair[..equals].Trim('%')] = pair[(equals + 1)..];
        }

        return new CaptureMacros(macros);
    }

    public string ToTarget(string path)
    {
        foreach (var (name, value) in _macros)
        {
            if (path == value)
            {
                return $"%{name}%";
            }

            if (path.Length > value.Length && path.StartsWith(value, StringComparison.Ordinal) && path[value.Length] == '/')
            {
                return $"%{name}%{path[value.Length..]}";
            }
        }

        return path;
    }
}
