namespace Portal.Identity;

/// <summary>How a password sign-in ended, for the API and the sign-in page alike.</summary>
public sealed record PasswordSignInOutcome(PasswordSignInResult Result, TimeSpan? RetryAfter = null, DateTimeOffset? LockedUntil = null);
