using Portal.Data;

namespace Portal.SelfService;

/// <summary>Registers and maps the end-user and helpdesk side: catalog, installs, uninstalls, approvals, jobs.</summary>
public static class SelfServiceExtensions
{
    public static IHostApplicationBuilder AddSelfService(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddRepositories();
        services.AddSingleton<FilterEventThrottle>();
        services.AddSingleton<UninstallRequestNotifier>();
        services.AddSingleton<MachineAccess>();
        services.AddSingleton<MachineDirectory>();
        services.AddSingleton<CatalogQuery>();
        services.AddSingleton<InstallService>();
        services.AddSingleton<UpdateService>();
        services.AddSingleton<UninstallService>();
        services.AddSingleton<ApprovalService>();
        services.AddSingleton<UninstallRequestWithdrawal>();
        services.AddSingleton<JobPageQuery>();
        services.AddSingleton<JobQueries>();
        return builder;
    }

    public static WebApplication MapSelfService(this WebApplication app)
    {
        app.MapSelfServiceApi();
        app.MapUpdateApi();
        return app;
    }
}
