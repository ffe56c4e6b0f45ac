using Portal.Data;

namespace Portal.Scheduling;

/// <summary>Registers and maps required software on a schedule: the scheduler, "Later", maintenance windows.</summary>
public static class SchedulingExtensions
{
    public static IHostApplicationBuilder AddScheduling(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddRepositories();
        services.AddOptions<SchedulingOptions>().BindConfiguration("Portal:Scheduling")
            .Validate(o => o.Interval > TimeSpan.Zero && o.PageSize is > 0 and <= 500 && o.ClaimTimeout > TimeSpan.Zero,
                "Portal:Scheduling needs a positive Interval and ClaimTimeout and a PageSize of 1 to 500.")
            .ValidateOnStart();
        services.AddSingleton<RequiredSoftwareService>();
        services.AddSingleton<MaintenanceWindowService>();
        services.AddSingleton<BlockedJobService>();
        services.AddSingleton<RequiredInstallScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<RequiredInstallScheduler>());
        return builder;
    }

    public static WebApplication MapScheduling(this WebApplication app)
    {
        app.MapSchedulingApi();
        return app;
    }
}
