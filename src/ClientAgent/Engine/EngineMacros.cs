using Catalog.Macros;

namespace ClientAgent.Engine;

/// <summary>
/// Builds the macro table for a job: special macros (<c>*PROGRAMS</c>, <c>*HOME</c>, <c>*TEMP</c>, <c>*ENVIRONMENT</c>,
/// <c>*APPLICATIONS</c>, <c>*DESKTOP</c>, <c>*STATEDIR</c>), then the application's string macros, then prompted answers
/// (or their defaults; answers naming no defined macro are plain values), then overrides — later ones win.
/// </summary>
public static class EngineMacros
{
    public static Dictionary<string, string> SpecialMacros(AgentStateDirectory state)
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var root = AgentStateDirectory.IsRoot;
        return new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["*PROGRAMS"] = root ? "/opt" : Path.Combine(home, ".local", "opt"),
            ["*HOME"] = home,
            ["*TEMP"] = Path.TrimEndingDirectorySeparator(Path.GetTempPath()),
            ["*ENVIRONMENT"] = root ? "/etc/environment.d" : state.Environment,
            ["*APPLICATIONS"] = root ? "/usr/share/applications" : Path.Combine(home, ".local", "share", "applications"),
            ["*DESKTOP"] = Path.Combine(home, "Desktop"),
            ["*STATEDIR"] = state.Root,
        };
    }

    public static MacroResolver Build(
        AgentStateDirectory state,
        IReadOnlyList<MacroDefinition> definitions,
        IReadOnlyDictionary<string, string> answers,
        IReadOnlyDictionary<string, string> overrides)
    {
        var values = SpecialMacros(state);
        foreach (var definition in definitions)
        {
            switch (definition)
            {
                case StringMacro text:
                    values[text.Name] = text.Value;
                    break;
                case PromptedVolumeMacro volume:
                    values[volume.Name] = Answer(answers, volume.Name) ?? volume.DefaultVolume;
                    break;
                case PromptedStringMacro prompted:
                    values[prompted.Name] = Answer(answers, prompted.Name) ?? prompted.Default;
                    break;
            }
        }

        foreach (var (name, value) in answers.Where(a => !definitions.Any(d => string.Equals(d.Name, a.Key, StringComparison.OrdinalIgnoreCase))))
        {
            values[name] = value;
        }

        foreach (var (name, value) in overrides)
        {
            values[name] = value;
        }

        return new MacroResolver(values);
    }

    internal static string? Answer(IReadOnlyDictionary<string, string> answers, string name) =>
        answers.FirstOrDefault(a => string.Equals(a.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
