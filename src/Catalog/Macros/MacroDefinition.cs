using System.Text.Json.Serialization;

namespace Catalog.Macros;

/// <summary>A named value used as <c>%NAME%</c> in targets, settings and scripts. Names are case-insensitive.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(StringMacro), "string")]
[JsonDerivedType(typeof(PromptedVolumeMacro), "promptedVolume")]
[JsonDerivedType(typeof(PromptedStringMacro), "promptedString")]
[JsonDerivedType(typeof(PromptedFolderMacro), "promptedFolder")]
public abstract record MacroDefinition
{
    public required string Name { get; init; }
}
