namespace Portal.Api;

/// <summary>The body of <c>POST /api/users</c>. Roles are any of User, Helpdesk, Administrator (none: no role).</summary>
public sealed record CreateUserRequest(string Email, string Password, string? DisplayName, IReadOnlyList<string>? Roles);
