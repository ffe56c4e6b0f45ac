using System.Text.Json.Serialization;

namespace Catalog.Requirements;

/// <summary>
/// Something a machine must have for the application to be offered. When unmet, the application is shown
/// disabled with a reason if <see cref="ShowWhenUnmet"/>, else hidden.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(OsRequirement), "os")]
[JsonDerivedType(typeof(ArchitectureRequirement), "architecture")]
[JsonDerivedType(typeof(MemoryRequirement), "memory")]
[JsonDerivedType(typeof(DiskSpaceRequirement), "diskSpace")]
[JsonDerivedType(typeof(CpuCountRequirement), "cpuCount")]
[JsonDerivedType(typeof(FileExistsRequirement), "fileExists")]
[JsonDerivedType(typeof(FileVersionRequirement), "fileVersion")]
[JsonDerivedType(typeof(EnvironmentVariableRequirement), "environmentVariable")]
[JsonDerivedType(typeof(InstalledSoftwareRequirement), "installed")]
[JsonDerivedType(typeof(RegistryValueRequirement), "registryValue")]
public abstract record Requirement
{
    public bool ShowWhenUnmet { get; init; } = true;
}
