using Catalog.Applications;
using Catalog.Dependencies;
using Portal.Data;
using Catalog.Events;
using Catalog.Jobs;
using Catalog.Machines;
using Catalog.Requirements;
using Catalog.Versioning;
using Portal.AgentLink;
using Portal.Jobs;
using Portal.Reporting;

namespace Portal.SelfService;

/// <summary>
/// Builds a machine's catalog for an actor: the applications offered to them (the newest version of each name),
/// evaluated against the machine's inventory and the published external-software list, with install state, the
/// active job and the latest uninstall request. Records FilterShown/FilterHidden once per machine, application and day.
/// </summary>
public sealed class CatalogQuery(
    MachineAccess access,
    ApplicationRepository applications,
    ExternalSoftwareRepository externalSoftware,
    JobListingRepository listings,
    UninstallRequestRepository requests,
    EventReporter reporter,
    FilterEventThrottle throttle,
    Scheduling.RequiredSoftwareService requiredSoftware,
    TimeProvider time)
{
    public async Task<MachineCatalog> GetAsync(SelfServiceActor actor, Guid machineId, CancellationToken cancellationToken)
    {
        var machine = await access.GetAsync(actor, machineId, cancellationToken);
        var inventory = MachineAccess.InventoryOf(machine);
        var all = await applications.ListAsync(cancellationToken);
        var external = await externalSoftware.GetCurrentAsync(cancellationToken);
        var latestJobs = (await listings.LatestPerApplicationAsync(machine.Id, cancellationToken)).Select(l => l.Job).ToList();
        var active = latestJobs.Where(j => !JobRepository.IsFinished(j.State)).ToList();
        var latestRequests = (await requests.ListAsync(machineId: machine.Id, cancellationToken: cancellationToken))
            .GroupBy(r => r.ApplicationId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.State == UninstallRequestState.Pending).ThenByDescending(r => r.CreatedAt).First());
        var names = all.GroupBy(a => a.Id).ToDictionary(g => g.Key, g => g.First().Name);

        var items = new List<CatalogItem>();
        foreach (var application in Newest(all.Where(a => CatalogAssignment.IsOfferedTo(a, actor))))
        {
            var evaluation = RequirementEvaluator.Evaluate(application, inventory, external, id => names.GetValueOrDefault(id));
            await RecordFilterEventAsync(actor, machine, application, evaluation, cancellationToken);
            if (evaluation.State == ApplicationVisibility.Hidden)
            {
                continue;
            }

            var sameName = all.Where(a => SameName(a.Name, application.Name)).Select(a => a.Id).ToHashSet();
            var activeJob = active.Where(j => sameName.Contains(j.ApplicationId)).OrderByDescending(j => j.CreatedAt).FirstOrDefault();
            var latest = sameName.Select(id => latestRequests.GetValueOrDefault(id)).OfType<UninstallRequest>()
                .OrderByDescending(r => r.CreatedAt).FirstOrDefault();
            var (state, installedVersion) = StateOf(application, inventory, activeJob, latest);
            var upgrade = UpgradeCheck.Of(application, inventory, all, machine.Name);
            (state, installedVersion) = (state, upgrade) switch
            {
                (InstallState.Installed, { Change: VersionChange.Downgrade, Refusal: null }) => (InstallState.UpdateAvailable, installedVersion),
                (InstallState.NotInstalled, { Replaced: not null }) => (InstallState.UpdateAvailable, Supersedence.ReplacedOn(application, inventory)?.Version),
                _ => (state, installedVersion),
            };
            var policy = application.UninstallPolicy;
            var lastJob = latestJobs.Where(j => sameName.Contains(j.ApplicationId) && j.Kind != JobKind.Cache)
                .OrderByDescending(j => j.CreatedAt).FirstOrDefault();
            var (visibility, reasons, alsoInstalls) = evaluation.IsAvailable && state is InstallState.NotInstalled or InstallState.UpdateAvailable
                ? WithDependencies(application, all, inventory, external, evaluation)
                : (evaluation.State, evaluation.Reasons, []);
            items.Add(new CatalogItem
            {
                Application = application,
                State = visibility,
                Reasons = reasons,
                AlsoInstalls = alsoInstalls,
                FailedJob = activeJob is null && lastJob is { State: JobState.Failed or JobState.RolledBack or JobState.Interrupted } ? lastJob : null,
                InstallState = state,
                InstalledVersion = installedVersion,
                ActiveJob = activeJob,
                LatestRequest = latest,
                CanUninstall = policy.Enabled && (actor.IsStaff || policy.UserMayRequest),
                UninstallNeedsApproval = policy.RequiresApproval && !actor.IsStaff,
                Change = upgrade.Change,
                Replaces = upgrade.Replaced is { } replaced ? $"{replaced.Name} {installedVersion}" : null,
                UpdateRefusal = upgrade.Refusal,
            });
        }

        items = await WithRequiredScheduleAsync(machine, items, cancellationToken);
        return new MachineCatalog(machine, items.OrderBy(i => i.Application.Name, StringComparer.OrdinalIgnoreCase).ToList());
    }

    /// <summary>Required applications the machine lacks say when they install (deadline, deferrals, next window).</summary>
    private async Task<List<CatalogItem>> WithRequiredScheduleAsync(Machine machine, List<CatalogItem> items, CancellationToken cancellationToken)
    {
        var pending = items.Where(i => i.InstallState == InstallState.NotInstalled && i.ActiveJob is null && i.IsAvailable).Select(i => i.Application);
        var statuses = await requiredSoftware.StatusesAsync(machine, pending, cancellationToken);
        if (statuses.Count == 0)
        {
            return items;
        }

        var zone = Scheduling.RequiredSoftwareService.ZoneOf(machine);
        return items.Select(i => statuses.TryGetValue(i.Application.Id, out var status) ? i with { Required = status, TimeZone = zone } : i).ToList();
    }

    /// <summary>
    /// What the install dialog would refuse shows on the card: a missing dependency, a conflict or a cycle makes the
    /// application Unavailable with the resolver's reason; dependencies that would install with it are named.
    /// </summary>
    private static (ApplicationVisibility State, IReadOnlyList<string> Reasons, IReadOnlyList<string> AlsoInstalls) WithDependencies(
        Application application, IReadOnlyList<Application> all, Inventory inventory, Catalog.ExternalSoftware.ExternalSoftwareList external,
        CatalogEvaluation evaluation)
    {
        var plan = DependencyResolver.Resolve(application, all, inventory, external);
        return plan.IsRefused
            ? (ApplicationVisibility.Unavailable, [.. evaluation.Reasons, plan.Refusal!], [])
            : (evaluation.State, evaluation.Reasons, plan.InstallOrder.Where(a => a.Id != application.Id).Select(a => a.Name).ToList());
    }

    /// <summary>The installed copy of the application (same id, else same name) from the machine's receipts.</summary>
    public static InstalledApplication? InstalledCopy(Application application, Inventory inventory) =>
        inventory.Applications.FirstOrDefault(i => i.ApplicationId == application.Id)
        ?? inventory.Applications.FirstOrDefault(i => SameName(i.Name, application.Name));

    private static (InstallState State, string? Version) StateOf(Application application, Inventory inventory, Job? activeJob, UninstallRequest? latest)
    {
        var installed = InstalledCopy(application, inventory);
        if (activeJob is not null)
        {
            return (activeJob.Kind == JobKind.Uninstall ? InstallState.Uninstalling : InstallState.Installing, installed?.Version);
        }

        if (installed is null)
        {
            return (InstallState.NotInstalled, null);
        }

        if (latest is { State: UninstallRequestState.Pending })
        {
            return (InstallState.UninstallRequested, installed.Version);
        }

        var older = DottedVersion.TryParseReported(installed.Version, out var have) && DottedVersion.TryParse(application.Version, out var offered)
            && have.CompareTo(offered) < 0;
        return (older ? InstallState.UpdateAvailable : InstallState.Installed, installed.Version);
    }

    /// <summary>The highest version of each application name.</summary>
    private static IEnumerable<Application> Newest(IEnumerable<Application> offered) =>
        offered
            .GroupBy(a => a.Name.Trim(), StringComparer.OrdinalIgnoreCase)
            .Select(g => g.OrderByDescending(a => DottedVersion.TryParse(a.Version, out var v) ? v : null).ThenByDescending(a => a.UpdatedAt).First());

    private async Task RecordFilterEventAsync(
        SelfServiceActor actor, Machine machine, Application application, CatalogEvaluation evaluation, CancellationToken cancellationToken)
    {
        if (!throttle.ShouldRecord(machine.Id, application.Id, evaluation.FilterEvent))
        {
            return;
        }

        await reporter.ReportAsync(new ReportedEvent
        {
            Type = evaluation.FilterEvent,
            At = time.GetUtcNow(),
            User = actor.Email,
            Machine = machine.Name,
            MachineId = machine.Id,
            MachineAddress = machine.Address,
            ApplicationName = application.Name,
            ApplicationId = application.Id,
            Version = application.Version,
            Message = evaluation.Reasons.Count == 0 ? "Every requirement is met." : string.Join("; ", evaluation.Reasons),
        }, application.Reporting, cancellationToken);
    }

    private static bool SameName(string left, string right) =>
        string.Equals(left.Trim(), right.Trim(), StringComparison.OrdinalIgnoreCase);
}
