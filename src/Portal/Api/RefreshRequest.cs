namespace Portal.Api;

/// <summary>The body of <c>POST /api/auth/refresh</c>: the refresh token from a login response.</summary>
public sealed record RefreshRequest(string RefreshToken);
