using Catalog.Applications;
using Catalog.Jobs;
using Catalog.Macros;
using Catalog.Requirements;

namespace Portal.SelfService;

/// <summary>One application in a machine's catalog: whether it can be installed, why not, and what is happening to it.</summary>
public sealed record CatalogItem
{
    public required Application Application { get; init; }
    public required ApplicationVisibility State { get; init; }
    public IReadOnlyList<string> Reasons { get; init; } = [];
    public InstallState InstallState { get; init; }
    /// <summary>The version on the machine when installed (or the older one when an update is available).</summary>
    public string? InstalledVersion { get; init; }
    /// <summary>The unfinished install or uninstall job, if any.</summary>
    public Job? ActiveJob { get; init; }
    /// <summary>The latest uninstall request for it on this machine (pending, or the last decision).</summary>
    public UninstallRequest? LatestRequest { get; init; }
    /// <summary>Removal goes through the helpdesk for this actor (policy requires approval and the actor is not staff).</summary>
    public bool UninstallNeedsApproval { get; init; }
    /// <summary>Uninstall is possible for this actor at all (policy enabled, and users may ask).</summary>
    public bool CanUninstall { get; init; }

    public IReadOnlyList<PromptedMacro> Prompts => Application.Macros.OfType<PromptedMacro>().ToList();

    public bool IsAvailable => State == ApplicationVisibility.Available;

    public bool IsInstalled => InstallState is InstallState.Installed or InstallState.UpdateAvailable or InstallState.UninstallRequested;

    /// <summary>The install action's label for the state: Install, Update or Reinstall; null when installing is not possible now.</summary>
    public string? InstallAction => !IsAvailable || Application.Package is null ? null : InstallState switch
    {
        InstallState.NotInstalled => "Install",
        InstallState.UpdateAvailable => "Update",
        InstallState.Installed => "Reinstall",
        _ => null,
    };

    /// <summary>The uninstall action's label: Uninstall, Request uninstall, or null when not possible now.</summary>
    public string? UninstallAction => InstallState == InstallState.Installed && CanUninstall
        ? UninstallNeedsApproval ? "Request uninstall" : "Uninstall"
        : null;

    /// <summary>The last request was denied and the application is still installed: the reason to show.</summary>
    public string? DenialReason => LatestRequest is { State: UninstallRequestState.Denied } denied && IsInstalled
        ? denied.DecisionReason
        : null;
}
