using Catalog.Users;
using Microsoft.AspNetCore.Identity;

namespace Portal.Identity;

/// <summary>
/// The one password sign-in of the portal (REST API and sign-in page): throttled per account and client address,
/// as slow for an unknown account as for a wrong password, with Identity's lockout only as a backstop.
/// </summary>
public sealed class PasswordSignIn(SignInManager<PortalUser> signIn, LoginThrottle throttle)
{
    /// <param name="scheme">The scheme to sign in with (bearer for the API); null for the cookie.</param>
    public async Task<PasswordSignInOutcome> SignInAsync(string email, string password, bool persistent, string? client, string? scheme = null)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(password);
        email = email.Trim();
        if (throttle.RetryAfter(email, client) is { } wait)
        {
            return new PasswordSignInOutcome(PasswordSignInResult.Throttled, RetryAfter: wait);
        }

        var user = await signIn.UserManager.FindByEmailAsync(email);
        if (user is null)
        {
            // As slow as a wrong password for a real account, so timing does not reveal which accounts exist.
            UnknownAccountTiming.Spend(signIn.UserManager.PasswordHasher, password);
            throttle.Failed(email, client);
            return new PasswordSignInOutcome(PasswordSignInResult.InvalidCredentials);
        }

        if (scheme is not null)
        {
            signIn.AuthenticationScheme = scheme;
        }

        var result = await signIn.PasswordSignInAsync(user, password, persistent, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            throttle.Succeeded(email, client);
            return new PasswordSignInOutcome(PasswordSignInResult.Succeeded);
        }

        throttle.Failed(email, client);
        return result.IsLockedOut
            ? new PasswordSignInOutcome(PasswordSignInResult.LockedOut, LockedUntil: await signIn.UserManager.GetLockoutEndDateAsync(user))
            : result.IsNotAllowed
                ? new PasswordSignInOutcome(PasswordSignInResult.NotAllowed)
                : new PasswordSignInOutcome(PasswordSignInResult.InvalidCredentials);
    }
}
