using Catalog.Macros;

namespace Portal.Administration.Drafts;

/// <summary>An editable macro of any kind.</summary>
public sealed class MacroDraft
{
    public MacroKind Kind { get; set; }
    public string Name { get; set; } = "";
    public string Value { get; set; } = "";
    public string Prompt { get; set; } = "";
    public string Default { get; set; } = "";
    public string DefaultVolume { get; set; } = "/";
    public long MinimumFreeMb { get; set; }
    public int MaximumLength { get; set; } = 260;
    public bool UsedInPath { get; set; } = true;
    /// <summary>A folder prompt's allowed parent locations as the editor shows them: separated by <c>;</c> (macros allowed).</summary>
    public string AllowedParents { get; set; } = "%*PROGRAMS%";

    public const char ParentSeparator = ';';

    public MacroDefinition ToMacro() => Kind switch
    {
        MacroKind.String => new StringMacro { Name = Name.Trim(), Value = Value },
        MacroKind.PromptedVolume => new PromptedVolumeMacro { Name = Name.Trim(), Prompt = Prompt.Trim(), DefaultVolume = DefaultVolume.Trim(), MinimumFreeMb = MinimumFreeMb },
        MacroKind.PromptedString => new PromptedStringMacro
        {
            Name = Name.Trim(), Prompt = Prompt.Trim(), Default = Default, MinimumFreeMb = MinimumFreeMb, MaximumLength = MaximumLength, UsedInPath = UsedInPath,
        },
        MacroKind.PromptedFolder => new PromptedFolderMacro
        {
            Name = Name.Trim(), Prompt = Prompt.Trim(), Default = Default.Trim(), MinimumFreeMb = MinimumFreeMb, MaximumLength = MaximumLength,
            AllowedParents = [.. AllowedParents.Split(ParentSeparator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)],
        },
        _ => throw new InvalidOperationException($"Unknown macro kind {Kind}."),
    };

    public static MacroDraft From(MacroDefinition macro) => macro switch
    {
        StringMacro text => new() { Kind = MacroKind.String, Name = text.Name, Value = text.Value },
        PromptedVolumeMacro volume => new()
        {
            Kind = MacroKind.PromptedVolume, Name = volume.Name, Prompt = volume.Prompt, DefaultVolume = volume.DefaultVolume, MinimumFreeMb = volume.MinimumFreeMb,
        },
        PromptedStringMacro prompted => new()
        {
            Kind = MacroKind.PromptedString, Name = prompted.Name, Prompt = prompted.Prompt, Default = prompted.Default,
            MinimumFreeMb = prompted.MinimumFreeMb, MaximumLength = prompted.MaximumLength, UsedInPath = prompted.UsedInPath,
        },
        PromptedFolderMacro folder => new()
        {
            Kind = MacroKind.PromptedFolder, Name = folder.Name, Prompt = folder.Prompt, Default = folder.Default,
            MinimumFreeMb = folder.MinimumFreeMb, MaximumLength = folder.MaximumLength,
            AllowedParents = string.Join(ParentSeparator + " ", folder.AllowedParents),
        },
        _ => throw new InvalidOperationException($"The editor does not know macro type {macro.GetType().Name}."),
    };
}
