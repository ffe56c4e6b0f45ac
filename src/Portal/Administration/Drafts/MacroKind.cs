namespace Portal.Administration.Drafts;

public enum MacroKind
{
    String,
    PromptedVolume,
    PromptedString,
}
