using Catalog.Machines;
using Catalog.Requirements;

namespace Catalog.Macros;

/// <summary>
/// Checks the answers to an application's prompted macros against a machine. The portal calls it when the user
/// answers; the agent calls it again before installing, against its fresh view of the machine.
/// </summary>
public static class PromptAnswerValidator
{
    /// <summary>Any answer longer than this is refused, whatever the macro allows.</summary>
    public const int MaximumAnswerLength = 4096;

    /// <summary>
    /// One error per unacceptable answer (or default, when the user gave no answer), plus one per answer that
    /// names no prompted macro. Empty when everything is acceptable.
    /// </summary>
    public static IReadOnlyList<PromptError> Validate(
        IReadOnlyList<MacroDefinition> macros,
        IReadOnlyDictionary<string, string> answers,
        Inventory machine) =>
        Validate(macros, answers, machine, null);

    /// <summary>
    /// As above; <paramref name="macrosUsedInPaths"/> (from <see cref="PathMacroAnalysis"/>) names the string prompts
    /// a package uses in its targets: those answers must be single names whatever their
    /// <see cref="PromptedStringMacro.UsedInPath"/> says.
    /// </summary>
    public static IReadOnlyList<PromptError> Validate(
        IReadOnlyList<MacroDefinition> macros,
        IReadOnlyDictionary<string, string> answers,
        Inventory machine,
        IReadOnlySet<string>? macrosUsedInPaths)
    {
        ArgumentNullException.ThrowIfNull(macros);
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(machine);
        var errors = new List<PromptError>();
        var given = IgnoringCase(answers);
        var byName = new Dictionary<string, MacroDefinition>(StringComparer.OrdinalIgnoreCase);
        foreach (var macro in macros)
        {
            byName.TryAdd(macro.Name, macro);
        }

        foreach (var name in given.Keys)
        {
            if (!byName.TryGetValue(name, out var macro))
            {
                errors.Add(new PromptError(name, $"There is no prompt named {name}"));
            }
            else if (macro is not PromptedMacro)
            {
                errors.Add(new PromptError(name, $"Macro {macro.Name} is not prompted, so it cannot be answered"));
            }
        }

        var expander = new MacroExpander(macros, AnswersForPrompts(macros, given), machine.SpecialMacros, machine.Environment);
        foreach (var prompted in macros.OfType<PromptedMacro>())
        {
            string value;
            if (given.TryGetValue(prompted.Name, out var answer))
            {
                if (answer.Length > MaximumAnswerLength)
                {
                    errors.Add(new PromptError(prompted.Name,
                        $"The answer to {prompted.Name} is {answer.Length} characters; answers are limited to {MaximumAnswerLength}"));
                    continue;
                }

                if (AnswerCharacters.FindInvisible(answer) is { } invisible)
                {
                    errors.Add(new PromptError(prompted.Name, $"The answer to \"{prompted.Prompt}\" contains {invisible}, which is not allowed"));
                    continue;
                }

                value = answer;
            }
            else
            {
                try
                {
                    value = expander.Expand(DefaultOf(prompted));
                }
                catch (MacroException exception)
                {
                    errors.Add(new PromptError(prompted.Name,
                        $"The default of {prompted.Name} cannot be used: {exception.Message}"));
                    continue;
                }
            }

            var answered = given.ContainsKey(prompted.Name);
            var error = prompted switch
            {
                PromptedVolumeMacro volume => CheckVolume(volume, value, machine),
                PromptedStringMacro text => CheckString(text, value, answered, machine,
                    text.UsedInPath || (macrosUsedInPaths?.Contains(text.Name) ?? false)),
                PromptedFolderMacro folder => CheckFolder(folder, value, answered, expander, machine),
                _ => null,
            };
            if (error is not null)
            {
                errors.Add(new PromptError(prompted.Name, error));
            }
        }

        return errors;
    }

