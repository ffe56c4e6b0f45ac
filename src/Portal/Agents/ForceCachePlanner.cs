using Catalog.Applications;
using Catalog.ExternalSoftware;
using Catalog.Jobs;
using Catalog.Machines;
using Catalog.Requirements;
using Portal.Agents.Data;

namespace Portal.Agents;

/// <summary>
/// ZENworks' "force cache": applications marked <see cref="Application.ForceCache"/> are downloaded to an agent's cache
/// ahead of any install, so a later install, repair or reinstall works offline. Whenever a machine reports its
/// inventory, every force-cache application that machine can run, has not installed, and has not cached (or is caching)
/// in its current version gets a <see cref="JobKind.Cache"/> job. A failed cache job is tried again on the next report.
/// </summary>
public sealed class ForceCachePlanner(AgentApplicationStore applications, AgentJobStore jobs, JobDispatcher dispatcher)
{
    public async Task<IReadOnlyList<Job>> PlanAsync(Machine machine, CancellationToken cancellationToken)
    {
        var inventory = machine.Inventory;
        if (inventory is null || machine.Revoked)
        {
            return [];
        }

        var candidates = (await applications.ListAsync(cancellationToken))
            .Where(a => a.ForceCache && a.Package is not null)
            .Where(a => inventory.Applications.All(installed => installed.ApplicationId != a.Id))
            .Where(a => RequirementEvaluator.Evaluate(a, inventory, ExternalSoftwareList.Empty).State == ApplicationVisibility.Available)
            .ToList();
        if (candidates.Count == 0)
        {
            return [];
        }

        var existing = await jobs.ListForMachineAsync(machine.Id, cancellationToken);
        var created = new List<Job>();
        foreach (var application in candidates)
        {
            var cachedOrCaching = existing.Any(j => j.Kind == JobKind.Cache && j.ApplicationId == application.Id
                && j.CreatedAt >= application.UpdatedAt
                && j.State is JobState.Queued or JobState.Delivered or JobState.Running or JobState.Succeeded);
            if (!cachedOrCaching)
            {
                created.Add(await dispatcher.CreateCacheAsync(machine, application, cancellationToken));
            }
        }

        return created;
    }
}
