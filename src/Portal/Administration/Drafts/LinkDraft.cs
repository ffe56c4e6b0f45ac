using Catalog.Dependencies;

namespace Portal.Administration.Drafts;

/// <summary>An editable dependency or conflict: on a catalog application or on external software by name, with a version range.</summary>
public sealed class LinkDraft
{
    public bool OnApplication { get; set; } = true;
    public Guid? ApplicationId { get; set; }
    public string? ExternalSoftwareName { get; set; }
    public string? MinVersion { get; set; }
    public string? MaxVersion { get; set; }

    public Dependency ToDependency() => OnApplication
        ? new Dependency(ApplicationId: ApplicationId, MinVersion: RequirementDraft.Blank(MinVersion), MaxVersion: RequirementDraft.Blank(MaxVersion))
        : new Dependency(ExternalSoftwareName: RequirementDraft.Blank(ExternalSoftwareName), MinVersion: RequirementDraft.Blank(MinVersion), MaxVersion: RequirementDraft.Blank(MaxVersion));

    public Conflict ToConflict()
    {
        var d = ToDependency();
        return new Conflict(d.ApplicationId, d.ExternalSoftwareName, d.MinVersion, d.MaxVersion);
    }

    public static LinkDraft From(Guid? applicationId, string? externalName, string? min, string? max) => new()
    {
        OnApplication = applicationId is not null || externalName is null,
        ApplicationId = applicationId,
        ExternalSoftwareName = externalName,
        MinVersion = min,
        MaxVersion = max,
    };
}
