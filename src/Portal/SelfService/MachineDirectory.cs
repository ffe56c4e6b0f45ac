using Portal.Cluster;
using Portal.Identity;

namespace Portal.SelfService;

/// <summary>
/// Machines with their owner's email and whether the agent is connected to the portal now (to any node), one page at
/// a time (the list never reads the whole fleet).
/// </summary>
public sealed class MachineDirectory(MachineAccess access, AgentPresence presence, UserDirectory users)
{
    /// <summary>One page of the actor's machines by name; the page's machines carry their inventory (OS, volumes).</summary>
    public async Task<IReadOnlyList<MachineView>> ListAsync(
        SelfServiceActor actor, string? search, int limit, int offset, CancellationToken cancellationToken)
    {
        var page = await access.ListAsync(actor, search, Math.Clamp(limit, 1, 500), offset, withInventory: true, cancellationToken);
        var online = await presence.OnlineAmongAsync(page.Select(p => p.Machine.Id).ToList(), cancellationToken);
        return page.Select(p => MachineView.From(p.Machine, online.Contains(p.Machine.Id), p.OwnerEmail)).ToList();
    }

    /// <summary>How many machines the same search matches (for a pager).</summary>
    public Task<int> CountAsync(SelfServiceActor actor, string? search, CancellationToken cancellationToken) =>
        access.CountAsync(actor, search, cancellationToken);

    public async Task<MachineView> GetAsync(SelfServiceActor actor, Guid machineId, CancellationToken cancellationToken)
    {
        var machine = await access.GetAsync(actor, machineId, cancellationToken);
        var owner = machine.OwnerUserId is { } id ? await users.FindEmailAsync(id, cancellationToken) ?? "" : "";
        return MachineView.From(machine, await presence.IsOnlineAsync(machine.Id, cancellationToken), owner);
    }
}
