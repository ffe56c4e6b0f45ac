using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Identity;

namespace Portal.Data;

/// <summary>Registers every repository once; each capability calls it, the first call wins.</summary>
public static class RepositoryServiceCollectionExtensions
{
    public static IServiceCollection AddRepositories(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ApplicationRepository>();
        services.TryAddSingleton<AuditRepository>();
        services.TryAddSingleton<EnrollmentTokenRepository>();
        services.TryAddSingleton<ExternalSoftwareRepository>();
        services.TryAddSingleton<JobEventRepository>();
        services.TryAddSingleton<JobListingRepository>();
        services.TryAddSingleton<JobRepository>();
        services.TryAddSingleton<MachineRepository>();
        services.TryAddSingleton<MaintenanceWindowRepository>();
        services.TryAddSingleton<RequiredInstallRepository>();
        services.TryAddSingleton<PackageRepository>();
        services.TryAddSingleton<ReportedEventRepository>();
        services.TryAddSingleton<UninstallRequestRepository>();
        services.TryAddSingleton<XmlOutboxRepository>();
        services.TryAddSingleton<UserDirectory>();
        return services;
    }
}
