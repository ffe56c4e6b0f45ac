namespace Portal.Seeding;

public static class SeedingServiceCollectionExtensions
{
    /// <summary>Adds a demo seed step (scoped: it may use UserManager and other scoped services).</summary>
    public static IServiceCollection AddDemoSeedStep<TStep>(this IServiceCollection services)
        where TStep : class, IDemoSeedStep
    {
        services.AddScoped<IDemoSeedStep, TStep>();
        return services;
    }
}
