using Portal.Notifications;

namespace Portal.AgentLink;

/// <summary>
/// Pushes machine changes by machine, so a catalog card flips to Installed, Update or Install the moment the agent's
/// receipts say so. Queued changes of one machine coalesce into the newest.
/// </summary>
public sealed class MachineNotifier(ILogger<MachineNotifier> logger) : ChangeNotifier<MachineChanged>(logger)
{
    protected override IEnumerable<Guid> KeysOf(MachineChanged change) => [change.MachineId];

    protected override object CoalesceKeyOf(MachineChanged change) => change.MachineId;
}
