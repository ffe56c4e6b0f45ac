using Catalog.Macros;

namespace Portal.SelfService;

/// <summary>A prompted macro as the API describes it: <c>type</c> is <c>volume</c>, <c>folder</c> or <c>string</c>.</summary>
public sealed record PromptView(string Name, string Type, string Prompt, string Default, long MinimumFreeMb, int? MaximumLength)
{
    /// <summary>For a folder prompt: where the answer may lie (macros as the administrator wrote them).</summary>
    public IReadOnlyList<string> AllowedParents { get; init; } = [];

    public static PromptView From(PromptedMacro macro) => macro switch
    {
        PromptedVolumeMacro volume => new(volume.Name, "volume", volume.Prompt, volume.DefaultVolume, volume.MinimumFreeMb, null),
        PromptedFolderMacro folder => new(folder.Name, "folder", folder.Prompt, folder.Default, folder.MinimumFreeMb, folder.MaximumLength)
        {
            AllowedParents = folder.AllowedParents,
        },
        PromptedStringMacro text => new(text.Name, "string", text.Prompt, text.Default, text.MinimumFreeMb, text.MaximumLength),
        _ => new(macro.Name, "string", macro.Prompt, "", macro.MinimumFreeMb, null),
    };
}
