using Catalog.Jobs;
using Microsoft.Extensions.Options;
using Portal.Agents.Data;

namespace Portal.Agents;

/// <summary>
/// Removes applications nobody uses: for every machine, an installed application whose uninstall policy sets
/// <c>UninstallIfUnusedDays</c> and whose last reported use (or install, if never used) is older than that gets an
/// uninstall job — unless one is already open for it.
/// </summary>
public sealed partial class UnusedUninstallService(
    AgentMachineStore machines,
    AgentApplicationStore applications,
    AgentJobStore jobs,
    JobDispatcher dispatcher,
    TimeProvider time,
    IOptions<AgentLinkOptions> options,
    ILogger<UnusedUninstallService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.UnusedSweepInterval, time);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSweepFailed(ex);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

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

        foreach (var machine in await machines.ListActiveAsync(cancellationToken))
        {
            var open = (await jobs.ListForMachineAsync(machine.Id, cancellationToken))
                .Where(j => j.Kind == JobKind.Uninstall && !AgentJobStore.IsFinished(j.State))
                .Select(j => j.ApplicationId)
                .ToHashSet();
            foreach (var installed in machine.Inventory?.Applications ?? [])
            {
                if (!catalog.TryGetValue(installed.ApplicationId, out var application) || open.Contains(application.Id))
                {
                    continue;
                }

                var lastUsed = installed.LastUsedAt ?? installed.InstalledAt;
                var days = application.UninstallPolicy.UninstallIfUnusedDays!.Value;
                if (now - lastUsed >= TimeSpan.FromDays(days))
                {
                    LogUnused(application.Name, machine.Name, days);
                    created.Add(await dispatcher.CreateUninstallAsync(null, machine, application, cancellationToken));
                }
            }
        }

        return created;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Application} on {Machine} unused for {Days} days: uninstalling")]
    private partial void LogUnused(string application, string machine, int days);

    [LoggerMessage(Level = LogLevel.Error, Message = "The unused-application sweep failed")]
    private partial void LogSweepFailed(Exception ex);
}
