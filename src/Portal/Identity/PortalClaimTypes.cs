namespace Portal.Identity;

public static class PortalClaimTypes
{
    /// <summary>The user's display name (the name claim holds the email, which is the Identity user name).</summary>
    public const string DisplayName = "portal:display_name";
}
