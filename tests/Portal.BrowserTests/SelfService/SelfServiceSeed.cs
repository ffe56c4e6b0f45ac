using Catalog.Applications;
using Portal.Data;
using Catalog.Jobs;
using Catalog.Machines;
using Catalog.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.AgentLink;
using Portal.Jobs;
using Portal.Reporting;
using Portal.BrowserTests.Infrastructure;

namespace Portal.BrowserTests.SelfService;

/// <summary>
/// Test data for self-service browser tests, written straight into the running portal's database, and the agent's
/// side of a job (progress, completion) driven through the same stores, notifier and dispatcher the hub uses.
/// </summary>
public sealed class SelfServiceSeed(PortalBrowserFixture portal)
{
    public const string Password = "Portal!2345";

    private T Get<T>() where T : notnull => portal.Services.GetRequiredService<T>();

    /// <summary>A fresh user (own name, so tests do not share machines) and returns the email.</summary>
    public async Task<string> NewUserAsync(string prefix)
    {
        var email = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)] + "@example.com";
        await portal.CreateUserAsync(email, Password, $"{char.ToUpperInvariant(prefix[0])}{prefix[1..]} Tester", RoleNames.User);
        return email;
    }

    public async Task<Machine> AddMachineAsync(string ownerEmail, string name, params InstalledApplication[] installed)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var owner = await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(ownerEmail);
        var machine = new Machine { Name = name, OwnerUserId = owner!.Id, CredentialHash = Guid.NewGuid().ToString("N"), EnrolledAt = DateTimeOffset.UtcNow };
        var machines = Get<MachineRepository>();
        await machines.AddAsync(machine);
        await machines.UpdateInventoryAsync(machine.Id, Inventory(installed), "10.0.0.7", DateTimeOffset.UtcNow);
        return (await machines.GetAsync(machine.Id))!;
    }

    public static Inventory Inventory(params InstalledApplication[] installed) => new()
    {
        OsFamily = OsFamily.Linux,
        OsVersion = "12",
        CpuCount = 4,
        MemoryMb = 8192,
        Volumes = [new Volume("/", 200_000, 100_000), new Volume("/home", 50_000, 20_000), new Volume("/data", 1_000, 50)],
        Applications = installed,
        SpecialMacros = new Dictionary<string, string> { ["*PROGRAMS"] = "/opt" },
        ReportedAt = DateTimeOffset.UtcNow,
    };

    public async Task<Application> AddApplicationAsync(string name, Func<Application, Application>? configure = null)
    {
        var application = new Application
        {
            Name = name,
            Version = "1.0.0",
            Publisher = "Example Soft",
            Description = $"{name} for the browser tests.",
            Category = "Tools",
            Icon = "build",
            Package = new PackageReference(new string('b', 64), 4096),
        };
        return await Get<ApplicationRepository>().UpsertAsync(configure?.Invoke(application) ?? application);
    }

    /// <summary>A machine of the user with one installed application whose removal the user has asked for.</summary>
    public async Task RequestUninstallAsync(string ownerEmail, string machineName, string reason)
    {
        var app = await AddApplicationAsync("Old tool " + Guid.NewGuid().ToString("N")[..4]);
        var machine = await AddMachineAsync(ownerEmail, machineName, new InstalledApplication(app.Id, app.Name, app.Version, DateTimeOffset.UtcNow));
        await Get<UninstallRequestRepository>().AddAsync(new UninstallRequest
        {
            MachineId = machine.Id,
            ApplicationId = app.Id,
            UserId = machine.OwnerUserId!.Value,
            Reason = reason,
            CreatedAt = DateTimeOffset.UtcNow.AddHours(-2),
        });
    }

    /// <summary>An install job for the application, queued for the machine's agent.</summary>
    public async Task<Job> QueuedInstallAsync(Machine machine, Application application) =>
        (await Get<JobLifecycle>().CreateInstallChainAsync(machine.OwnerUserId, machine.Id, [application], new Dictionary<string, string>(), CancellationToken.None))[^1];

    /// <summary>An install job for the application that the agent reported as failed.</summary>
    public async Task<Job> FailedInstallAsync(Machine machine, Application application, string detail)
    {
        var job = (await Get<JobLifecycle>().CreateInstallChainAsync(machine.OwnerUserId, machine.Id, [application], new Dictionary<string, string>(), CancellationToken.None))[^1];
        Assert.True(await Get<JobLifecycle>().CompleteAsync(machine.Id, job.Id, JobState.Failed, detail, CancellationToken.None));
        return job;
    }

    public async Task<IReadOnlyList<Job>> JobsAsync(Guid machineId) =>
        await Get<JobRepository>().ListAsync(new JobFilter { MachineId = machineId });

    /// <summary>What the hub does when the agent reports progress.</summary>
    public async Task ReportProgressAsync(Job job, JobPhase phase, int percent, string message)
    {
        await Get<JobLifecycle>().ProgressAsync(job.MachineId, job.Id, phase, percent, message, CancellationToken.None);
    }

    /// <summary>What the agent does at the end of a job: report the new inventory, then the outcome.</summary>
    public async Task CompleteAsync(Job job, Inventory inventory, string detail)
    {
        await Get<MachineReports>().InventoryAsync(job.MachineId, inventory, CancellationToken.None);
        Assert.True(await Get<JobLifecycle>().CompleteAsync(job.MachineId, job.Id, JobState.Succeeded, detail, CancellationToken.None));
    }
}
