using Portal.Hosting;
using Catalog.Jobs;
using Microsoft.Extensions.Options;
using Portal.Cluster;
using Portal.Data;

using Portal.AgentLink;

namespace Portal.Jobs;

/// <summary>
/// Removes applications nobody uses: for every machine, an installed application whose uninstall policy sets
/// <c>UninstallIfUnusedDays</c> and whose last reported use (or install, if never used) is older than that gets an
/// uninstall job — unless one is already open for it. With several portal nodes one node sweeps at a time
/// (<see cref="ClusterLock"/>); the others skip that round.
/// </summary>
public sealed partial class UnusedUninstallService(
    MachineRepository machines,
    ApplicationRepository applications,
    JobRepository jobs,
    JobLifecycle lifecycle,
    MaintenanceWindowRepository windows,
    ClusterLock clusterLock,
    TimeProvider time,
    IOptions<AgentLinkOptions> options,
    ILogger<UnusedUninstallService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicPass.RunAsync(
            options.Value.UnusedSweepInterval, time, firstPassNow: true,
            token => clusterLock.TryRunAsync("unused-uninstall-sweep", SweepAsync, token), LogSweepFailed, stoppingToken);

    /// <summary>One pass over every machine; returns the uninstall jobs it created.</summary>
    public async Task<IReadOnlyList<Job>> SweepAsync(CancellationToken cancellationToken)
    {
        var created = new List<Job>();
        var now = time.GetUtcNow();
        var catalog = (await applications.ListAsync(cancellationToken))
            .Where(a => a.UninstallPolicy is { Enabled: true, UninstallIfUnusedDays: not null })
            .ToDictionary(a => a.Id);
        if (catalog.Count == 0)
        {
            return created;
        }

        // One page of machines at a time, so the sweep's memory does not grow with the fleet.
        const int pageSize = 200;
        for (var offset = 0; ; offset += pageSize)
        {
            var page = await machines.ListPageAsync(new MachineFilter { WithInventory = true, Limit = pageSize, Offset = offset }, cancellationToken);
            foreach (var (machine, _) in page)
            {
                await SweepMachineAsync(machine, catalog, now, created, cancellationToken);
            }

            if (page.Count < pageSize)
            {
                break;
            }
        }

        return created;
    }

    private async Task SweepMachineAsync(
        Catalog.Machines.Machine machine, Dictionary<Guid, Catalog.Applications.Application> catalog, DateTimeOffset now, List<Job> created,
        CancellationToken cancellationToken)
    {
        IReadOnlyList<Catalog.Scheduling.MaintenanceWindow>? machineWindows = null;
        foreach (var installed in machine.Inventory?.Applications ?? [])
        {
            if (!catalog.TryGetValue(installed.ApplicationId, out var application)
                || await jobs.HasActiveJobAsync(machine.Id, application.Id, cancellationToken))
            {
                continue;
            }

            var lastUsed = installed.LastUsedAt ?? installed.InstalledAt;
            var days = application.UninstallPolicy.UninstallIfUnusedDays!.Value;
            if (now - lastUsed >= TimeSpan.FromDays(days))
            {
                // Like required installs, unused-uninstalls start only inside the machine's maintenance windows.
                machineWindows ??= await windows.ForMachineAsync(machine.Id, cancellationToken);
                if (!Catalog.Scheduling.MaintenanceSchedule.IsOpen(
                        machineWindows, now, Catalog.Scheduling.MachineTimeZone.Resolve(machine.Inventory?.TimeZone)))
                {
                    LogOutsideWindow(application.Name, machine.Name);
                    continue;
                }

                LogUnused(application.Name, machine.Name, days);
                created.Add(await lifecycle.CreateUninstallAsync(null, machine.Id, application, cancellationToken));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Application} on {Machine} unused for {Days} days: uninstalling")]
    private partial void LogUnused(string application, string machine, int days);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Application} on {Machine} is unused, but no maintenance window is open: later")]
    private partial void LogOutsideWindow(string application, string machine);

    [LoggerMessage(Level = LogLevel.Error, Message = "The unused-application sweep failed")]
    private partial void LogSweepFailed(Exception ex);
}
