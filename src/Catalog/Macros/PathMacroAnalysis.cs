namespace Catalog.Macros;

/// <summary>
/// Which of an application's macros end up in a file-system path: those referenced, directly or through other
/// macros' values and defaults, by the path templates of a package (file targets, directories, setting files,
/// shortcut locations, deletions). A string prompt found here is held to the path rules whatever its
/// <see cref="PromptedStringMacro.UsedInPath"/> flag says.
/// </summary>
public static class PathMacroAnalysis
{
    public static IReadOnlySet<string> MacrosUsedIn(IEnumerable<string> pathTemplates, IReadOnlyList<MacroDefinition> macros)
    {
        ArgumentNullException.ThrowIfNull(pathTemplates);
        ArgumentNullException.ThrowIfNull(macros);
        var byName = new Dictionary<string, MacroDefinition>(StringComparer.OrdinalIgnoreCase);
        foreach (var macro in macros)
        {
            byName.TryAdd(macro.Name, macro);
        }

        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Stack<string>(pathTemplates.SelectMany(ReferencesIn));
        while (pending.TryPop(out var name))
        {
            if (!byName.TryGetValue(name, out var macro) || !used.Add(macro.Name))
            {
                continue;
            }

            var templates = macro switch
            {
                StringMacro s => [s.Value],
                PromptedStringMacro p => [p.Default],
                PromptedVolumeMacro v => [v.DefaultVolume],
                PromptedFolderMacro f => f.AllowedParents.Append(f.Default),
                _ => Enumerable.Empty<string>(),
            };
            foreach (var reference in templates.SelectMany(ReferencesIn))
            {
                pending.Push(reference);
            }
        }

        return used;
    }

    private static IEnumerable<string> ReferencesIn(string? template)
    {
        try
        {
            return MacroSyntax.References(template ?? "");
        }
        catch (MacroException)
        {
            return [];
        }
    }
}
