namespace Catalog.Requirements;

/// <summary>An application from the catalog (by id) or external software (by name) is installed, optionally in a version range.</summary>
public sealed record InstalledSoftwareRequirement(
    Guid? ApplicationId = null,
    string? ExternalSoftwareName = null,
    string? MinVersion = null,
    string? MaxVersion = null) : Requirement;
