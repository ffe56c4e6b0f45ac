namespace Portal.SelfService;

/// <summary>202 answer to an uninstall: <c>outcome</c> is <c>job</c> (started) or <c>request</c> (waiting for the helpdesk).</summary>
public sealed record UninstallResponse(string Outcome, JobView? Job, UninstallRequestView? Request);
