namespace Portal.Administration.Drafts;

/// <summary>The kinds of requirement the editor offers, one per <see cref="Catalog.Requirements.Requirement"/> type.</summary>
public enum RequirementKind
{
    OperatingSystem,
    Architecture,
    Memory,
    DiskSpace,
    CpuCount,
    FileExists,
    FileVersion,
    EnvironmentVariable,
    InstalledSoftware,
    RegistryValue,
}
