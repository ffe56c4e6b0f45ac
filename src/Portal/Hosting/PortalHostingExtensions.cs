using System.Text.Json.Serialization;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.AspNetCore.Components.Authorization;
using Portal.Components.Interop;
using Portal.Cluster;
using Portal.Identity;
using Portal.Operations;
using Portal.Seeding;
using MudBlazor;
using MudBlazor.Services;

namespace Portal.Hosting;

public static class PortalHostingExtensions
{
    /// <summary>Everything the portal host needs: data, Identity, the REST API's plumbing and the Blazor UI.</summary>
    public static WebApplicationBuilder AddPortal(this WebApplicationBuilder builder)
    {
        // Serve static web assets (top-level wwwroot/, MudBlazor's _content/) from their build locations in every
        // environment, not only Development; after publish the manifest is absent and this does nothing.
        builder.WebHost.UseStaticWebAssets();
        // Quiet by default: the portal's own categories at Information, the framework's (request logging, the
        // authentication handlers' "not authenticated" on every agent connect) only from Warning. Lowest priority, so
        // appsettings.json or Logging__LogLevel__* in the environment still turn them up.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft"] = "Warning",
                ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
                ["Logging:LogLevel:System.Net.Http"] = "Warning",
            },
        });
        builder.AddPortalData();
        builder.AddPortalCluster();
        builder.AddPortalMetrics();
        builder.AddPortalIdentity();

        var services = builder.Services;
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            if (context.ProblemDetails.Status >= 500 && string.IsNullOrEmpty(context.ProblemDetails.Detail))
            {
                context.ProblemDetails.Detail = "The portal could not complete the request; the error has been logged. Try again later.";
            }
            else if (context.ProblemDetails.Status == 400 && string.IsNullOrEmpty(context.ProblemDetails.Detail))
            {
                // Minimal APIs answer a body or parameter they cannot bind with a bare 400.
                context.ProblemDetails.Detail =
                    "The request could not be read: check that the body is JSON of the documented shape (/openapi/v1.json) and that every value has the right type.";
            }
        });
        // The API speaks the same JSON as the hub and the database documents: enums by name.
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddOpenApi();

        services.AddRazorComponents().AddInteractiveServerComponents(options =>
            // How long a page paused while idle can be resumed from the state it keeps in the browser (docs/portal.md,
            // "Idle pages"); after that it loads its address again.
            options.PersistedCircuitInMemoryRetentionPeriod = TimeSpan.FromHours(2));
        // JS interop contracts reuse one set of emitted accessors instead of a set per circuit (docs/portal.md, "Memory per circuit").
        services.AddSharedInteropContracts();
        services.AddOptions<IdlePauseOptions>().BindConfiguration(IdlePauseOptions.SectionName)
            .Validate(o => o.Hidden >= TimeSpan.Zero && o.Hidden <= IdlePauseOptions.Longest && o.Idle >= TimeSpan.Zero && o.Idle <= IdlePauseOptions.Longest,
                "Portal:IdlePause:Hidden and Portal:IdlePause:Idle must be between 00:00:00 (never pause) and 1.00:00:00.")
            .ValidateOnStart();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, PortalRevalidatingAuthenticationStateProvider>();
        services.AddMudServices(options =>
        {
            // Toasts sit bottom-right (bottom-centre on a phone via CSS) so they never cover the machine picker at the top.
            options.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
            options.SnackbarConfiguration.PreventDuplicates = false;
            options.SnackbarConfiguration.VisibleStateDuration = 6000;
            options.SnackbarConfiguration.ShowCloseIcon = true;
        });

        services.AddDemoSeedStep<DemoUsersSeedStep>();
        services.AddDemoSeedStep<DemoAgentTokenSeedStep>();
        return builder;
    }
}
