namespace Portal.SelfService;

/// <summary><c>GET /api/jobs/{id}</c>: the job and its events, oldest first.</summary>
public sealed record JobDetails(JobView Job, IReadOnlyList<JobEventView> Events);
