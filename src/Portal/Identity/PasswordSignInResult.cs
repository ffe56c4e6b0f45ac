namespace Portal.Identity;

public enum PasswordSignInResult
{
    Succeeded,
    InvalidCredentials,
    /// <summary>Too many failures for this account from this address: wait <see cref="PasswordSignInOutcome.RetryAfter"/>.</summary>
    Throttled,
    LockedOut,
    NotAllowed,
}
