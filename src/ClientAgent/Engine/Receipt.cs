using Catalog.Applications;

namespace ClientAgent.Engine;

/// <summary>
/// What one install created or changed, exactly: the uninstall removes only what is listed here.
/// Stored as <c>receipts/&lt;name&gt;.json</c>; backups of overwritten or deleted items live in <c>receipts/&lt;name&gt;/backup/</c>.
/// </summary>
public sealed record Receipt
{
    public required string Name { get; init; }
    public required string Version { get; init; }
    public string Publisher { get; init; } = "";
    public Guid? ApplicationId { get; init; }
    public Guid JobId { get; init; }
    public DateTimeOffset InstalledAt { get; init; }
    /// <summary>Files written: created (<see cref="ReceiptFile.PreExisted"/> false) or overwritten (backup kept).</summary>
    public IReadOnlyList<ReceiptFile> Files { get; init; } = [];
    /// <summary>Directories that did not exist before, parents first.</summary>
    public IReadOnlyList<string> DirectoriesCreated { get; init; } = [];
    public IReadOnlyList<ReceiptSetting> Settings { get; init; } = [];
    /// <summary>Setting files (INI/config) that did not exist before the install.</summary>
    public IReadOnlyList<string> SettingFilesCreated { get; init; } = [];
    /// <summary>
    /// Existing setting files the install edited: the hash of what it left and the copy from before, put back whole at
    /// uninstall when the file is still as the install left it (otherwise the settings are reverted key by key).
    /// </summary>
    public IReadOnlyList<ReceiptFile> SettingFilesEdited { get; init; } = [];
    public IReadOnlyList<ReceiptFile> EnvironmentFiles { get; init; } = [];
    public IReadOnlyList<ReceiptFile> Shortcuts { get; init; } = [];
    /// <summary>Items the install deleted, with their backups (restored at uninstall).</summary>
    public IReadOnlyList<ReceiptDeletion> Deletions { get; init; } = [];
    /// <summary>Symbolic links the install created.</summary>
    public IReadOnlyList<ReceiptLink> Links { get; init; } = [];
    /// <summary>Existing directories whose mode the install changed (restored at uninstall).</summary>
    public IReadOnlyList<ReceiptMode> ModesChanged { get; init; } = [];
    /// <summary>Last-write times of existing directories and edited files before the install (restored at the end of uninstall).</summary>
    public IReadOnlyList<ReceiptTime> Times { get; init; } = [];
    /// <summary>The package's uninstall scripts with macros already expanded, kept because the package may be gone by then.</summary>
    public IReadOnlyList<ApplicationScript> UninstallScripts { get; init; } = [];
    /// <summary>The install roots of the job (see <see cref="PathGuard"/>): uninstall follows no link below them.</summary>
    public IReadOnlyList<string> Roots { get; init; } = [];
}
