using Catalog.Applications;
using Portal.Data;
using Catalog.Machines;
using Catalog.Macros;
using Catalog.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Seeding;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.SelfService;

/// <summary>
/// One portal (demo users, temp SQLite) shared by a test class. Each test creates its own machines and applications
/// with unique names, so tests do not see each other's data.
/// </summary>
public sealed class SelfServiceFixture : IAsyncLifetime
{
    public PortalFactory Factory { get; } = PortalFactory.WithDemo();

    public HttpClient Alice { get; private set; } = null!;

    public HttpClient Bob { get; private set; } = null!;

    public HttpClient Helpdesk { get; private set; } = null!;

    public T Get<T>() where T : notnull => Factory.Services.GetRequiredService<T>();

    public async Task InitializeAsync()
    {
        Alice = await Factory.CreateClientForAsync("alice@example.com", DemoUsers.Password);
        Bob = await Factory.CreateClientForAsync("bob@example.com", DemoUsers.Password);
        Helpdesk = await Factory.CreateClientForAsync("helpdesk@example.com", DemoUsers.Password);
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();

    public async Task<Guid> UserIdAsync(string email)
    {
        using var scope = Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        return (await users.FindByEmailAsync(email))!.Id;
    }

    /// <summary>A machine owned by the user, with a root volume of 100 GB free and a small /data volume of 50 MB free.</summary>
    public async Task<Machine> AddMachineAsync(string ownerEmail, params InstalledApplication[] installed)
    {
        var machine = new Machine
        {
            Name = "pc-" + Guid.NewGuid().ToString("N")[..8],
            OwnerUserId = await UserIdAsync(ownerEmail),
            CredentialHash = Guid.NewGuid().ToString("N"),
            EnrolledAt = DateTimeOffset.UtcNow,
        };
        var repository = Get<MachineRepository>();
        await repository.AddAsync(machine);
        var inventory = new Inventory
        {
            OsFamily = OsFamily.Linux,
            OsVersion = "12",
            CpuCount = 4,
            MemoryMb = 8192,
            Volumes = [new Volume("/", 200_000, 100_000), new Volume("/data", 1_000, 50)],
            Applications = installed,
            SpecialMacros = new Dictionary<string, string> { ["*PROGRAMS"] = "/opt" },
            ReportedAt = DateTimeOffset.UtcNow,
        };
        await repository.UpdateInventoryAsync(machine.Id, inventory, "10.0.0.5", DateTimeOffset.UtcNow);
        return (await repository.GetAsync(machine.Id))!;
    }

    public async Task<Application> AddApplicationAsync(Func<Application, Application>? configure = null)
    {
        var application = new Application
        {
            Name = "App " + Guid.NewGuid().ToString("N")[..8],
            Version = "1.0.0",
            Publisher = "Example",
            Category = "Tools",
            Package = new PackageReference(new string('a', 64), 1234),
        };
        application = configure?.Invoke(application) ?? application;
        return await Get<ApplicationRepository>().UpsertAsync(application);
    }

    /// <summary>An application with a volume prompt (500 MB minimum) and a path-string prompt of at most 20 characters.</summary>
    public Task<Application> AddPromptingApplicationAsync() =>
        AddApplicationAsync(a => a with
        {
            Macros =
            [
                new PromptedVolumeMacro { Name = "INSTALLVOL", Prompt = "Install on", DefaultVolume = "/", MinimumFreeMb = 500 },
                new PromptedStringMacro { Name = "FOLDER", Prompt = "Folder name", Default = "editor", MaximumLength = 20 },
            ],
        });
}
