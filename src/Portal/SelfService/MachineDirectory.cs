using Portal.Agents;
using Portal.Identity;

namespace Portal.SelfService;

/// <summary>Machines with their owner's email and whether the agent is connected to this portal node now.</summary>
public sealed class MachineDirectory(MachineAccess access, AgentConnectionRegistry connections, UserDirectory users)
{
    public async Task<IReadOnlyList<MachineView>> ListAsync(SelfServiceActor actor, CancellationToken cancellationToken)
    {
        var list = await access.ListAsync(actor, cancellationToken);
        var emails = await EmailsAsync(cancellationToken);
        return list.Select(m => MachineView.From(m, connections.IsConnected(m.Id), OwnerEmail(emails, m.OwnerUserId))).ToList();
    }

    public async Task<MachineView> GetAsync(SelfServiceActor actor, Guid machineId, CancellationToken cancellationToken)
    {
        var machine = await access.GetAsync(actor, machineId, cancellationToken);
        var emails = await EmailsAsync(cancellationToken);
        return MachineView.From(machine, connections.IsConnected(machine.Id), OwnerEmail(emails, machine.OwnerUserId));
    }

    private async Task<Dictionary<Guid, string>> EmailsAsync(CancellationToken cancellationToken) =>
        (await users.ListAsync(cancellationToken)).ToDictionary(u => u.Id, u => u.Email);

    private static string OwnerEmail(Dictionary<Guid, string> emails, Guid? owner) =>
        owner is { } id ? emails.GetValueOrDefault(id) ?? "" : "";
}
