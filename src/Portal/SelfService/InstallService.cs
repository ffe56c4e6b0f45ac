using Catalog.Applications;
using Catalog.Auditing;
using Portal.Data;
using Catalog.Dependencies;
using Catalog.ExternalSoftware;
using Catalog.Jobs;
using Catalog.Machines;
using Catalog.Macros;
using Catalog.Requirements;
using Portal.AgentLink;
using Portal.Jobs;
using Portal.Reporting;

namespace Portal.SelfService;

/// <summary>
/// Installs an application on a machine for an actor, checking everything the agent would refuse first: access,
/// assignment, requirements, prompt answers (the same <see cref="PromptAnswerValidator"/> the agent re-runs),
/// dependencies and conflicts, and no second unfinished job for the application. Pages and the API both call it.
/// </summary>
public sealed class InstallService(
    MachineAccess access,
    ApplicationRepository applications,
    ExternalSoftwareRepository externalSoftware,
    JobRepository jobs,
    PackageRepository packages,
    JobLifecycle lifecycle,
    AuditRepository audit,
    TimeProvider time)
{
    public async Task<InstallPreview> PreviewAsync(SelfServiceActor actor, Guid machineId, Guid applicationId, CancellationToken cancellationToken)
    {
        var (machine, inventory, application, catalog, external) = await LoadAsync(actor, machineId, applicationId, cancellationToken);
        var upgrade = UpgradeCheck.Of(application, inventory, catalog, machine.Name);
        var refusal = RequirementRefusal(application, inventory, external, catalog) ?? upgrade.Refusal;
        var plan = DependencyResolver.Resolve(application, catalog, upgrade.PlanningInventory, external);
        refusal ??= plan.IsRefused ? plan.Refusal : null;
        refusal ??= application.Package is null ? NoPackage(application) : null;
        return new InstallPreview
        {
            Application = application,
            Machine = machine,
            Inventory = inventory,
            Prompts = application.Macros.OfType<PromptedMacro>().ToList(),
            Defaults = DefaultsOf(application, inventory),
            AlsoInstalls = plan.InstallOrder.Where(a => a.Id != application.Id).ToList(),
            AlreadySatisfied = plan.AlreadySatisfied,
            Refusal = refusal,
        };
    }

    /// <summary>The error for each unacceptable answer, by macro name (empty when all are fine).</summary>
    public static IReadOnlyDictionary<string, string> ValidateAnswers(
        Application application, IReadOnlyDictionary<string, string> answers, Inventory inventory) =>
        PromptAnswerValidator.Validate(application.Macros, answers, inventory)
            .GroupBy(e => e.MacroName, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => string.Join(" ", g.Select(e => e.Message)), StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates the job chain (dependencies first, the application last) and returns it in order.</summary>
    public async Task<IReadOnlyList<Job>> InstallAsync(SelfServiceActor actor, Guid machineId, InstallRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (machine, inventory, application, catalog, external) = await LoadAsync(actor, machineId, request.ApplicationId, cancellationToken);
        if (RequirementRefusal(application, inventory, external, catalog) is { } unmet)
        {
            throw SelfServiceException.Unprocessable(unmet);
        }

        if (application.Package is null)
        {
            throw SelfServiceException.Conflict(NoPackage(application));
        }

        if (await jobs.HasActiveJobAsync(machine.Id, application.Id, cancellationToken))
        {
            throw SelfServiceException.Conflict(
                $"{application.Name} already has an unfinished job on {machine.Name}; wait until it is done before starting another.");
        }

        var answers = request.Answers ?? new Dictionary<string, string>();
        var errors = PromptAnswerValidator.Validate(application.Macros, answers, inventory);
        if (errors.Count > 0)
        {
            throw SelfServiceException.Unprocessable(string.Join("; ", errors.Select(e => e.Message)));
        }

        var upgrade = UpgradeCheck.Of(application, inventory, catalog, machine.Name);
        if (upgrade.Refusal is { } refused)
        {
            throw SelfServiceException.Conflict(refused);
        }

        if (upgrade.Installed is not null && await packages.GetAsync(application.Package.Sha256, cancellationToken) is { } stored
            && !string.Equals(stored.Manifest.Version.Trim(), application.Version.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            throw SelfServiceException.Conflict(
                $"{application.Name} {application.Version} still has the package of version {stored.Manifest.Version}; ask an administrator to upload the {application.Version} package before updating.");
        }

        var plan = DependencyResolver.Resolve(application, catalog, upgrade.PlanningInventory, external);
        if (plan.IsRefused)
        {
            throw SelfServiceException.Conflict($"{application.Name} {application.Version} cannot be installed on {machine.Name}: {plan.Refusal}");
        }

        if (plan.InstallOrder.FirstOrDefault(a => a.Package is null) is { } unpackaged)
        {
            throw SelfServiceException.Conflict($"{application.Name} needs {NoPackage(unpackaged)}");
        }

        var chain = upgrade.Installed is null && upgrade.Replaced is null
            ? await lifecycle.CreateInstallChainAsync(actor.UserId, machine.Id, plan.InstallOrder, answers, cancellationToken)
            : await lifecycle.CreateChainAsync(
                InstallChainBuilder.Build(actor.UserId, machine.Id, plan.InstallOrder, answers, upgrade.Installed, upgrade.Replaced),
                InstallChainBuilder.History(plan.InstallOrder, upgrade.Installed, upgrade.Replaced),
                cancellationToken);
        await audit.AddAsync(new AuditEntry
        {
            At = time.GetUtcNow(),
            Actor = actor.Label,
            Action = upgrade.Installed is not null ? "upgrade.requested" : "install.requested",
            Target = upgrade.Installed is { } from
                ? $"{application.Name} {from.Version} -> {application.Version} on {machine.Name}"
                : $"{application.Name} {application.Version} on {machine.Name}",
            Detail = chain.Count > 1 ? $"{chain.Count} jobs including dependencies; job {chain[^1].Id}" : $"job {chain[^1].Id}",
        }, cancellationToken);
        return chain;
    }

    /// <summary>
    /// The machine (checked for the actor), its inventory, the application, the catalog and the external-software list.
    /// The machine's own external-software list is read only when the catalog can consult it
    /// (<see cref="ExternalSoftwareUse"/>): it is most of an inventory and, per install, the largest read.
    /// </summary>
    private async Task<(Machine Machine, Inventory Inventory, Application Application, IReadOnlyList<Application> Catalog, ExternalSoftwareList External)> LoadAsync(
        SelfServiceActor actor, Guid machineId, Guid applicationId, CancellationToken cancellationToken)
    {
        var catalog = await applications.ListAsync(cancellationToken);
        var external = await externalSoftware.GetCurrentAsync(cancellationToken);
        // The machine's access check comes before the application's: another user's machine is refused as such.
        var machine = ExternalSoftwareUse.IsConsulted(catalog, external)
            ? await access.GetAsync(actor, machineId, cancellationToken)
            : await access.GetWithoutSoftwareAsync(actor, machineId, cancellationToken);
        var application = catalog.FirstOrDefault(a => a.Id == applicationId);
        if (application is null || !CatalogAssignment.IsOfferedTo(application, actor))
        {
            throw SelfServiceException.NotFound($"There is no application with id {applicationId} in your catalog.");
        }

        return (machine, MachineAccess.InventoryOf(machine), application, catalog, external);
    }

    private static string? RequirementRefusal(Application application, Inventory inventory, ExternalSoftwareList external, IReadOnlyList<Application> catalog)
    {
        var evaluation = RequirementEvaluator.Evaluate(application, inventory, external, id => catalog.FirstOrDefault(a => a.Id == id)?.Name);
        return evaluation.IsAvailable
            ? null
            : $"{application.Name} {application.Version} cannot be installed on this machine: {string.Join("; ", evaluation.Reasons)}";
    }

    private static IReadOnlyDictionary<string, string> DefaultsOf(Application application, Inventory inventory)
    {
        try
        {
            return PromptAnswerValidator.ResolveAnswers(application.Macros, new Dictionary<string, string>(), inventory);
        }
        catch (MacroException)
        {
            // A default that cannot be expanded starts empty; validation names the problem when the user installs.
            return new Dictionary<string, string>();
        }
    }

    private static string NoPackage(Application application) =>
        $"{application.Name} {application.Version} has no package yet; ask an administrator to upload one.";
}
