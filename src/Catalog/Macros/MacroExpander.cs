using System.Text;

namespace Catalog.Macros;

/// <summary>
/// Expands <c>%NAME%</c> references. Lookup order: special macros (<c>%*NAME%</c>), the application's macros
/// (string values expand recursively; prompted macros take the answer as given, else their default, which
/// expands), then environment variables. Names are case-insensitive; <c>%%</c> is a literal percent.
/// Special macro, environment and answer values are used as they are, never expanded.
/// Resolved macro values are cached, so an instance is not thread-safe: use one per install or evaluation.
/// </summary>
public sealed class MacroExpander
{
    /// <summary>Expansion stops with an error beyond this many characters (runaway nesting).</summary>
    public const int MaximumLength = 1_000_000;

    private readonly Dictionary<string, MacroDefinition> _definitions = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _answers = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _special = new(StringComparer.OrdinalIgnoreCase);
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly Dictionary<string, string> _environmentIgnoringCase = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _resolved = new(StringComparer.OrdinalIgnoreCase);

    public MacroExpander(
        IEnumerable<MacroDefinition> definitions,
        IReadOnlyDictionary<string, string>? answers = null,
        IReadOnlyDictionary<string, string>? specialMacros = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        foreach (var definition in definitions)
        {
            _definitions.TryAdd(definition.Name, definition);
        }

        foreach (var (name, value) in answers ?? new Dictionary<string, string>())
        {
            _answers[name] = value;
        }

        foreach (var (name, value) in specialMacros ?? new Dictionary<string, string>())
        {
            _special[name.StartsWith('*') ? name : "*" + name] = value;
        }

        _environment = environment ?? new Dictionary<string, string>();
        foreach (var (name, value) in _environment)
        {
            _environmentIgnoringCase.TryAdd(name, value);
        }
    }

    /// <summary>A macro-free expander that knows only special macros and environment variables.</summary>
    public static MacroExpander ForMachine(
        IReadOnlyDictionary<string, string> specialMacros,
        IReadOnlyDictionary<string, string> environment) =>
        new([], null, specialMacros, environment);

    /// <summary>Expands every reference in <paramref name="text"/>; throws <see cref="MacroException"/> on unknown names or cycles.</summary>
    public string Expand(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Expand(text, []);
    }

    private string Expand(string text, List<string> chain)
    {
        var result = new StringBuilder();
        foreach (var token in MacroSyntax.Tokenize(text))
        {
            result.Append(token.IsReference ? Resolve(token.Text, text, chain) : token.Text);
            if (result.Length > MaximumLength)
            {
                throw new MacroException(
                    $"Expanding '{Shorten(text)}' produced more than {MaximumLength} characters; check for runaway nesting");
            }
        }

        return result.ToString();
    }

    private string Resolve(string name, string text, List<string> chain)
    {
        if (name.StartsWith('*'))
        {
            return _special.TryGetValue(name, out var special)
                ? special
                : throw new MacroException($"Unknown macro %{name}% in '{text}'");
        }

        if (_definitions.TryGetValue(name, out var definition))
        {
            return ResolveDefinition(definition, chain);
        }

        if (_environment.TryGetValue(name, out var exact) || _environmentIgnoringCase.TryGetValue(name, out exact))
        {
            return exact;
        }

        throw new MacroException($"Unknown macro %{name}% in '{text}'");
    }

    private string ResolveDefinition(MacroDefinition definition, List<string> chain)
    {
        if (_resolved.TryGetValue(definition.Name, out var cached))
        {
            return cached;
        }

        var start = chain.FindIndex(n => string.Equals(n, definition.Name, StringComparison.OrdinalIgnoreCase));
        if (start >= 0)
        {
            var cycle = chain.Skip(start).Append(definition.Name);
            throw new MacroException($"Macro cycle: {string.Join(" -> ", cycle)}");
        }

        string value;
        if (definition is PromptedMacro && _answers.TryGetValue(definition.Name, out var answer))
        {
            value = definition is PromptedFolderMacro folder && !FolderPaths.IsAbsolute(answer)
                ? UnderFirstParent(folder, answer, chain)
                : answer;
        }
        else
        {
            var template = definition switch
            {
                StringMacro s => s.Value,
                PromptedStringMacro p => p.Default,
                PromptedVolumeMacro v => v.DefaultVolume,
                PromptedFolderMacro f => f.Default,
                _ => throw new MacroException($"Macro {definition.Name} has an unsupported kind {definition.GetType().Name}"),
            };
            chain.Add(definition.Name);
            try
            {
                value = Expand(template, chain);
            }
            finally
            {
                chain.RemoveAt(chain.Count - 1);
            }
        }

        _resolved[definition.Name] = value;
        return value;
    }

    /// <summary>A relative folder answer names a folder under the prompt's first allowed parent.</summary>
    private string UnderFirstParent(PromptedFolderMacro folder, string answer, List<string> chain)
    {
        if (folder.AllowedParents.Count == 0)
        {
            return answer;
        }

        chain.Add(folder.Name);
        try
        {
            return FolderPaths.Join(FolderPaths.Tidy(Expand(folder.AllowedParents[0], chain)), answer);
        }
        finally
        {
            chain.RemoveAt(chain.Count - 1);
        }
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
