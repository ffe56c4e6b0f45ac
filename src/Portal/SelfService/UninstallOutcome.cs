using Catalog.Jobs;

namespace Portal.SelfService;

/// <summary>What an uninstall led to: a job started at once, or a request waiting for the helpdesk.</summary>
public sealed record UninstallOutcome(Job? Job, UninstallRequest? Request);
