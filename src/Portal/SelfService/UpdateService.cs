using Catalog.Jobs;
using Portal.Data;

namespace Portal.SelfService;

/// <summary>
/// A machine's Updates view and "Update all": the catalog entries with an update (a newer version, an allowed
/// downgrade, or a product that replaces an installed one), each started through <see cref="InstallService"/> with the
/// same checks as a single update. An update reuses the prompt answers of the install it replaces (the agent
/// re-validates them); one that cannot start is reported and the others still go.
/// </summary>
public sealed class UpdateService(CatalogQuery catalog, InstallService installs, JobRepository jobs)
{
    public async Task<IReadOnlyList<CatalogItem>> ListAsync(SelfServiceActor actor, Guid machineId, CancellationToken cancellationToken)
    {
        var machineCatalog = await catalog.GetAsync(actor, machineId, cancellationToken);
        return [.. machineCatalog.Items.Where(i => i.IsUpdate)];
    }

    public async Task<IReadOnlyList<UpdateOutcome>> UpdateAllAsync(SelfServiceActor actor, Guid machineId, CancellationToken cancellationToken)
    {
        var outcomes = new List<UpdateOutcome>();
        foreach (var item in await ListAsync(actor, machineId, cancellationToken))
        {
            var application = item.Application;
            try
            {
                var answers = await PreviousAnswersAsync(machineId, item, cancellationToken);
                var chain = await installs.InstallAsync(actor, machineId, new InstallRequest(application.Id, answers), cancellationToken);
                outcomes.Add(new UpdateOutcome(application.Id, application.Name, item.InstalledVersion, application.Version, chain[^1].Id, null));
            }
            catch (SelfServiceException refused)
            {
                outcomes.Add(new UpdateOutcome(application.Id, application.Name, item.InstalledVersion, application.Version, null, refused.Message));
            }
        }

        return outcomes;
    }

    /// <summary>The answers of the newest successful install of this application on the machine (read by key), if any.</summary>
    private async Task<IReadOnlyDictionary<string, string>> PreviousAnswersAsync(Guid machineId, CatalogItem item, CancellationToken cancellationToken)
    {
        if (item.Prompts.Count == 0)
        {
            return new Dictionary<string, string>();
        }

        var previous = await jobs.ListAsync(
            new JobFilter { MachineId = machineId, ApplicationId = item.Application.Id, States = [JobState.Succeeded], Limit = 5 },
            cancellationToken);
        return previous.FirstOrDefault(j => j.Kind is JobKind.Install or JobKind.Upgrade)?.Answers ?? new Dictionary<string, string>();
    }
}
