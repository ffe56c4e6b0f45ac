using Catalog.Applications;
using Catalog.ExternalSoftware;
using Catalog.Jobs;
using Catalog.Machines;
using Catalog.Requirements;
using Portal.Cluster;
using Portal.Data;

namespace Portal.Jobs;

/// <summary>
/// ZENworks' "force cache": applications marked <see cref="Application.ForceCache"/> are downloaded to an agent's cache
/// ahead of any install, so a later install, repair or reinstall works offline. Whenever a machine reports its
/// inventory, every force-cache application that machine can run, has not installed, and has not cached (or is caching)
/// in its current version gets a <see cref="JobKind.Cache"/> job. A failed cache job is tried again on the next report.
/// Planning for one machine runs on one portal node at a time (<see cref="ClusterLock"/>): two inventories arriving at
/// two nodes at once cannot both create the same cache job.
/// </summary>
public sealed class ForceCachePlanner(
    ApplicationRepository applications, MachineRepository machines, JobListingRepository listings, JobLifecycle lifecycle, ClusterLock clusterLock)
{
    /// <summary>
    /// Plans the machine's force-cache jobs. <paramref name="softwareListLeftOut"/>: the machine's inventory lacks its
    /// external-software list (an agent's report that left it out as unchanged); it is read from the store when a
    /// force-cache application's requirements look at it.
    /// </summary>
    public async Task<IReadOnlyList<Job>> PlanAsync(Machine machine, bool softwareListLeftOut, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(machine);
        IReadOnlyList<Job> created = [];
        await clusterLock.TryRunAsync(
            $"force-cache:{machine.Id}", async token => created = await PlanUnlockedAsync(machine, softwareListLeftOut, token), cancellationToken);
        return created;
    }

    private async Task<IReadOnlyList<Job>> PlanUnlockedAsync(Machine machine, bool softwareListLeftOut, CancellationToken cancellationToken)
    {
        var inventory = machine.Inventory;
        if (inventory is null || machine.Revoked)
        {
            return [];
        }

        var forceCached = (await applications.ListAsync(cancellationToken)).Where(a => a.ForceCache && a.Package is not null).ToList();
        if (forceCached.Count == 0)
        {
            return [];
        }

        if (softwareListLeftOut && ExternalSoftwareUse.IsConsulted(forceCached, ExternalSoftwareList.Empty)
            && await machines.GetAsync(machine.Id, cancellationToken) is { Inventory: { } stored })
        {
            inventory = inventory with { ExternalSoftware = stored.ExternalSoftware };
        }

        var candidates = forceCached
            .Where(a => inventory.Applications.All(installed => installed.ApplicationId != a.Id))
            .Where(a => RequirementEvaluator.Evaluate(a, inventory, ExternalSoftwareList.Empty).State == ApplicationVisibility.Available)
            .ToList();
        if (candidates.Count == 0)
        {
            return [];
        }

        var latest = (await listings.LatestPerApplicationAsync(machine.Id, cancellationToken)).Select(l => l.Job).ToList();
        var created = new List<Job>();
        foreach (var application in candidates)
        {
            var cachedOrCaching = latest.Any(j => j.Kind == JobKind.Cache && j.ApplicationId == application.Id
                && j.CreatedAt >= application.UpdatedAt
                && j.State is JobState.Queued or JobState.Delivered or JobState.Running or JobState.Succeeded);
            var busy = latest.Any(j => j.ApplicationId == application.Id && !JobRepository.IsFinished(j.State));
            if (!cachedOrCaching && !busy)
            {
                created.Add(await lifecycle.CreateCacheAsync(machine.Id, application, cancellationToken));
            }
        }

        return created;
    }
}
