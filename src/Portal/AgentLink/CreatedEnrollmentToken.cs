namespace Portal.AgentLink;

/// <summary>A new enrollment token; the token itself is shown once and only its hash is stored.</summary>
public sealed record CreatedEnrollmentToken(Guid Id, string Token, DateTimeOffset ExpiresAt);
