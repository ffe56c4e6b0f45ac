using Catalog.Macros;

namespace Catalog.Applications;

/// <summary>Checks an application's macro definitions: names, limits, syntax and cycles between them.</summary>
internal static class MacroDefinitionValidator
{
    public const int MaximumNameLength = 64;
    public const int MaximumPromptLength = 500;

    public static void Validate(IReadOnlyList<MacroDefinition> macros, List<ValidationError> errors)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < macros.Count; i++)
        {
            var macro = macros[i];
            var field = $"Macros[{i}]";
            if (!MacroSyntax.IsValidDefinitionName(macro.Name))
            {
                errors.Add(new($"{field}.Name", $"Macro name '{macro.Name}' may contain only letters, digits and _"));
            }
            else if (macro.Name.Length > MaximumNameLength)
            {
                errors.Add(new($"{field}.Name", $"Macro name {macro.Name} is {macro.Name.Length} characters; the maximum is {MaximumNameLength}"));
            }
            else if (!seen.Add(macro.Name))
            {
                errors.Add(new($"{field}.Name", $"Macro name {macro.Name} is used more than once (names ignore case)"));
            }

            switch (macro)
            {
                case StringMacro text:
                    CheckSyntax(text.Value, $"{field}.Value", errors);
                    break;
                case PromptedMacro prompted:
                    ValidatePrompted(prompted, field, errors);
                    break;
            }
        }

        var cycle = FindCycle(macros);
        if (cycle is not null)
        {
            errors.Add(new("Macros", $"Macro cycle: {string.Join(" -> ", cycle)}"));
        }
    }

    private static void ValidatePrompted(PromptedMacro macro, string field, List<ValidationError> errors)
    {
        if (string.IsNullOrWhiteSpace(macro.Prompt))
        {
            errors.Add(new($"{field}.Prompt", $"Prompted macro {macro.Name} needs prompt text"));
        }
        else if (macro.Prompt.Length > MaximumPromptLength)
        {
            errors.Add(new($"{field}.Prompt", $"The prompt of {macro.Name} is {macro.Prompt.Length} characters; the maximum is {MaximumPromptLength}"));
        }

        if (macro.MinimumFreeMb < 0)
        {
            errors.Add(new($"{field}.MinimumFreeMb", $"The minimum free space of {macro.Name} cannot be negative"));
        }

        switch (macro)
        {
            case PromptedStringMacro text:
                if (text.MaximumLength is < 1 or > PromptAnswerValidator.MaximumAnswerLength)
                {
                    errors.Add(new($"{field}.MaximumLength",
                        $"The maximum length of {macro.Name} must be between 1 and {PromptAnswerValidator.MaximumAnswerLength}; it is {text.MaximumLength}"));
                }
                else if (text.Default.Length > text.MaximumLength)
                {
                    errors.Add(new($"{field}.Default",
                        $"The default of {macro.Name} is {text.Default.Length} characters; the maximum length is {text.MaximumLength}"));
                }

                if (text.UsedInPath && text.Default.Split('/', '\\').Any(segment => segment.Trim() == ".."))
                {
                    errors.Add(new($"{field}.Default", $"The default of {macro.Name} contains a '..' segment, which is not allowed in a path"));
                }

                CheckSyntax(text.Default, $"{field}.Default", errors);
                break;
            case PromptedVolumeMacro volume:
                CheckSyntax(volume.DefaultVolume, $"{field}.DefaultVolume", errors);
                break;
            case PromptedFolderMacro folder:
                ValidateFolder(folder, field, errors);
                break;
        }
    }

    public const int MaximumAllowedParents = 16;

    private static void ValidateFolder(PromptedFolderMacro folder, string field, List<ValidationError> errors)
    {
        if (folder.MaximumLength is < 1 or > PromptAnswerValidator.MaximumAnswerLength)
        {
            errors.Add(new($"{field}.MaximumLength",
                $"The maximum length of {folder.Name} must be between 1 and {PromptAnswerValidator.MaximumAnswerLength}; it is {folder.MaximumLength}"));
        }

        if (folder.AllowedParents.Count == 0)
        {
            errors.Add(new($"{field}.AllowedParents", $"Folder prompt {folder.Name} needs at least one allowed parent location (e.g. %*PROGRAMS%)"));
        }
        else if (folder.AllowedParents.Count > MaximumAllowedParents)
        {
            errors.Add(new($"{field}.AllowedParents", $"Folder prompt {folder.Name} lists {folder.AllowedParents.Count} allowed parents; the maximum is {MaximumAllowedParents}"));
        }

        for (var i = 0; i < folder.AllowedParents.Count; i++)
        {
            var parent = folder.AllowedParents[i] ?? "";
            // One field for the list: the editor shows the parents in one box, and each message names its parent.
            var parentField = $"{field}.AllowedParents";
            if (string.IsNullOrWhiteSpace(parent))
            {
                errors.Add(new(parentField, $"Allowed parent {i + 1} of {folder.Name} is empty"));
                continue;
            }

            if (parent.Split('/', '\\').Any(segment => segment is "." or ".."))
            {
                errors.Add(new(parentField, $"Allowed parent '{parent}' of {folder.Name} may not contain '.' or '..'"));
            }

            if (!parent.StartsWith('%') && !FolderPaths.IsAbsolute(parent))
            {
                errors.Add(new(parentField, $"Allowed parent '{parent}' of {folder.Name} must be a full path or start with a macro such as %*PROGRAMS%"));
            }

            CheckSyntax(parent, parentField, errors);
            if (MacroSyntax.References(SafeText(parent)).Any(r => string.Equals(r, folder.Name, StringComparison.OrdinalIgnoreCase)))
            {
                errors.Add(new(parentField, $"Allowed parent '{parent}' of {folder.Name} refers to the folder prompt itself"));
            }
        }

        if (folder.Default.Length > folder.MaximumLength)
        {
            errors.Add(new($"{field}.Default", $"The default of {folder.Name} is {folder.Default.Length} characters; the maximum length is {folder.MaximumLength}"));
        }

        if (folder.Default.Split('/', '\\').Any(segment => segment is "." or ".."))
        {
            errors.Add(new($"{field}.Default", $"The default of {folder.Name} may not contain '.' or '..'"));
        }

        CheckSyntax(folder.Default, $"{field}.Default", errors);
    }

    private static string SafeText(string text)
    {
        try
        {
            MacroSyntax.Tokenize(text);
            return text;
        }
        catch (MacroException)
        {
            return "";
        }
    }

    internal static void CheckSyntax(string? text, string field, List<ValidationError> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        try
        {
            MacroSyntax.Tokenize(text);
        }
        catch (MacroException exception)
        {
            errors.Add(new(field, exception.Message));
        }
    }

    /// <summary>The first cycle among the application's own macros (through values and prompted defaults), or null.</summary>
    private static List<string>? FindCycle(IReadOnlyList<MacroDefinition> macros)
    {
        var byName = new Dictionary<string, MacroDefinition>(StringComparer.OrdinalIgnoreCase);
        foreach (var macro in macros.Where(m => MacroSyntax.IsValidDefinitionName(m.Name)))
        {
            byName.TryAdd(macro.Name, macro);
        }

        var done = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var macro in byName.Values)
        {
            var cycle = Walk(macro, byName, [], done);
            if (cycle is not null)
            {
                return cycle;
            }
        }

        return null;
    }

    private static List<string>? Walk(
        MacroDefinition macro,
        Dictionary<string, MacroDefinition> byName,
        List<string> path,
        HashSet<string> done)
    {
        var start = path.FindIndex(n => string.Equals(n, macro.Name, StringComparison.OrdinalIgnoreCase));
        if (start >= 0)
        {
            return [.. path.Skip(start), macro.Name];
        }

        if (done.Contains(macro.Name))
        {
            return null;
        }

        path.Add(macro.Name);
        foreach (var reference in References(macro))
        {
            if (byName.TryGetValue(reference, out var next))
            {
                var cycle = Walk(next, byName, path, done);
                if (cycle is not null)
                {
                    return cycle;
                }
            }
        }

        path.RemoveAt(path.Count - 1);
        done.Add(macro.Name);
        return null;
    }

    private static IReadOnlyList<string> References(MacroDefinition macro)
    {
        var text = macro switch
        {
            StringMacro s => s.Value,
            PromptedStringMacro p => p.Default,
            PromptedVolumeMacro v => v.DefaultVolume,
            PromptedFolderMacro f => string.Concat(f.AllowedParents.Append(f.Default)),
            _ => "",
        };
        try
        {
            return MacroSyntax.References(text ?? "");
        }
        catch (MacroException)
        {
            return [];
        }
    }
}
