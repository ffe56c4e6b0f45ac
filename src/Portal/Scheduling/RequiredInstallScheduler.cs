using Portal.Cluster;
using Portal.Hosting;
using Catalog.Applications;
using Catalog.Dependencies;
using Catalog.Jobs;
using Catalog.Machines;
using Catalog.Requirements;
using Catalog.Scheduling;
using Catalog.Versioning;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Identity;
using Portal.Jobs;
using Portal.SelfService;

namespace Portal.Scheduling;

/// <summary>
/// Queues required applications at their deadline (moved by the deferrals the machine's user took), only while one of
/// the machine's maintenance windows is open. Each pass reads one page of machines (the next page on the next pass),
/// never the whole fleet. Several portal nodes may run it at once: a conditional claim in
/// <see cref="RequiredInstallRepository"/> makes exactly one of them queue each install.
/// </summary>
public sealed partial class RequiredInstallScheduler(
    MachineRepository machines,
    ApplicationRepository applications,
    ExternalSoftwareRepository externalSoftware,
    JobRepository jobs,
    MaintenanceWindowRepository windows,
    RequiredInstallRepository required,
    UserDirectory users,
    JobLifecycle lifecycle,
    QueuedJobPusher pusher,
    TimeProvider time,
    IOptions<SchedulingOptions> options,
    ILogger<RequiredInstallScheduler> logger) : BackgroundService
{
    private readonly Lock _cursorGate = new();
    private int _offset;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicPass.RunAsync(options.Value.Interval, time, firstPassNow: true, RunPassAsync, LogPassFailed, stoppingToken);

    /// <summary>One pass: the next page of machines. Returns the install chains it queued (the target job last).</summary>
    public async Task<IReadOnlyList<Job>> RunPassAsync(CancellationToken cancellationToken)
    {
        var catalog = await applications.ListAsync(cancellationToken);
        var requiredApplications = catalog.Where(a => a.Availability.Mode == AvailabilityMode.Required && a.Package is not null).ToList();
        if (requiredApplications.Count == 0)
        {
            return [];
        }

        var pageSize = Math.Clamp(options.Value.PageSize, 1, 500);
        int offset;
        lock (_cursorGate)
        {
            offset = _offset;
        }

        var page = await machines.ListPageAsync(
            new MachineFilter { WithInventory = true, Limit = pageSize, Offset = offset }, cancellationToken);
        lock (_cursorGate)
        {
            _offset = page.Count < pageSize ? 0 : offset + pageSize;
        }

        var context = new PassContext(catalog, requiredApplications, await externalSoftware.GetCurrentAsync(cancellationToken));
        var queued = new List<Job>();
        foreach (var (machine, ownerEmail) in page)
        {
            queued.AddRange(await ScheduleMachineAsync(machine, ownerEmail, context, cancellationToken));
        }

        return queued;
    }

    /// <summary>The same decision for one machine, read by key (e.g. right after its agent reported or its user pressed "Later").</summary>
    public async Task<IReadOnlyList<Job>> RunForMachineAsync(Guid machineId, CancellationToken cancellationToken)
    {
        var catalog = await applications.ListAsync(cancellationToken);
        var requiredApplications = catalog.Where(a => a.Availability.Mode == AvailabilityMode.Required && a.Package is not null).ToList();
        var machine = await machines.GetAsync(machineId, cancellationToken);
        if (requiredApplications.Count == 0 || machine is null || machine.OwnerUserId is not { } owner)
        {
            return [];
        }

        var email = await users.FindEmailAsync(owner, cancellationToken);
        var context = new PassContext(catalog, requiredApplications, await externalSoftware.GetCurrentAsync(cancellationToken));
        return await ScheduleMachineAsync(machine, email ?? "", context, cancellationToken);
    }

    private async Task<IReadOnlyList<Job>> ScheduleMachineAsync(Machine machine, string ownerEmail, PassContext context, CancellationToken cancellationToken)
    {
        if (machine.Revoked || machine.Inventory is not { } inventory || machine.OwnerUserId is not { } owner || ownerEmail.Length == 0)
        {
            return [];
        }

        var roles = await users.RolesOfAsync(owner, cancellationToken);
        var assigned = context.Required.Where(a => RequiredAssignment.AppliesTo(a, ownerEmail, roles) && !IsSatisfied(a, inventory)).ToList();
        if (assigned.Count == 0)
        {
            return [];
        }

        var now = time.GetUtcNow();
        var machineWindows = await windows.ForMachineAsync(machine.Id, cancellationToken);
        var zone = MachineTimeZone.Resolve(inventory.TimeZone);
        var records = (await required.ForMachineAsync(machine.Id, cancellationToken)).ToDictionary(r => r.ApplicationId);
        var names = context.Catalog.GroupBy(a => a.Id).ToDictionary(g => g.Key, g => g.First().Name);
        var queued = new List<Job>();
        var pushedHeld = false;
        foreach (var application in assigned)
        {
            var record = records.GetValueOrDefault(application.Id);
            if (record?.JobId is { } queuedJob)
            {
                // Queued in a window the agent missed: it was held back on connect; push it now that a window is open
                // (one push sends every queued job of the machine).
                if (!pushedHeld && MaintenanceSchedule.IsOpen(machineWindows, now, zone)
                    && await jobs.GetAsync(queuedJob, cancellationToken) is { State: JobState.Queued })
                {
                    await pusher.PushAsync(machine.Id, cancellationToken);
                    pushedHeld = true;
                }

                continue;
            }

            var status = RequiredInstallPlanner.Evaluate(application.Availability, record?.DeferralsUsed ?? 0, now, machineWindows, zone);
            if (!status.StartNow
                || !RequirementEvaluator.Evaluate(application, inventory, context.External, id => names.GetValueOrDefault(id)).IsAvailable
                || await jobs.HasActiveJobAsync(machine.Id, application.Id, cancellationToken))
            {
                continue;
            }

            if (!await required.TryClaimAsync(machine.Id, application.Id, status.DeferralsUsed, now - options.Value.ClaimTimeout, cancellationToken))
            {
                continue; // another node queued it, or the user just pressed "Later"
            }

            var plan = DependencyResolver.Resolve(application, context.Catalog, inventory, context.External);
            if (plan.IsRefused)
            {
                LogRefused(application.Name, machine.Name, plan.Refusal!);
                await required.ReleaseAsync(machine.Id, application.Id, cancellationToken);
                continue;
            }

            IReadOnlyList<Job> chain;
            try
            {
                chain = await lifecycle.CreateInstallChainAsync(null, machine.Id, plan.InstallOrder, new Dictionary<string, string>(), cancellationToken);
            }
            catch
            {
                await required.ReleaseAsync(machine.Id, application.Id, CancellationToken.None);
                throw;
            }

            await required.SetJobAsync(machine.Id, application.Id, chain[^1].Id, cancellationToken);
            LogQueued(application.Name, machine.Name, status.DueAt);
            queued.AddRange(chain);
        }

        return queued;
    }

    /// <summary>The machine has this version or a newer one of the application.</summary>
    private static bool IsSatisfied(Application application, Inventory inventory)
    {
        if (CatalogQuery.InstalledCopy(application, inventory) is not { } installed)
        {
            return false;
        }

        return installed.ApplicationId == application.Id
            || !(DottedVersion.TryParseReported(installed.Version, out var have) && DottedVersion.TryParse(application.Version, out var offered)
                 && have.CompareTo(offered) < 0);
    }

    private sealed record PassContext(
        IReadOnlyList<Application> Catalog, IReadOnlyList<Application> Required, Catalog.ExternalSoftware.ExternalSoftwareList External);

    [LoggerMessage(Level = LogLevel.Information, Message = "Required {Application} queued on {Machine} (due {DueAt})")]
    private partial void LogQueued(string application, string machine, DateTimeOffset? dueAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Required {Application} cannot be installed on {Machine}: {Reason}")]
    private partial void LogRefused(string application, string machine, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "A pass of the required-software scheduler failed")]
    private partial void LogPassFailed(Exception ex);
}
