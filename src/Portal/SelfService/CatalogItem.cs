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
    /// <summary>
    /// The newest finished job for it that did not succeed (and nothing newer ran): a failed install or uninstall the
    /// card shows with its reason and a way forward.
    /// </summary>
    public Job? FailedJob { get; init; }

    /// <summary>Applications that would be installed with it first (dependencies the machine lacks), by name.</summary>
    public IReadOnlyList<string> AlsoInstalls { get; init; } = [];

    /// <summary>The latest uninstall request for it on this machine (pending, or the last decision).</summary>
    public UninstallRequest? LatestRequest { get; init; }
    /// <summary>Removal goes through the helpdesk for this actor (policy requires approval and the actor is not staff).</summary>
    public bool UninstallNeedsApproval { get; init; }
    /// <summary>Uninstall is possible for this actor at all (policy enabled, and users may ask).</summary>
    public bool CanUninstall { get; init; }

    /// <summary>Required software the machine lacks: when it installs and the deferrals left; null otherwise.</summary>
    public Catalog.Scheduling.RequiredInstallStatus? Required { get; init; }

    /// <summary>The machine's time zone, in which <see cref="Required"/> times are shown.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>"Later" is offered: required, not started, deferrals left.</summary>
    public bool CanDefer => Required is { CanDefer: true } && ActiveJob is null && InstallState == InstallState.NotInstalled;
    /// <summary>What installing it does to the installed copy (update, reinstall, downgrade); null when nothing is installed.</summary>
    public Catalog.Versioning.VersionChange? Change { get; init; }
    /// <summary>The installed application it replaces ("Old Name 1.0") when it supersedes one on this machine.</summary>
    public string? Replaces { get; init; }
    /// <summary>Why the offered version may not go over the installed one (a newer version is installed).</summary>
    public string? UpdateRefusal { get; init; }

    /// <summary>It belongs in the machine's Updates view: an update (or allowed downgrade) it can start now.</summary>
    public bool IsUpdate => InstallState == InstallState.UpdateAvailable && InstallAction is not null;

    public IReadOnlyList<PromptedMacro> Prompts => Application.Macros.OfType<PromptedMacro>().ToList();

    public bool IsAvailable => State == ApplicationVisibility.Available;

    /// <summary>The failed job's sentence for the card ("Install failed: …"); null when the last job did not fail.</summary>
    public string? FailureReason => FailedJob is { } failed
        ? $"{(failed.Kind == JobKind.Uninstall ? "Uninstall" : "Install")} {FailedWord(failed.State)}: {failed.Message}"
        : null;

    private static string FailedWord(JobState state) => state switch
    {
        JobState.RolledBack => "failed and was rolled back",
        JobState.Interrupted => "was interrupted and rolled back",
        JobState.Cancelled => "was cancelled",
        _ => "failed",
    };

    public bool IsInstalled => InstallState is InstallState.Installed or InstallState.UpdateAvailable or InstallState.UninstallRequested;

    /// <summary>The install action's label for the state: Install, Update or Reinstall; null when installing is not possible now.</summary>
    public string? InstallAction => !IsAvailable || Application.Package is null ? null : InstallState switch
    {
        InstallState.NotInstalled => Required is not null ? "Install now" : "Install",
        InstallState.UpdateAvailable => Change == Catalog.Versioning.VersionChange.Downgrade ? "Downgrade" : "Update",
        InstallState.Installed => UpdateRefusal is null ? "Reinstall" : null,
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
