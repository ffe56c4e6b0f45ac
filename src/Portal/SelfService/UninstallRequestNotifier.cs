using Portal.Notifications;

namespace Portal.SelfService;

/// <summary>Pushes uninstall-request changes to live pages (the requester's catalog, the helpdesk queue).</summary>
public sealed class UninstallRequestNotifier(ILogger<UninstallRequestNotifier> logger)
    : ChangeNotifier<UninstallRequestChanged>(logger);
