using System.Globalization;
using Catalog.Users;

namespace Portal.Identity;

/// <summary>A <c>users</c> row as stored (TEXT ids and timestamps, INTEGER booleans), converted to and from <see cref="PortalUser"/>.</summary>
internal sealed class UserRow
{
    public const string Columns = """
        id AS Id, email AS Email, normalized_email AS NormalizedEmail, user_name AS UserName,
        normalized_user_name AS NormalizedUserName, display_name AS DisplayName, password_hash AS PasswordHash,
        security_stamp AS SecurityStamp, concurrency_stamp AS ConcurrencyStamp, email_confirmed AS EmailConfirmed,
        lockout_enabled AS LockoutEnabled, lockout_end AS LockoutEnd, access_failed_count AS AccessFailedCount
        """;

    public string Id { get; set; } = "";
    public string Email { get; set; } = "";
    public string NormalizedEmail { get; set; } = "";
    public string UserName { get; set; } = "";
    public string NormalizedUserName { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string? PasswordHash { get; set; }
    public string SecurityStamp { get; set; } = "";
    public string ConcurrencyStamp { get; set; } = "";
    public long EmailConfirmed { get; set; }
    public long LockoutEnabled { get; set; }
    public string? LockoutEnd { get; set; }
    public long AccessFailedCount { get; set; }

    public PortalUser ToUser() => new()
    {
        Id = Guid.Parse(Id),
        Email = Email,
        NormalizedEmail = NormalizedEmail,
        UserName = UserName,
        NormalizedUserName = NormalizedUserName,
        DisplayName = DisplayName,
        PasswordHash = PasswordHash,
        SecurityStamp = SecurityStamp,
        ConcurrencyStamp = ConcurrencyStamp,
        EmailConfirmed = EmailConfirmed != 0,
        LockoutEnabled = LockoutEnabled != 0,
        LockoutEnd = LockoutEnd is null ? null : DateTimeOffset.Parse(LockoutEnd, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
        AccessFailedCount = (int)AccessFailedCount,
    };

    /// <summary>The parameters of an INSERT or UPDATE; <paramref name="newConcurrencyStamp"/> replaces the user's stamp.</summary>
    public static object Parameters(PortalUser user, string newConcurrencyStamp) => new
    {
        id = IdText(user.Id),
        email = user.Email,
        normalizedEmail = user.NormalizedEmail,
        userName = user.UserName,
        normalizedUserName = user.NormalizedUserName,
        displayName = user.DisplayName,
        passwordHash = user.PasswordHash,
        securityStamp = user.SecurityStamp,
        oldConcurrencyStamp = user.ConcurrencyStamp,
        concurrencyStamp = newConcurrencyStamp,
        emailConfirmed = user.EmailConfirmed ? 1 : 0,
        lockoutEnabled = user.LockoutEnabled ? 1 : 0,
        lockoutEnd = user.LockoutEnd?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        accessFailedCount = user.AccessFailedCount,
    };

    /// <summary>Ids are stored as lower-case "D" GUID text.</summary>
    public static string IdText(Guid id) => id.ToString("D");
}
