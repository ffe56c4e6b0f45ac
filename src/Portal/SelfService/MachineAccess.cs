using Catalog.Data;
using Catalog.Machines;

namespace Portal.SelfService;

/// <summary>
/// Which machines an actor may see and act on: users their own, helpdesk and administrators all of them.
/// Every self-service service and endpoint goes through here.
/// </summary>
public sealed class MachineAccess(MachineRepository machines)
{
    /// <summary>The actor's machines (every machine for staff), revoked ones left out, ordered by name.</summary>
    public async Task<IReadOnlyList<Machine>> ListAsync(SelfServiceActor actor, CancellationToken cancellationToken)
    {
        var list = await machines.ListAsync(actor.IsStaff ? null : actor.UserId, cancellationToken);
        return list.Where(m => !m.Revoked).OrderBy(m => m.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>The machine if the actor may use it; 404 when it does not exist, 403 when it belongs to someone else.</summary>
    public async Task<Machine> GetAsync(SelfServiceActor actor, Guid machineId, CancellationToken cancellationToken)
    {
        var machine = await machines.GetAsync(machineId, cancellationToken);
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
