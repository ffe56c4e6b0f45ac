using Catalog.Machines;

namespace Portal.SelfService;

/// <summary>A machine as <c>/api/machines</c> and the helpdesk page show it.</summary>
public sealed record MachineView(
    Guid Id,
    string Name,
    Guid? OwnerUserId,
    string OwnerEmail,
    bool Online,
    DateTimeOffset EnrolledAt,
    DateTimeOffset? LastSeenAt,
    string Address,
    string OperatingSystem,
    string Architecture,
    IReadOnlyList<Volume> Volumes,
    IReadOnlyList<InstalledApplication> InstalledApplications)
{
    public static MachineView From(Machine machine, bool online, string ownerEmail)
    {
        ArgumentNullException.ThrowIfNull(machine);
        var inventory = machine.Inventory;
        return new MachineView(
            machine.Id,
            machine.Name,
            machine.OwnerUserId,
            ownerEmail,
            online,
            machine.EnrolledAt,
            machine.LastSeenAt,
            machine.Address,
            inventory is null ? "" : $"{inventory.OsFamily} {inventory.OsVersion}".Trim(),
            inventory?.Architecture.ToString() ?? "",
            inventory?.Volumes ?? [],
            inventory?.Applications ?? []);
    }
}
