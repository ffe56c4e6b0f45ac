using ClientAgent.Engine;

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

    /// <summary>
    /// The engine's special macros for this machine and state directory (so captured targets expand back to the
    /// same places on install), without <c>*STATEDIR</c>, overridden by <c>NAME=VALUE</c> pairs (e.g. from
    /// <c>--macro</c>; an empty value switches a macro off).
    /// </summary>
    public static CaptureMacros Create(IEnumerable<string> overrides, string? stateDirectory = null)
    {
        var macros = new Dictionary<string, string>(
            EngineMacros.Special(new AgentStateDirectory(stateDirectory ?? AgentStateDirectory.DefaultRoot)), StringComparer.OrdinalIgnoreCase);
        macros.Remove(EngineMacros.StateDirectory);
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

    /// <summary>
    /// The one escaping rule of captured text: every literal <c>%</c> is written <c>%%</c>, which the engine's macro
    /// expansion turns back into one <c>%</c> (so <c>%HOME%.txt</c> installs as <c>%HOME%.txt</c>, and
    /// <c>Exec=app %F</c> stays <c>%F</c>). Applied to paths, setting sections, keys and values, and environment values.
    /// </summary>
    public static string Escape(string text) => text.Replace("%", "%%", StringComparison.Ordinal);

    /// <summary>The target for a captured absolute path: a macro for the longest matching macro folder, the rest escaped.</summary>
    public string ToTarget(string path)
    {
        foreach (var (name, value) in _macros)
        {
            if (path == value)
            {
                return $"%{name}%";
            }

            if (path.Length > value.Length && path.StartsWith(value, StringComparison.Ordinal) && (value == "/" || path[value.Length] == '/'))
            {
                return $"%{name}%{Escape(path[value.Length..])}";
            }
        }

        return Escape(path);
    }
}
