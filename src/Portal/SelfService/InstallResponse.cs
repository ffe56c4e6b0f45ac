namespace Portal.SelfService;

/// <summary>202 answer to an install: the job of the application itself and the whole chain in run order.</summary>
public sealed record InstallResponse(Guid JobId, IReadOnlyList<JobView> Jobs);
