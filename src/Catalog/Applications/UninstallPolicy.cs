using Catalog.Packaging;

namespace Catalog.Applications;

/// <summary>How and when an installed application may be removed.</summary>
public sealed record UninstallPolicy
{
    /// <summary>Uninstall is possible at all.</summary>
    public bool Enabled { get; init; } = true;
    /// <summary>The end user may ask for removal.</summary>
    public bool UserMayRequest { get; init; } = true;
    /// <summary>A user's request goes to the helpdesk for approval (manual uninstall) instead of running at once.</summary>
    public bool RequiresApproval { get; init; } = true;
    /// <summary>The user confirms before anything is removed.</summary>
    public bool PromptBeforeUninstall { get; init; } = true;
    /// <summary>Terminate the application's running processes first.</summary>
    public bool TerminateProcesses { get; init; }
    /// <summary>Uninstall automatically when unused for this many days; null = never.</summary>
    public int? UninstallIfUnusedDays { get; init; }
    /// <summary>Remove a file even if it was changed after install.</summary>
    public bool RemoveChangedFiles { get; init; }
    /// <summary>Copy attributes whose files are removable (ZENworks default: Always, IfNotExists, IfNewer).</summary>
    public IReadOnlyList<CopyAttribute> RemovableCopyAttributes { get; init; } =
        [CopyAttribute.Always, CopyAttribute.IfNotExists, CopyAttribute.IfNewer];
    /// <summary>
    /// Setting attributes whose changes uninstall reverts: by default all four, as docs/package-format.md promises
    /// ("the old value, or its absence, is recorded so uninstall can restore it") — a key the install added goes, a
    /// value it changed or a key it deleted comes back.
    /// </summary>
    public IReadOnlyList<SettingAttribute> RemovableSettingAttributes { get; init; } =
        [SettingAttribute.CreateAlways, SettingAttribute.CreateIfExists, SettingAttribute.AddToSection, SettingAttribute.Delete];
}
