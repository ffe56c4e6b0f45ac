using Catalog.Users;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Identity;

namespace Portal.Hosting;

public static class PortalIdentityExtensions
{
    /// <summary>
    /// Identity with the Dapper stores, the sign-in cookie for pages, Identity bearer tokens for the API, lockout after
    /// 5 failures for 15 minutes, and the roles as authorization.
    /// </summary>
    public static IHostApplicationBuilder AddPortalIdentity(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services
            .AddAuthentication(options =>
            {
                options.DefaultScheme = PortalAuthentication.CookieOrBearerScheme;
                options.DefaultChallengeScheme = PortalAuthentication.CookieOrBearerScheme;
            })
            .AddPolicyScheme(PortalAuthentication.CookieOrBearerScheme, "Cookie or bearer token", options =>
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.Count > 0 ? IdentityConstants.BearerScheme : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme)
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = PortalAuthentication.LoginPath;
            options.LogoutPath = PortalAuthentication.LogoutPath;
            options.AccessDeniedPath = PortalAuthentication.AccessDeniedPath;
            options.Cookie.Name = "portal.auth";
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
        });

        services
            .AddIdentityCore<PortalUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 8;
                options.Password.RequiredUniqueChars = 4;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.AllowedForNewUsers = true;
                // Guessing from one address is held back by LoginThrottle (per account and address). The account-wide
                // lockout is only a backstop against guessing from many addresses: it needs many failures and is short,
                // so nobody can keep the administrator locked out with five wrong passwords (docs/security.md).
                options.Lockout.MaxFailedAccessAttempts = 50;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<PortalRole>()
            .AddUserStore<DapperUserStore>()
            .AddRoleStore<DapperRoleStore>()
            .AddClaimsPrincipalFactory<PortalClaimsPrincipalFactory>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        services.AddAuthorization();
        services.AddScoped<PortalUserAccounts>();
        services.AddSingleton<LoginThrottle>();
        services.AddScoped<PasswordSignIn>();
        services.AddScoped<UserAdministration>();
        services.TryAddSingleton<UserDirectory>();
        return builder;
    }

    private static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (PortalAuthentication.IsApiRequest(context.Request))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }
}
