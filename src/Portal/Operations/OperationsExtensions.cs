using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;
using Portal.AgentLink;

namespace Portal.Operations;

/// <summary>
/// <c>/metrics</c> in Prometheus text format through OpenTelemetry: the portal's own meter (<see cref="PortalMetrics"/>),
/// ASP.NET Core's request metrics, and Kestrel's and SignalR's connection metrics. See docs/operations.md.
/// </summary>
public static class OperationsExtensions
{
    public const string MetricsPath = "/metrics";

    public static IHostApplicationBuilder AddPortalMetrics(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton<AgentConnectionRegistry>();
        services.AddSingleton<PortalMetrics>();
        services.AddScoped<CircuitHandler, CircuitCounter>();
        services.AddHostedService<JobStateSampler>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(PortalMetrics.MeterName)
            .AddMeter("Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Http.Connections")
            .AddAspNetCoreInstrumentation()
            .AddPrometheusExporter());
        return builder;
    }

    /// <summary>Maps <c>/metrics</c> without sign-in, as Prometheus scrapes; restrict who reaches it at the proxy (docs/operations.md).</summary>
    public static WebApplication MapPortalMetrics(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(MetricsPath).AllowAnonymous();
        return app;
    }
}
