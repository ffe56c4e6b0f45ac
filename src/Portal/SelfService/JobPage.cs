namespace Portal.SelfService;

/// <summary>A page of jobs, newest first, and whether older ones follow.</summary>
public sealed record JobPage(IReadOnlyList<JobView> Jobs, bool HasMore);
