namespace Portal.SelfService;

/// <summary>What "Update all" did for one application: the job it started, or why it could not.</summary>
public sealed record UpdateOutcome(Guid ApplicationId, string Name, string? FromVersion, string ToVersion, Guid? JobId, string? Error);
