namespace Portal.SelfService;

/// <summary>One entry of <c>GET /api/catalog?machineId=</c>.</summary>
public sealed record CatalogItemView(
    Guid ApplicationId,
    string Name,
    string Version,
    string Publisher,
    string Description,
    string Category,
    string Icon,
    string State,
    IReadOnlyList<string> Reasons,
    string InstallState,
    string? InstalledVersion,
    Guid? ActiveJobId,
    Guid? PendingUninstallRequestId,
    string? DenialReason,
    string? InstallAction,
    string? UninstallAction,
    IReadOnlyList<PromptView> Prompts)
{
    /// <summary>Why the last job for it failed, with what to do next; null when it did not fail.</summary>
    public string? FailureReason { get; init; }

    /// <summary>The failed job, so a user can open its history.</summary>
    public Guid? FailedJobId { get; init; }

    /// <summary>Dependencies that install with it, by name.</summary>
    public IReadOnlyList<string> AlsoInstalls { get; init; } = [];

    /// <summary>Required software the machine lacks: when it installs and why, and the postponements left.</summary>
    public Scheduling.RequiredStatusView? Required { get; init; }
    /// <summary>The installed application this one replaces ("Old Name 1.0"), when it supersedes one on this machine.</summary>
    public string? Replaces { get; init; }

    /// <summary>Why the offered version cannot go over the installed one (a newer one is installed and downgrades are not allowed).</summary>
    public string? UpdateRefusal { get; init; }

    public static CatalogItemView From(CatalogItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var app = item.Application;
        return new CatalogItemView(
            app.Id, app.Name, app.Version, app.Publisher, app.Description, app.Category, app.Icon,
            item.State.ToString(), item.Reasons, item.InstallState.ToString(), item.InstalledVersion,
            item.ActiveJob?.Id,
            item.LatestRequest is { State: Catalog.Jobs.UninstallRequestState.Pending } pending ? pending.Id : null,
            item.DenialReason, item.InstallAction, item.UninstallAction,
            item.Prompts.Select(PromptView.From).ToList())
        {
            FailureReason = item.FailureReason,
            FailedJobId = item.FailedJob?.Id,
            AlsoInstalls = item.AlsoInstalls,
            Required = item.Required is { } required
                ? Scheduling.RequiredStatusView.From(required, item.TimeZone, app.Availability.DeferralHours)
                : null,
            Replaces = item.Replaces,
            UpdateRefusal = item.UpdateRefusal,
        };
    }
}
