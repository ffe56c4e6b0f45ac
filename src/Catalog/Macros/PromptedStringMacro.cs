namespace Catalog.Macros;

/// <summary>The user types a string (often a path); bounded length, optional free-space check on the volume it names.</summary>
public sealed record PromptedStringMacro : PromptedMacro
{
    public string Default { get; init; } = "";
    public int MaximumLength { get; init; } = 260;
    /// <summary>
    /// The answer is used in a file path: it must be a single name (no <c>/</c> or <c>\</c>, not <c>.</c> or
    /// <c>..</c>). The agent also treats a prompt as used in a path whenever the package's targets reference it.
    /// A location the user chooses is a <see cref="PromptedFolderMacro"/>.
    /// </summary>
    public bool UsedInPath { get; init; } = true;
}
