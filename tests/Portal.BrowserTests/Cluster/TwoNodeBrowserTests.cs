using System.Text.Json;
using Catalog.Agents;
using Catalog.Applications;
using Catalog.Jobs;
using Catalog.Machines;
using Catalog.Users;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npgsql;
using Portal.AgentLink;
using Portal.BrowserTests.Infrastructure;
using Portal.Data;
using Portal.Identity;
using Portal.SelfService;

namespace Portal.BrowserTests.Cluster;

/// <summary>
/// Two portal nodes on one PostgreSQL database, an agent connected to node A, a user on a page served by node B: the
/// install queued on node B reaches the agent through node A, and node B's job page shows the agent's progress live and
/// then the success, without a reload. Runs only when <c>CATALOG_TEST_POSTGRES</c> is set (.ci/run sets it).
/// </summary>
public sealed class TwoNodeBrowserTests : IAsyncLifetime
{
    private const string Password = "Str0ng!Passw0rd";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private readonly string? _admin = Environment.GetEnvironmentVariable(PostgreSqlFactAttribute.Variable);
    private readonly string _database = $"browser_cluster_{Guid.NewGuid():N}";
    private readonly string _data = Directory.CreateTempSubdirectory("portal-cluster-").FullName;
    private PortalServer? _nodeA;
    private PortalServer? _nodeB;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    [PostgreSqlFact]
    public async Task AnInstallQueuedOnNodeB_RunsOnTheAgentOfNodeA_AndNodeBsPageShowsItsProgressLive()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(_admin) { Database = _database }.ConnectionString;
        _nodeA = new PortalServer(_data, 0, connectionString);
        var addressA = _nodeA.Start();
        _nodeB = new PortalServer(_data, 0, connectionString);
        var addressB = _nodeB.Start();

        var email = $"ivy-{Guid.NewGuid():N}"[..12] + "@example.com";
        await using (var scope = _nodeA.Services.CreateAsyncScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<PortalUserAccounts>().CreateAsync(email, Password, "Ivy Tester", [RoleNames.User]);
            Assert.True(created.Succeeded, created.Describe());
        }

        // The agent enrolls and connects to node A only.
        var enrollment = _nodeA.Services.GetRequiredService<EnrollmentService>();
        var token = await enrollment.CreateTokenAsync(email, 1, "two-node browser test", CancellationToken.None);
        var (_, enrolled) = await enrollment.EnrollAsync(new EnrollRequest(token.Token, "cluster-pc", Inventory()), CancellationToken.None);
        Assert.NotNull(enrolled);
        var delivered = new TaskCompletionSource<Guid>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var agent = new HubConnectionBuilder()
            .WithUrl(new Uri(addressA, AgentHubMethods.Path), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.AccessTokenProvider = () => Task.FromResult<string?>(enrolled.Credential);
            })
            .Build();
        agent.On<JsonElement>(AgentHubMethods.RunJob, message => delivered.TrySetResult(message.GetProperty("jobId").GetGuid()));
        await agent.StartAsync();

        // The user opens node B; the install is queued there.
        var application = await _nodeB.Services.GetRequiredService<ApplicationRepository>().UpsertAsync(new Application
        {
            Name = "Cluster Editor",
            Version = "1.0.0",
            Category = "Tools",
            Package = new PackageReference(new string('c', 64), 1024),
        });
        var actor = new SelfServiceActor(await UserIdAsync(email), email, [RoleNames.User]);
        var job = Assert.Single(await _nodeB.Services.GetRequiredService<InstallService>()
            .InstallAsync(actor, enrolled.MachineId, new InstallRequest(application.Id), CancellationToken.None));

        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = addressB.ToString(), ViewportSize = new ViewportSize { Width = 1366, Height = 800 } });
        var page = await context.NewPageAsync();
        await PortalPages.SignInAsync(page, email, Password);
        await page.GotoAsync($"jobs/{job.Id:D}");
        await PortalPages.WaitForInteractiveAsync(page);

        Assert.Equal(job.Id, await delivered.Task.WaitAsync(Wait));
        await agent.InvokeAsync(AgentHubMethods.Ack, job.Id);
        await agent.InvokeAsync(AgentHubMethods.Progress, job.Id, JobPhase.Installing, 40, "Copying files");
        await page.Locator("[data-testid=job-progress-text]", new() { HasText = "Copying files" }).WaitForAsync(new() { Timeout = (float)Wait.TotalMilliseconds });
        await PortalPages.ScreenshotAsync(page, "two-node-progress-on-node-b", ViewportKind.Desktop);

        await agent.InvokeAsync(AgentHubMethods.Completed, job.Id, JobState.Succeeded, "Cluster Editor 1.0.0 installed.");
        await page.Locator("[data-testid=job-state][data-state=Succeeded]").WaitForAsync(new() { Timeout = (float)Wait.TotalMilliseconds });
        await PortalPages.ScreenshotAsync(page, "two-node-succeeded-on-node-b", ViewportKind.Desktop);
        await context.CloseAsync();
    }

    public async Task InitializeAsync()
    {
        if (_admin is null)
        {
            return;
        }

        await using (var admin = new NpgsqlConnection(_admin))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {_database}", admin);
            await create.ExecuteNonQueryAsync();
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = PortalBrowserFixture.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        foreach (var node in new[] { _nodeB, _nodeA })
        {
            if (node is not null)
            {
                await node.DisposeAsync();
            }
        }

        if (_admin is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(_admin);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }

        Directory.Delete(_data, recursive: true);
    }

    private async Task<Guid> UserIdAsync(string email)
    {
        await using var scope = _nodeB!.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<PortalUser>>().FindByEmailAsync(email);
        return user!.Id;
    }

    private static Inventory Inventory() => new()
    {
        OsFamily = OsFamily.Linux,
        OsVersion = "12",
        CpuCount = 4,
        MemoryMb = 8192,
        HostName = "cluster-pc",
        Volumes = [new Volume("/", 200_000, 100_000)],
        ReportedAt = DateTimeOffset.UtcNow,
    };
}
