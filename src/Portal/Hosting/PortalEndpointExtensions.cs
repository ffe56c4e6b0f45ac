using Catalog.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Portal.Api;
using Portal.Components;

namespace Portal.Hosting;

public static class PortalEndpointExtensions
{
    /// <summary>The middleware pipeline and the portal's endpoints: pages, sign-out, REST API, OpenAPI, health.</summary>
    public static WebApplication MapPortal(this WebApplication app)
    {
        // API callers get RFC 7807 problem details; people get a page. Neither sees exception text.
        app.UseWhen(context => PortalAuthentication.IsApiRequest(context.Request), api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseWhen(context => !PortalAuthentication.IsApiRequest(context.Request), pages =>
        {
            pages.UseExceptionHandler("/error", createScopeForErrors: true);
            pages.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true);
        });

        // Routing after the handlers above so that their re-executed requests (/error, /status/404) are routed afresh.
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapOpenApi().AllowAnonymous();
        app.MapHealthChecks("/healthz").AllowAnonymous();
        app.MapAuthApi();
        app.MapUsersApi();

        app.MapPost(PortalAuthentication.LogoutPath, async ([FromForm] string? returnUrl, SignInManager<PortalUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect(PortalAuthentication.LoginPath);
        }).ExcludeFromDescription();

        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
