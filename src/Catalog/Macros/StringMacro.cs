namespace Catalog.Macros;

/// <summary>A fixed value, which may itself reference other macros.</summary>
public sealed record StringMacro : MacroDefinition
{
    public required string Value { get; init; }
}
