using Catalog.Applications;
using Catalog.Packaging;

namespace Portal.Administration.Drafts;

/// <summary>An editable <see cref="UninstallPolicy"/>.</summary>
public sealed class UninstallDraft
{
    public bool Enabled { get; set; } = true;
    public bool UserMayRequest { get; set; } = true;
    public bool RequiresApproval { get; set; } = true;
    public bool PromptBeforeUninstall { get; set; } = true;
    public bool TerminateProcesses { get; set; }
    public bool UninstallIfUnused { get; set; }
    public int UnusedDays { get; set; } = 30;
    public bool RemoveChangedFiles { get; set; }
    public IEnumerable<CopyAttribute> RemovableCopyAttributes { get; set; } = new UninstallPolicy().RemovableCopyAttributes.ToList();
    public IEnumerable<SettingAttribute> RemovableSettingAttributes { get; set; } = new UninstallPolicy().RemovableSettingAttributes.ToList();

    public UninstallPolicy ToPolicy() => new()
    {
        Enabled = Enabled,
        UserMayRequest = UserMayRequest,
        RequiresApproval = RequiresApproval,
        PromptBeforeUninstall = PromptBeforeUninstall,
        TerminateProcesses = TerminateProcesses,
        UninstallIfUnusedDays = UninstallIfUnused ? UnusedDays : null,
        RemoveChangedFiles = RemoveChangedFiles,
        RemovableCopyAttributes = (RemovableCopyAttributes ?? []).ToList(),
        RemovableSettingAttributes = (RemovableSettingAttributes ?? []).ToList(),
    };

    public static UninstallDraft From(UninstallPolicy policy) => new()
    {
        Enabled = policy.Enabled,
        UserMayRequest = policy.UserMayRequest,
        RequiresApproval = policy.RequiresApproval,
        PromptBeforeUninstall = policy.PromptBeforeUninstall,
        TerminateProcesses = policy.TerminateProcesses,
        UninstallIfUnused = policy.UninstallIfUnusedDays is not null,
        UnusedDays = policy.UninstallIfUnusedDays ?? 30,
        RemoveChangedFiles = policy.RemoveChangedFiles,
        RemovableCopyAttributes = policy.RemovableCopyAttributes.ToList(),
        RemovableSettingAttributes = policy.RemovableSettingAttributes.ToList(),
    };
}
