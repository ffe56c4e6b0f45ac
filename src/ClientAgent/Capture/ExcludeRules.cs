namespace ClientAgent.Capture;

/// <summary>The <c>--exclude</c> globs of a capture.</summary>
public sealed class ExcludeRules(IEnumerable<string> patterns)
{
    private readonly GlobPattern[] _patterns = [.. patterns.Distinct(StringComparer.Ordinal).Select(p => new GlobPattern(p))];

    public static ExcludeRules None { get; } = new([]);

    /// <summary>How many patterns there are (the walk converts a path to text for them only when there is one).</summary>
    public int Count => _patterns.Length;

    public IReadOnlyList<string> Patterns => [.. _patterns.Select(p => p.Pattern)];

    public bool IsExcluded(string path) => _patterns.Any(p => p.Matches(path));
}
