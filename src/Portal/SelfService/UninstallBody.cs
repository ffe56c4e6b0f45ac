namespace Portal.SelfService;

/// <summary>Body of <c>POST /api/machines/{id}/uninstalls</c>; the reason is shown to the helpdesk when approval is needed.</summary>
public sealed record UninstallBody(Guid ApplicationId, string? Reason = null);
