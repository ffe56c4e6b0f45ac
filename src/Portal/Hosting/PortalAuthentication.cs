namespace Portal.Hosting;

public static class PortalAuthentication
{
    /// <summary>The default scheme: bearer tokens when the request has an Authorization header, else the sign-in cookie.</summary>
    public const string CookieOrBearerScheme = "CookieOrBearer";

    public const string LoginPath = "/account/login";
    public const string LogoutPath = "/account/logout";
    public const string AccessDeniedPath = "/account/access-denied";

    public static bool IsApiRequest(HttpRequest request) => request.Path.StartsWithSegments("/api");
}
