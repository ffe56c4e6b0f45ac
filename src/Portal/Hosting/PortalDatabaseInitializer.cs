using Portal.Data;
using Catalog.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Portal.Identity;
using Portal.Seeding;

namespace Portal.Hosting;

/// <summary>
/// Runs before the server accepts requests: applies migrations, creates the roles, creates the bootstrap administrator
/// when no administrator exists, and (with <c>Portal:SeedDemo</c>) runs the demo seed steps in order.
/// </summary>
internal sealed class PortalDatabaseInitializer(
    IServiceScopeFactory scopes,
    MigrationRunner migrations,
    IOptions<PortalOptions> options,
    ILogger<PortalDatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var applied = await migrations.MigrateAsync(cancellationToken);
        logger.LogInformation("Database ready ({Applied} migration(s) applied)", applied);

        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        await EnsureRolesAsync(services.GetRequiredService<RoleManager<PortalRole>>());
        await EnsureBootstrapAdministratorAsync(services, options.Value.BootstrapAdmin, cancellationToken);

        if (options.Value.SeedDemo)
        {
            foreach (var step in services.GetServices<IDemoSeedStep>().OrderBy(s => s.Order))
            {
                logger.LogInformation("Demo seed: {Step}", step.Name);
                await step.SeedAsync(cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task EnsureRolesAsync(RoleManager<PortalRole> roles)
    {
        foreach (var name in RoleNames.All)
        {
            if (await roles.RoleExistsAsync(name))
            {
                continue;
            }

            var result = await roles.CreateAsync(new PortalRole { Name = name });
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Could not create role {name}: {result.Describe()}");
            }
        }
    }

    private async Task EnsureBootstrapAdministratorAsync(IServiceProvider services, BootstrapAdminOptions admin, CancellationToken cancellationToken)
    {
        if (!admin.IsConfigured || await services.GetRequiredService<UserDirectory>().CountInRoleAsync(RoleNames.Administrator, cancellationToken) > 0)
        {
            return;
        }

        var users = services.GetRequiredService<UserManager<PortalUser>>();
        var existing = await users.FindByEmailAsync(admin.Email!);
        if (existing is not null)
        {
            var promoted = await users.AddToRoleAsync(existing, RoleNames.Administrator);
            if (!promoted.Succeeded)
            {
                throw new InvalidOperationException($"Could not make {admin.Email} an administrator: {promoted.Describe()}");
            }

            logger.LogInformation("Bootstrap: existing user {Email} is now an administrator", admin.Email);
            return;
        }

        var created = await services.GetRequiredService<PortalUserAccounts>()
            .CreateAsync(admin.Email!, admin.Password!, admin.DisplayName, [RoleNames.Administrator], cancellationToken);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException($"Could not create the bootstrap administrator {admin.Email}: {created.Describe()}");
        }

        logger.LogInformation("Bootstrap: created administrator {Email}", admin.Email);
    }
}
