using Portal.Data;
using Catalog.Users;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Demo;
using Portal.Seeding;

namespace Portal.Administration;

/// <summary>Registers and maps the administrator's side: application management, external software, reports and the demo catalog.</summary>
public static class AdministrationExtensions
{
    public const string AdministratorPolicy = "Administration";

    public static IHostApplicationBuilder AddAdministration(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddRepositories();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<ApplicationAdminService>();
        services.AddSingleton<ExternalSoftwareAdminService>();
        services.AddAuthorization(options =>
            options.AddPolicy(AdministratorPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(RoleNames.Administrator)));
        services.AddDemoSeedStep<DemoCatalogSeedStep>();
        return builder;
    }

    public static WebApplication MapAdministration(this WebApplication app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(AdministratorPolicy);
        ApplicationEndpoints.Map(api);
        ExternalSoftwareEndpoints.Map(api);
        ReportEndpoints.Map(api);
        return app;
    }
}
