namespace Catalog.Macros;

/// <summary>A macro whose value the user gives at install time.</summary>
public abstract record PromptedMacro : MacroDefinition
{
    public required string Prompt { get; init; }
    /// <summary>Minimum free space (MB) on the volume the answer names; 0 = no check.</summary>
    public long MinimumFreeMb { get; init; }
}
