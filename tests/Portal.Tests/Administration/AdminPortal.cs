using System.Net.Http.Json;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Administration;

/// <summary>A portal with a bootstrap administrator (no demo data) and helpers to sign in as it or as a plain user.</summary>
public static class AdminPortal
{
    public const string AdminEmail = "root@example.com";
    public const string Password = "Portal!2345";

    public static PortalFactory Create(string? dataDirectory = null) => new(
        new Dictionary<string, string?>
        {
            ["Portal:BootstrapAdmin:Email"] = AdminEmail,
            ["Portal:BootstrapAdmin:Password"] = Password,
        },
        dataDirectory);

    public static Task<HttpClient> AdminAsync(this PortalFactory portal) => portal.CreateClientForAsync(AdminEmail, Password);

    /// <summary>Creates (once) and signs in a user holding only the User role.</summary>
    public static async Task<HttpClient> PlainUserAsync(this PortalFactory portal, HttpClient admin)
    {
        const string email = "plain.user@example.com";
        await admin.PostAsJsonAsync("/api/users", new { email, password = Password, displayName = "Plain User", roles = new[] { "User" } });
        return await portal.CreateClientForAsync(email, Password);
    }
}
