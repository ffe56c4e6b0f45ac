using Portal.Notifications;

namespace Portal.SelfService;

/// <summary>Pushes uninstall-request changes to live pages (the requester's catalog by machine, the helpdesk queue).</summary>
public sealed class UninstallRequestNotifier(ILogger<UninstallRequestNotifier> logger)
    : ChangeNotifier<UninstallRequestChanged>(logger)
{
    protected override IEnumerable<Guid> KeysOf(UninstallRequestChanged change) => [change.MachineId, change.RequestId];
}
