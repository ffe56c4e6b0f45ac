namespace Portal.AgentLink;

/// <summary>Body of <c>POST /api/enrollment-tokens</c>.</summary>
public sealed record CreateEnrollmentTokenRequest(string? OwnerEmail, int? ExpiresInHours);
