using Catalog.Applications;

namespace Portal.Administration.Drafts;

/// <summary>One of the four script stages; a stage without <see cref="Enabled"/> has no script.</summary>
public sealed class ScriptDraft
{
    public required ScriptStage Stage { get; init; }
    public bool Enabled { get; set; }
    public string Engine { get; set; } = "/bin/sh";
    public string Extension { get; set; } = ".sh";
    public int TimeoutSeconds { get; set; } = 300;
    public string Body { get; set; } = "";
}
