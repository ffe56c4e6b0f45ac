namespace Portal.Administration.Drafts;

/// <summary>An editable fallback package location.</summary>
public sealed class SourceDraft
{
    public string Location { get; set; } = "";
}
