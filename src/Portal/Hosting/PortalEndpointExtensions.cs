using Catalog.Users;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Portal.Api;
using Portal.Components;
using Portal.Operations;

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

        app.Use(AddSecurityHeaders);

        // Routing after the handlers above so that their re-executed requests (/error, /status/404) are routed afresh.
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapOpenApi().AllowAnonymous();
        app.MapHealthChecks("/healthz").AllowAnonymous();
        app.MapPortalMetrics();
        app.MapAuthApi();
        app.MapUsersApi();

        // Sign-out checks the antiforgery token itself, so a forged or token-less post is a 400, not an exception.
        app.MapPost(PortalAuthentication.LogoutPath, async Task<IResult> (HttpContext context, IAntiforgery antiforgery, SignInManager<PortalUser> signIn) =>
        {
            bool valid;
            try
            {
                valid = await antiforgery.IsRequestValidAsync(context);
            }
            catch (Exception exception) when (exception is InvalidDataException or IOException or BadHttpRequestException)
            {
                valid = false;
            }

            if (!valid)
            {
                return TypedResults.BadRequest();
            }

            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect(PortalAuthentication.LoginPath);
        }).DisableAntiforgery().ExcludeFromDescription();

        // No WebSocket compression for circuits: with it (Blazor's default) every circuit keeps a zlib deflate and inflate
        // state for its connection's whole life, some 300 KB of native memory each, more than the rest of an idle
        // catalog circuit (the circuits benchmark, docs/portal.md); render batches of a portal on the company network
        // are small, and without compression no secret on a page can leak through compressed sizes either.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(options => options.DisableWebSocketCompression = true);
        return app;
    }

    /// <summary>
    /// Headers on every response: no MIME sniffing, no referrer to other sites, and a Content-Security-Policy that
    /// allows only the portal's own scripts (Blazor Server and the UI library need no eval and no inline script),
    /// inline styles (component libraries set style attributes), same-origin images, fonts and the circuit's
    /// WebSocket, and no framing by other sites.
    /// </summary>
    private static Task AddSecurityHeaders(HttpContext context, Func<Task> next)
    {
        // A re-executed request (status pages) passes here again for the same response: add the headers once.
        if (!context.Items.TryAdd(nameof(AddSecurityHeaders), true))
        {
            return next();
        }

        var host = context.Request.Host.Value;
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            // Appended: Blazor's own "frame-ancestors 'self'" policy, when present, stays and both are enforced.
            var sockets = string.IsNullOrEmpty(host) ? "" : $" ws://{host} wss://{host}";
            headers.Append("Content-Security-Policy",
                "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
                $"connect-src 'self'{sockets}; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'");

            return Task.CompletedTask;
        });
        return next();
    }
}
