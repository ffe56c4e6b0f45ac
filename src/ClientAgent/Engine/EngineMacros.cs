using System.Collections;
using Catalog.Machines;
using Catalog.Macros;
using ClientAgent.Platform;

namespace ClientAgent.Engine;

/// <summary>
/// The macro view of this machine for one job, expanded by the catalog's <see cref="MacroExpander"/>: special macros
/// (the OS defaults of <see cref="SpecialMacros"/>, plus <c>*ENVIRONMENT</c> and <c>*STATEDIR</c>; when not root,
/// <c>*PROGRAMS</c> is <c>~/.local/opt</c> and <c>*ENVIRONMENT</c> is the state directory's <c>environment.d</c>),
/// the application's macros with the prompted answers, then environment variables. Overrides replace special macros
/// (<c>*NAME</c>) or define plain string macros; an answer naming no macro acts as a prompted string macro.
/// </summary>
public static class EngineMacros
{
    public const string Environment = "*ENVIRONMENT";
    public const string StateDirectory = "*STATEDIR";

    public static Dictionary<string, string> Special(AgentStateDirectory state, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var home = System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);
        var values = new Dictionary<string, string>(SpecialMacros.DefaultsFor(HostPlatform.CurrentOsFamily, home), StringComparer.OrdinalIgnoreCase);
        var root = AgentStateDirectory.IsRoot;
        if (!root && !OperatingSystem.IsWindows())
        {
            values[SpecialMacros.Programs] = Path.Combine(home, ".local", "opt");
        }

        values[SpecialMacros.Temp] = Path.TrimEndingDirectorySeparator(Path.GetTempPath());
        values[Environment] = root ? "/etc/environment.d" : state.Environment;
        values[StateDirectory] = state.Root;
        foreach (var (name, value) in overrides ?? new Dictionary<string, string>())
        {
            if (name.StartsWith('*'))
            {
                values[name] = value;
            }
        }

        return values;
    }

    /// <summary>The application's definitions with plain (non-special) overrides and orphan answers folded in.</summary>
    public static IReadOnlyList<MacroDefinition> Definitions(
        IReadOnlyList<MacroDefinition> definitions,
        IReadOnlyDictionary<string, string> answers,
        IReadOnlyDictionary<string, string> overrides)
    {
        var byName = new Dictionary<string, MacroDefinition>(StringComparer.OrdinalIgnoreCase);
        foreach (var definition in definitions)
        {
            byName.TryAdd(definition.Name, definition);
        }

        foreach (var name in answers.Keys.Where(n => !byName.ContainsKey(n)))
        {
            byName[name] = new PromptedStringMacro { Name = name, Prompt = name };
        }

        foreach (var (name, value) in overrides.Where(o => !o.Key.StartsWith('*')))
        {
            byName[name] = new StringMacro { Name = name, Value = value };
        }

        return [.. byName.Values];
    }

    public static IReadOnlyDictionary<string, string> ProcessEnvironment()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            values[(string)entry.Key] = entry.Value as string ?? "";
        }

        return values;
    }

    /// <summary>This machine as the prompt validator needs it: OS, mounted volumes with free space, macros, environment.</summary>
    public static Inventory Machine(IReadOnlyDictionary<string, string> specialMacros) => new()
    {
        OsFamily = HostPlatform.CurrentOsFamily,
        Volumes = VolumeSpace.Volumes(),
        SpecialMacros = specialMacros,
        Environment = ProcessEnvironment(),
    };

    public static IMacroResolver Build(
        AgentStateDirectory state,
        IReadOnlyList<MacroDefinition> definitions,
        IReadOnlyDictionary<string, string> answers,
        IReadOnlyDictionary<string, string> overrides) =>
        new ExpanderResolver(new MacroExpander(
            Definitions(definitions, answers, overrides), answers, Special(state, overrides), ProcessEnvironment()));

    private sealed class ExpanderResolver(MacroExpander expander) : IMacroResolver
    {
        public string Expand(string text)
        {
            try
            {
                return expander.Expand(text);
            }
            catch (MacroException exception)
            {
                throw new EngineFailureException(exception.Message, exception);
            }
        }
    }
}
