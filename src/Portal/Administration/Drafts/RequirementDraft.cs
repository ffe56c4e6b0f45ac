using Catalog.Machines;
using Catalog.Requirements;

namespace Portal.Administration.Drafts;

/// <summary>An editable requirement: every kind's fields, of which <see cref="Kind"/> decides which count.</summary>
public sealed class RequirementDraft
{
    public RequirementKind Kind { get; set; }
    public bool ShowWhenUnmet { get; set; } = true;
    public OsFamily OsFamily { get; set; } = OsFamily.Linux;
    public string? MinVersion { get; set; }
    public string? MaxVersion { get; set; }
    public IEnumerable<CpuArchitecture> Architectures { get; set; } = [CpuArchitecture.X64];
    /// <summary>Memory or free disk in MB, or a processor count.</summary>
    public long Amount { get; set; } = 1024;
    public string Volume { get; set; } = "%*PROGRAMS%";
    public string Path { get; set; } = "";
    public bool MustExist { get; set; } = true;
    public string Name { get; set; } = "";
    public string Value { get; set; } = "";
    public bool OnApplication { get; set; } = true;
    public Guid? ApplicationId { get; set; }
    public string? ExternalSoftwareName { get; set; }
    public string Key { get; set; } = "";
    public string ValueName { get; set; } = "";
    public string? ExpectedValue { get; set; }

    public static RequirementDraft For(RequirementKind kind) => new()
    {
        Kind = kind,
        Amount = kind switch
        {
            RequirementKind.CpuCount => 2,
            RequirementKind.DiskSpace => 100,
            _ => 1024,
        },
    };

    public Requirement ToRequirement()
    {
        Requirement requirement = Kind switch
        {
            RequirementKind.OperatingSystem => new OsRequirement(OsFamily, Blank(MinVersion), Blank(MaxVersion)),
            RequirementKind.Architecture => new ArchitectureRequirement((Architectures ?? []).ToList()),
            RequirementKind.Memory => new MemoryRequirement(Amount),
            RequirementKind.DiskSpace => new DiskSpaceRequirement(Volume.Trim(), Amount),
            RequirementKind.CpuCount => new CpuCountRequirement((int)Math.Clamp(Amount, int.MinValue, int.MaxValue)),
            RequirementKind.FileExists => new FileExistsRequirement(Path.Trim(), MustExist),
            RequirementKind.FileVersion => new FileVersionRequirement(Path.Trim(), Blank(MinVersion), Blank(MaxVersion)),
            RequirementKind.EnvironmentVariable => new EnvironmentVariableRequirement(Name.Trim(), Value),
            RequirementKind.InstalledSoftware => OnApplication
                ? new InstalledSoftwareRequirement(ApplicationId: ApplicationId, MinVersion: Blank(MinVersion), MaxVersion: Blank(MaxVersion))
                : new InstalledSoftwareRequirement(ExternalSoftwareName: Blank(ExternalSoftwareName), MinVersion: Blank(MinVersion), MaxVersion: Blank(MaxVersion)),
            RequirementKind.RegistryValue => new RegistryValueRequirement(Key.Trim(), ValueName.Trim(), Blank(ExpectedValue)),
            _ => throw new InvalidOperationException($"Unknown requirement kind {Kind}."),
        };
        return requirement with { ShowWhenUnmet = ShowWhenUnmet };
    }

    public static RequirementDraft From(Requirement requirement)
    {
        var draft = new RequirementDraft { ShowWhenUnmet = requirement.ShowWhenUnmet };
        switch (requirement)
        {
            case OsRequirement os:
                (draft.Kind, draft.OsFamily, draft.MinVersion, draft.MaxVersion) = (RequirementKind.OperatingSystem, os.Family, os.MinVersion, os.MaxVersion);
                break;
            case ArchitectureRequirement architecture:
                (draft.Kind, draft.Architectures) = (RequirementKind.Architecture, architecture.Architectures.ToList());
                break;
            case MemoryRequirement memory:
                (draft.Kind, draft.Amount) = (RequirementKind.Memory, memory.MinimumMb);
                break;
            case DiskSpaceRequirement disk:
                (draft.Kind, draft.Volume, draft.Amount) = (RequirementKind.DiskSpace, disk.Volume, disk.MinimumFreeMb);
                break;
            case CpuCountRequirement cpu:
                (draft.Kind, draft.Amount) = (RequirementKind.CpuCount, cpu.Minimum);
                break;
            case FileExistsRequirement file:
                (draft.Kind, draft.Path, draft.MustExist) = (RequirementKind.FileExists, file.Path, file.MustExist);
                break;
            case FileVersionRequirement file:
                (draft.Kind, draft.Path, draft.MinVersion, draft.MaxVersion) = (RequirementKind.FileVersion, file.Path, file.MinVersion, file.MaxVersion);
                break;
            case EnvironmentVariableRequirement variable:
                (draft.Kind, draft.Name, draft.Value) = (RequirementKind.EnvironmentVariable, variable.Name, variable.Value);
                break;
            case InstalledSoftwareRequirement installed:
                draft.Kind = RequirementKind.InstalledSoftware;
                draft.OnApplication = installed.ApplicationId is not null;
                (draft.ApplicationId, draft.ExternalSoftwareName, draft.MinVersion, draft.MaxVersion) =
                    (installed.ApplicationId, installed.ExternalSoftwareName, installed.MinVersion, installed.MaxVersion);
                break;
            case RegistryValueRequirement registry:
                (draft.Kind, draft.Key, draft.ValueName, draft.ExpectedValue) = (RequirementKind.RegistryValue, registry.Key, registry.ValueName, registry.ExpectedValue);
                break;
            default:
                throw new InvalidOperationException($"The editor does not know requirement type {requirement.GetType().Name}.");
        }

        return draft;
    }

    internal static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
