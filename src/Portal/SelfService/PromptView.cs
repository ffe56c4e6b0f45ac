using Catalog.Macros;

namespace Portal.SelfService;

/// <summary>A prompted macro as the API describes it: <c>type</c> is <c>volume</c> or <c>string</c>.</summary>
public sealed record PromptView(string Name, string Type, string Prompt, string Default, long MinimumFreeMb, int? MaximumLength)
{
    public static PromptView From(PromptedMacro macro) => macro switch
    {
        PromptedVolumeMacro volume => new(volume.Name, "volume", volume.Prompt, volume.DefaultVolume, volume.MinimumFreeMb, null),
        PromptedStringMacro text => new(text.Name, "string", text.Prompt, text.Default, text.MinimumFreeMb, text.MaximumLength),
        _ => new(macro.Name, "string", macro.Prompt, "", macro.MinimumFreeMb, null),
    };
}
