namespace Catalog.Macros;

/// <summary>The user types a string (often a path); bounded length, optional free-space check on the volume it names.</summary>
public sealed record PromptedStringMacro : PromptedMacro
{
    public string Default { get; init; } = "";
    public int MaximumLength { get; init; } = 260;
    /// <summary>The answer is used in a file path: path-traversal characters are refused.</summary>
    public bool UsedInPath { get; init; } = true;
}
