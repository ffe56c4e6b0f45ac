using Catalog.Applications;
using Catalog.Jobs;
using Catalog.Machines;

namespace Portal.Jobs;

/// <summary>
/// The jobs of one install request, in chain order: missing dependencies (installs), then the application itself
/// (an install, or an <see cref="JobKind.Upgrade"/> naming the installed version it replaces), then, when it
/// supersedes an installed application, that application's uninstall. A job runs only after every earlier one
/// succeeded, so the replaced product is removed only once its successor is installed.
/// </summary>
public static class InstallChainBuilder
{
    public static IReadOnlyList<(Job Job, Application Application)> Build(
        Guid? userId,
        Guid machineId,
        IReadOnlyList<Application> order,
        IReadOnlyDictionary<string, string> answers,
        InstalledApplication? upgradeFrom,
        Application? replaced)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.Count == 0)
        {
            throw new ArgumentException("An install chain needs at least one application.", nameof(order));
        }

        var target = order[^1];
        var chain = order.Select(app => (Job: new Job
        {
            MachineId = machineId,
            ApplicationId = app.Id,
            Kind = app.Id == target.Id && upgradeFrom is not null ? JobKind.Upgrade : JobKind.Install,
            Answers = app.Id == target.Id ? answers : new Dictionary<string, string>(),
            RequestedBy = userId,
            UpgradeFrom = app.Id == target.Id ? upgradeFrom?.Version : null,
            UpgradeFromApplicationId = app.Id == target.Id && upgradeFrom is not null && upgradeFrom.ApplicationId != target.Id
                ? upgradeFrom.ApplicationId
                : null,
        }, Application: app)).ToList();
        if (replaced is not null)
        {
            chain.Add((new Job { MachineId = machineId, ApplicationId = replaced.Id, Kind = JobKind.Uninstall, RequestedBy = userId }, replaced));
        }

        return chain;
    }

    /// <summary>The history line the chain's jobs start with.</summary>
    public static string History(IReadOnlyList<Application> order, InstalledApplication? upgradeFrom, Application? replaced)
    {
        ArgumentNullException.ThrowIfNull(order);
        var target = order[^1];
        var what = upgradeFrom is not null
            ? $"Queued: update of {target.Name} from {upgradeFrom.Version} to {target.Version}"
            : replaced is not null
                ? $"Queued: {target.Name} {target.Version}, replacing {replaced.Name} (removed after it installs)"
                : $"Queued: {target.Name}";
        return order.Count > 1
            ? $"{what} with {order.Count - 1} dependenc{(order.Count == 2 ? "y" : "ies")}."
            : upgradeFrom is null && replaced is null ? "Queued." : $"{what}.";
    }
}
