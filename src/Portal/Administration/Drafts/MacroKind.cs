namespace Portal.Administration.Drafts;

public enum MacroKind
{
    String,
    PromptedVolume,
    PromptedString,
    /// <summary>A folder the user chooses, confined to <see cref="MacroDraft.AllowedParents"/>.</summary>
    PromptedFolder,
}
