namespace Portal.SelfService;

/// <summary>An uninstall request with the names people need (who, which machine, which application).</summary>
public sealed record UninstallRequestView(
    Guid Id,
    Guid MachineId,
    string MachineName,
    Guid ApplicationId,
    string ApplicationName,
    string ApplicationVersion,
    Guid UserId,
    string UserEmail,
    string Reason,
    string State,
    string DecidedBy,
    string DecisionReason,
    Guid? JobId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DecidedAt);
