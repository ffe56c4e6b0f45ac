using Catalog.Jobs;

namespace Portal.SelfService;

/// <summary>An uninstall request was made, approved or denied.</summary>
public sealed record UninstallRequestChanged(Guid RequestId, Guid MachineId, Guid ApplicationId, UninstallRequestState State, string DecisionReason);
