using Microsoft.AspNetCore.Components.Authorization;
using Portal.Identity;
using Portal.Seeding;
using Radzen;

namespace Portal.Hosting;

public static class PortalHostingExtensions
{
    /// <summary>Everything the portal host needs: data, Identity, the REST API's plumbing and the Blazor UI.</summary>
    public static WebApplicationBuilder AddPortal(this WebApplicationBuilder builder)
    {
        // Serve static web assets (top-level wwwroot/, Radzen's _content/) from their build locations in every
        // environment, not only Development; after publish the manifest is absent and this does nothing.
        builder.WebHost.UseStaticWebAssets();
        builder.AddPortalData();
        builder.AddPortalIdentity();

        var services = builder.Services;
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            if (context.ProblemDetails.Status >= 500 && string.IsNullOrEmpty(context.ProblemDetails.Detail))
            {
                context.ProblemDetails.Detail = "The portal could not complete the request; the error has been logged. Try again later.";
            }
        });
        services.AddOpenApi();

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, PortalRevalidatingAuthenticationStateProvider>();
        services.AddRadzenComponents();

        services.AddDemoSeedStep<DemoUsersSeedStep>();
        services.AddDemoSeedStep<DemoAgentTokenSeedStep>();
        return builder;
    }
}
