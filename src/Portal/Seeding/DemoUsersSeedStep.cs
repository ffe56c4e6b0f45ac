using Catalog.Users;
using Microsoft.AspNetCore.Identity;
using Portal.Identity;

namespace Portal.Seeding;

/// <summary>Creates the <see cref="DemoUsers"/> that do not exist yet (by email); existing accounts are left as they are.</summary>
public sealed class DemoUsersSeedStep(UserManager<PortalUser> users, PortalUserAccounts accounts, ILogger<DemoUsersSeedStep> logger) : IDemoSeedStep
{
    public int Order => 100;

    public string Name => "demo users";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        foreach (var (email, displayName, role) in DemoUsers.All)
        {
            if (await users.FindByEmailAsync(email) is not null)
            {
                continue;
            }

            var result = await accounts.CreateAsync(email, DemoUsers.Password, displayName, [role], cancellationToken);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Could not create demo user {email}: {result.Describe()}");
            }

            logger.LogInformation("Created demo user {Email} ({Role})", email, role);
        }
    }
}
