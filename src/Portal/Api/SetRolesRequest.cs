namespace Portal.Api;

/// <summary>The body of <c>PUT /api/users/{id}/roles</c>: the user's complete set of roles (any of User, Helpdesk, Administrator).</summary>
public sealed record SetRolesRequest(IReadOnlyList<string>? Roles);
