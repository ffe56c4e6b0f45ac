using Portal.Data;
using Catalog.Machines;

namespace Portal.SelfService;

/// <summary>
/// Which machines an actor may see and act on: users their own, helpdesk and administrators all of them.
/// Every self-service service and endpoint goes through here.
/// </summary>
public sealed class MachineAccess(MachineRepository machines)
{
    /// <summary>One page of the actor's machines (every machine for staff) with owners' emails, revoked ones left out, by name.</summary>
    public Task<IReadOnlyList<(Machine Machine, string OwnerEmail)>> ListAsync(
        SelfServiceActor actor, string? search, int limit, int offset, bool withInventory, CancellationToken cancellationToken) =>
        machines.ListPageAsync(
            new MachineFilter
            {
                OwnerUserId = actor.IsStaff ? null : actor.UserId,
                Search = search,
                Limit = limit,
                Offset = offset,
                WithInventory = withInventory,
            },
            cancellationToken);

    /// <summary>How many machines the actor may see that match the search.</summary>
    public Task<int> CountAsync(SelfServiceActor actor, string? search, CancellationToken cancellationToken) =>
        machines.CountAsync(new MachineFilter { OwnerUserId = actor.IsStaff ? null : actor.UserId, Search = search }, cancellationToken);

    /// <summary>Like <see cref="GetAsync"/> without reading the inventory document (access checks, job pages).</summary>
    public async Task<Machine> GetSummaryAsync(SelfServiceActor actor, Guid machineId, CancellationToken cancellationToken) =>
        Checked(actor, machineId, await machines.GetSummaryAsync(machineId, cancellationToken));

    /// <summary>The machine if the actor may use it; 404 when it does not exist, 403 when it belongs to someone else.</summary>
    public async Task<Machine> GetAsync(SelfServiceActor actor, Guid machineId, CancellationToken cancellationToken) =>
        Checked(actor, machineId, await machines.GetAsync(machineId, cancellationToken));

    /// <summary>
    /// Like <see cref="GetAsync"/> with the inventory but without its external-software list: for decisions that
    /// <see cref="Catalog.ExternalSoftware.ExternalSoftwareUse.IsConsulted"/> says do not look at it.
    /// </summary>
    public async Task<Machine> GetWithoutSoftwareAsync(SelfServiceActor actor, Guid machineId, CancellationToken cancellationToken) =>
        Checked(actor, machineId, await machines.GetWithoutSoftwareAsync(machineId, cancellationToken));

    private static Machine Checked(SelfServiceActor actor, Guid machineId, Machine? machine)
    {
        if (machine is null || machine.Revoked)
        {
            throw SelfServiceException.NotFound($"There is no machine with id {machineId}.");
        }

        if (!CanUse(actor, machine))
        {
            throw new PortalAccessException($"Machine {machine.Name} belongs to another user; you can only use your own machines.");
        }

        return machine;
    }

    public static bool CanUse(SelfServiceActor actor, Machine machine) => actor.IsStaff || machine.OwnerUserId == actor.UserId;

    /// <summary>The machine's inventory; 409 when the agent has not reported one yet.</summary>
    public static Inventory InventoryOf(Machine machine) =>
        machine.Inventory ?? throw SelfServiceException.Conflict(
            $"Machine {machine.Name} has not reported its inventory yet; wait until its agent has connected once.");
}
