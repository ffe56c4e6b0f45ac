using Catalog.Applications;
using Catalog.Machines;
using Catalog.Scheduling;
using Portal.Data;
using Portal.SelfService;

namespace Portal.Scheduling;

/// <summary>
/// The user's side of required software: where each required application stands on a machine (for the card), and
/// "Later", which takes one of the deferrals the administrator allowed for that machine.
/// </summary>
public sealed class RequiredSoftwareService(
    MachineAccess access,
    ApplicationRepository applications,
    MaintenanceWindowRepository windows,
    RequiredInstallRepository required,
    TimeProvider time)
{
    /// <summary>The status of each given required application on the machine (two reads by key, whatever the fleet size).</summary>
    public async Task<IReadOnlyDictionary<Guid, RequiredInstallStatus>> StatusesAsync(
        Machine machine, IEnumerable<Application> candidates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(machine);
        var requiredApplications = candidates.Where(a => a.Availability.Mode == AvailabilityMode.Required).ToList();
        if (requiredApplications.Count == 0)
        {
            return new Dictionary<Guid, RequiredInstallStatus>();
        }

        var machineWindows = await windows.ForMachineAsync(machine.Id, cancellationToken);
        var records = (await required.ForMachineAsync(machine.Id, cancellationToken)).ToDictionary(r => r.ApplicationId);
        var zone = ZoneOf(machine);
        var now = time.GetUtcNow();
        return requiredApplications.ToDictionary(
            a => a.Id,
            a => RequiredInstallPlanner.Evaluate(a.Availability, records.GetValueOrDefault(a.Id)?.DeferralsUsed ?? 0, now, machineWindows, zone));
    }

    public static TimeZoneInfo ZoneOf(Machine machine) => MachineTimeZone.Resolve(machine?.Inventory?.TimeZone);

    /// <summary>"Later": moves the machine's install by the application's deferral period, if a deferral is left.</summary>
    public async Task<RequiredInstallStatus> DeferAsync(SelfServiceActor actor, Guid machineId, Guid applicationId, CancellationToken cancellationToken)
    {
        var machine = await access.GetAsync(actor, machineId, cancellationToken);
        var application = await applications.GetAsync(applicationId, cancellationToken)
            ?? throw SelfServiceException.NotFound($"There is no application with id {applicationId}.");
        var availability = application.Availability;
        if (availability.Mode != AvailabilityMode.Required)
        {
            throw SelfServiceException.Conflict($"{application.Name} is not required software, so there is nothing to postpone.");
        }

        if (availability.Deferrals == 0 || availability.Deadline is null)
        {
            throw SelfServiceException.Conflict($"{application.Name} cannot be postponed: your administrator allowed no postponements.");
        }

        if (CatalogQuery.InstalledCopy(application, MachineAccess.InventoryOf(machine)) is { ApplicationId: var installedId } && installedId == application.Id)
        {
            throw SelfServiceException.Conflict($"{application.Name} is already installed on {machine.Name}.");
        }

        if (await required.TryDeferAsync(machine.Id, application.Id, availability.Deferrals, cancellationToken) is null)
        {
            var record = await required.GetAsync(machine.Id, application.Id, cancellationToken);
            throw SelfServiceException.Conflict(record?.ClaimedAt is not null
                ? $"{application.Name} is already being installed on {machine.Name}; it can no longer be postponed."
                : $"{application.Name} cannot be postponed again: all {availability.Deferrals} postponement{(availability.Deferrals == 1 ? " was" : "s were")} used.");
        }

        return (await StatusesAsync(machine, [application], cancellationToken))[application.Id];
    }
}