    /// <summary>
    /// The value of every prompted macro: the answer when given, else its default with macros expanded against
    /// the machine. Keys are the macro names (case-insensitive); answers to unknown names are dropped.
    /// Throws <see cref="MacroException"/> when a needed default cannot be expanded.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ResolveAnswers(
        IReadOnlyList<MacroDefinition> macros,
        IReadOnlyDictionary<string, string> answers,
        Inventory machine)
    {
        ArgumentNullException.ThrowIfNull(macros);
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(machine);
        var given = AnswersForPrompts(macros, IgnoringCase(answers));
        var expander = new MacroExpander(macros, given, machine.SpecialMacros, machine.Environment);
        var resolved = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var prompted in macros.OfType<PromptedMacro>())
        {
            if (!resolved.ContainsKey(prompted.Name))
            {
                resolved[prompted.Name] = prompted is PromptedFolderMacro
                    ? expander.Expand($"%{prompted.Name}%")
                    : given.TryGetValue(prompted.Name, out var answer) ? answer : expander.Expand(DefaultOf(prompted));
            }
        }

        return resolved;
    }

    private static string? CheckVolume(PromptedVolumeMacro macro, string value, Inventory machine)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return $"{macro.Name} needs a volume; none was chosen";
        }

        var volume = VolumeLocator.FindExact(machine.Volumes, value, machine.OsFamily);
        if (volume is null)
        {
            return $"Volume '{Printable(value)}' is not on this machine";
        }

        return FreeSpaceError(macro.MinimumFreeMb, volume);
    }

    private static string? CheckString(PromptedStringMacro macro, string value, bool answered, Inventory machine, bool usedInPath)
    {
        if (value.Length > macro.MaximumLength)
        {
            return $"The answer to {macro.Name} is {value.Length} characters; the maximum is {macro.MaximumLength}";
        }

        if (value.Contains('\0'))
        {
            return $"The answer to {macro.Name} contains a NUL character, which is not allowed";
        }

        if (usedInPath)
        {
            if (value.Any(char.IsControl))
            {
                return $"The answer to {macro.Name} contains a control character, which is not allowed in a path (path traversal)";
            }

            if (value.Split('/', '\\').Any(segment => segment.Trim() == ".."))
            {
                return $"The answer to {macro.Name} contains a '..' segment, which is not allowed in a path (path traversal)";
            }

            // Defaults are the administrator's and may be whole paths; what a user types is one name inside them.
            if (answered && (value.Contains('/') || value.Contains('\\') || value.Trim() is "." or ""))
            {
                return $"The answer to \"{macro.Prompt}\" must be a single name without / or \\";
            }

            if (answered && AnswerCharacters.FindUnsafeInPath(value) is { } unsafeCharacter)
            {
                return $"The answer to \"{macro.Prompt}\" contains {unsafeCharacter}, which is not allowed in a path";
            }
        }

        if (macro.MinimumFreeMb > 0)
        {
            var volume = VolumeLocator.FindContaining(machine.Volumes, value, machine.OsFamily);
            if (volume is null)
            {
                return $"No volume on this machine contains '{value}', so its {macro.MinimumFreeMb} MB of free space cannot be checked";
            }

            return FreeSpaceError(macro.MinimumFreeMb, volume);
        }

        return null;
    }

    private static string? CheckFolder(PromptedFolderMacro macro, string value, bool answered, MacroExpander expander, Inventory machine)
    {
        var raw = value;
        if (raw.Length > macro.MaximumLength)
        {
            return $"The answer to \"{macro.Prompt}\" is {raw.Length} characters; the maximum is {macro.MaximumLength}";
        }

        if (AnswerCharacters.FindUnsafeInPath(raw) is { } unsafeCharacter)
        {
            return $"The answer to \"{macro.Prompt}\" contains {unsafeCharacter}, which is not allowed in a folder";
        }

        string folder;
        IReadOnlyList<string> parents;
        try
        {
            folder = expander.Expand($"%{macro.Name}%");
            parents = ExpandParents(macro, expander);
        }
        catch (MacroException exception)
        {
            return $"The folder for \"{macro.Prompt}\" cannot be worked out: {exception.Message}";
        }

        var where = answered ? "The answer to" : "The default of";
        return FolderPrompts.FindProblem(macro, folder, parents, machine.OsFamily) is { } problem
            ? $"{where} \"{macro.Prompt}\" {problem}"
            : macro.MinimumFreeMb > 0 ? FreeSpaceNear(macro, folder, machine) : null;
    }

    /// <summary>The allowed parents of <paramref name="macro"/> with macros expanded; throws <see cref="MacroException"/>.</summary>
    public static IReadOnlyList<string> ExpandParents(PromptedFolderMacro macro, MacroExpander expander) =>
        [.. macro.AllowedParents.Select(p => FolderPaths.Tidy(expander.Expand(p)))];

    private static string? FreeSpaceNear(PromptedMacro macro, string path, Inventory machine)
    {
        var volume = VolumeLocator.FindContaining(machine.Volumes, path, machine.OsFamily);
        return volume is null
            ? $"No volume on this machine contains '{path}', so its {macro.MinimumFreeMb} MB of free space cannot be checked"
            : FreeSpaceError(macro.MinimumFreeMb, volume);
    }

    private static string Printable(string value) =>
        string.Concat(value.Select(c => char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format
            ? $"\\u{(int)c:X4}" : c.ToString()));

    private static string? FreeSpaceError(long minimumFreeMb, Volume volume) =>
        volume.FreeMb < minimumFreeMb ? $"Needs {RequirementDescriber.Size(minimumFreeMb)} free on {volume.Name}; {RequirementDescriber.Size(volume.FreeMb)} free" : null;

    private static string DefaultOf(PromptedMacro macro) => macro switch
    {
        PromptedStringMacro s => s.Default,
        PromptedVolumeMacro v => v.DefaultVolume,
        PromptedFolderMacro f => f.Default,
        _ => "",
    };

    private static Dictionary<string, string> IgnoringCase(IReadOnlyDictionary<string, string> answers)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in answers)
        {
            result[name] = value ?? "";
        }

        return result;
    }

    private static Dictionary<string, string> AnswersForPrompts(IEnumerable<MacroDefinition> macros, Dictionary<string, string> given)
    {
        var prompted = macros.OfType<PromptedMacro>().Select(m => m.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return given.Where(a => prompted.Contains(a.Key)).ToDictionary(a => a.Key, a => a.Value, StringComparer.OrdinalIgnoreCase);
    }
}
