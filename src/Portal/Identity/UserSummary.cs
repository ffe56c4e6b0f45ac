namespace Portal.Identity;

/// <summary>A user as listed for administrators (and returned by <c>/api/users</c>).</summary>
public sealed record UserSummary(Guid Id, string Email, string DisplayName, IReadOnlyList<string> Roles, DateTimeOffset? LockedOutUntil);
