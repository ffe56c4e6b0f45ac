using Catalog.Users;
using Microsoft.AspNetCore.Identity;

namespace Portal.Identity;

/// <summary>
/// Makes a sign-in for an unknown email cost what a real one costs: the password is verified against a fixed hash
/// made with the same hasher, so response time does not tell which accounts exist.
/// </summary>
public static class UnknownAccountTiming
{
    private static readonly PortalUser Nobody = new() { Email = "nobody@invalid", UserName = "nobody@invalid" };
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<PortalUser>().HashPassword(Nobody, Guid.NewGuid().ToString("N")));

    /// <summary>Spends one password verification on <paramref name="password"/>; the result is always a failure.</summary>
    public static void Spend(IPasswordHasher<PortalUser> hasher, string password) =>
        hasher.VerifyHashedPassword(Nobody, DummyHash.Value, password ?? "");
}
