namespace Portal.Seeding;

/// <summary>
/// One step of the demo seed, run at start-up when <c>Portal:SeedDemo</c> is true, in ascending <see cref="Order"/>, after
/// migrations and roles. Steps must be idempotent (every start runs them again). Register with
/// <see cref="SeedingServiceCollectionExtensions.AddDemoSeedStep{TStep}"/>. Orders in use: 100 demo users; suggested 200
/// catalog, 300 packages, 400 machines.
/// </summary>
public interface IDemoSeedStep
{
    int Order { get; }

    string Name { get; }

    Task SeedAsync(CancellationToken cancellationToken);
}
