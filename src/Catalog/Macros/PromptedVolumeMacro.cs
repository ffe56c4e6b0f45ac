namespace Catalog.Macros;

/// <summary>The user picks a volume (mount point or drive letter) with enough free space.</summary>
public sealed record PromptedVolumeMacro : PromptedMacro
{
    public string DefaultVolume { get; init; } = "";
}
