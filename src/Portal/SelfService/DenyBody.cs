namespace Portal.SelfService;

/// <summary>Body of <c>POST /api/uninstall-requests/{id}/deny</c>: why the request is denied (required, shown to the user).</summary>
public sealed record DenyBody(string? Reason);
