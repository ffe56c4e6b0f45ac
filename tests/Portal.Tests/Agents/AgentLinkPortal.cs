using System.Net.Http.Json;
using Catalog.Agents;
using Catalog.Applications;
using Portal.Data;
using Catalog.Serialization;
using ClientAgent.Connection;
using ClientAgent.Service;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.AgentLink;
using Portal.Jobs;
using Portal.Reporting;

namespace Portal.Tests.Agents;

/// <summary>
/// The portal in process (WebApplicationFactory over a temp data directory with a real SQLite file), plus helpers to
/// enroll agents and connect them over the TestServer's WebSockets.
/// </summary>
public sealed class AgentLinkPortal : WebApplicationFactory<AgentHub>
{
    public AgentLinkPortal(string dataDirectory, TimeProvider? time = null, string? connectionString = null)
    {
        DataDirectory = dataDirectory;
        Time = time;
        ConnectionString = connectionString;
    }

    /// <summary>The PostgreSQL database the portal runs on; null for the SQLite file in the data directory.</summary>
    public string? ConnectionString { get; }

    public string DataDirectory { get; }

    public TimeProvider? Time { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Portal:DataDirectory", DataDirectory);
        builder.UseSetting("Portal:OutboxInterval", "00:00:00.200");
        if (ConnectionString is not null)
        {
            builder.UseSetting("ConnectionStrings:Portal", ConnectionString);
        }

        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        if (Time is not null)
        {
            builder.ConfigureServices(services => services.AddSingleton(Time));
        }
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public async Task MigrateAsync() => await new MigrationRunner(Get<IDbConnectionFactory>()).MigrateAsync();

    /// <summary>
    /// Starts the portal on a SQLite file, or with <paramref name="onPostgreSql"/> on a new PostgreSQL database of the
    /// server named by CATALOG_TEST_POSTGRES (SQLite again where no server is configured).
    /// </summary>
    public static async Task<AgentLinkPortal> StartAsync(string dataDirectory, TimeProvider? time = null, bool onPostgreSql = false)
    {
        // Schema first, so the portal's background services never meet an empty database.
        var connectionString = onPostgreSql ? await NewPostgreSqlDatabaseAsync() : null;
        IDbConnectionFactory store = connectionString is null
            ? new SqliteConnectionFactory(Path.Combine(dataDirectory, "portal.db"))
            : new NpgsqlConnectionFactory(connectionString);
        await new MigrationRunner(store).MigrateAsync();
        var portal = new AgentLinkPortal(dataDirectory, time, connectionString);
        _ = portal.Server; // build and start the host
        await portal.MigrateAsync();
        return portal;
    }

    public Uri BaseAddress => Server.BaseAddress;

    private static async Task<string?> NewPostgreSqlDatabaseAsync()
    {
        var admin = Environment.GetEnvironmentVariable(Hosting.PostgreSqlFactAttribute.Variable);
        if (string.IsNullOrWhiteSpace(admin))
        {
            return null;
        }

        var database = $"agentlink_{Guid.NewGuid():N}";
        await using (var connection = new Npgsql.NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await connection.ExecuteAsync($"CREATE DATABASE {database}");
        }

        return new Npgsql.NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
    }

    public async Task<AgentCredentials> EnrollAsync(string machineName = "pc-1")
    {
        var token = await Get<EnrollmentService>().CreateTokenAsync(null, 1, "test", CancellationToken.None);
        var client = new EnrollmentClient(CreateClient());
        return await client.EnrollAsync(BaseAddress, token.Token, machineName, null, CancellationToken.None);
    }

    /// <summary>
    /// Points the official SignalR client at this in-process portal: HTTP through the TestServer's handler, the hub
    /// WebSocket through its WebSocket client, carrying the agent's bearer credential as the real client would.
    /// </summary>
    public void ConfigureConnection(HttpConnectionOptions options)
    {
        options.HttpMessageHandlerFactory = _ => Server.CreateHandler();
        options.WebSocketFactory = async (context, cancellationToken) =>
        {
            var client = Server.CreateWebSocketClient();
            var token = context.Options.AccessTokenProvider is { } provider ? await provider() : null;
            client.ConfigureRequest = request => request.Headers.Authorization = $"Bearer {token}";
            return await client.ConnectAsync(context.Uri, cancellationToken);
        };
    }

    /// <summary>A bare hub client speaking the agent protocol (no agent service behind it).</summary>
    public HubConnection CreateHubConnection(string credential) =>
        AgentHubConnection.Create(BaseAddress, credential, new JitteredBackoffRetryPolicy(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200)), ConfigureConnection);

    /// <summary>An HttpClient reaching this in-process portal (for the agent's package downloads).</summary>
    public HttpClient CreatePortalHttpClient() => CreateDefaultClient();

    public async Task<Application> AddApplicationAsync(Application application)
    {
        var now = DateTimeOffset.UtcNow;
        await using var connection = await Get<IDbConnectionFactory>().OpenAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO applications (id, name, version, publisher, category, package_sha256, document, created_at, updated_at)
            VALUES (@id, @name, @version, @publisher, @category, @sha, @document, @now, @now)
            """,
            new
            {
                id = application.Id.ToString("D"),
                name = application.Name,
                version = application.Version,
                publisher = application.Publisher,
                category = application.Category,
                sha = application.Package?.Sha256,
                document = System.Text.Json.JsonSerializer.Serialize(application, CatalogJson.Options),
                now = now.ToString("O"),
            });
        return application;
    }

    /// <summary>Stores package bytes in the portal's package store and returns the reference.</summary>
    public async Task<PackageReference> AddPackageAsync(byte[] bytes)
    {
        var (sha, size) = await Get<PackageStore>().AddAsync(new MemoryStream(bytes), null, CancellationToken.None);
        return new PackageReference(sha, size);
    }

    public Task<HttpResponseMessage> PostEnrollAsync(string token, string machineName = "pc") =>
        CreateClient().PostAsJsonAsync("/api/agents/enroll", new EnrollRequest(token, machineName), CatalogJson.Options);

    /// <summary>
    /// Queues an install as the install service would: the dependency plan first (refused with the resolver's reason
    /// as <see cref="InvalidOperationException"/>), then the chain through the job lifecycle.
    /// </summary>
    public async Task<IReadOnlyList<Catalog.Jobs.Job>> InstallAsync(Catalog.Machines.Machine machine, Application application, IReadOnlyDictionary<string, string>? answers = null)
    {
        var catalog = await Get<ApplicationRepository>().ListAsync();
        var external = await Get<ExternalSoftwareRepository>().GetCurrentAsync();
        var plan = Catalog.Dependencies.DependencyResolver.Resolve(
            application, catalog.Any(a => a.Id == application.Id) ? catalog : [.. catalog, application], machine.Inventory ?? new Catalog.Machines.Inventory(), external);
        if (plan.IsRefused)
        {
            throw new InvalidOperationException($"{application.Name} {application.Version} cannot be installed on {machine.Name}: {plan.Refusal}");
        }

        return await Get<JobLifecycle>().CreateInstallChainAsync(null, machine.Id, plan.InstallOrder, answers ?? new Dictionary<string, string>(), CancellationToken.None);
    }

    public async Task<Catalog.Machines.Machine> MachineAsync(Guid machineId) => (await Get<MachineRepository>().GetAsync(machineId))!;

    public async Task<Catalog.Jobs.Job?> JobAsync(Guid jobId) => await Get<JobRepository>().GetAsync(jobId);

    public async Task<IReadOnlyList<Catalog.Jobs.Job>> JobsOfMachineAsync(Guid machineId) =>
        (await Get<JobRepository>().ListAsync(new JobFilter { MachineId = machineId, Limit = 1000 })).OrderBy(j => j.CreatedAt).ThenBy(j => j.ChainOrder).ToList();

    public async Task<IReadOnlyList<Catalog.Events.ReportedEvent>> EventsOfMachineAsync(Guid machineId) =>
        (await Get<ReportedEventRepository>().QueryAsync(new EventQuery { MachineId = machineId, Limit = 1000 })).OrderBy(e => e.Id).ToList();

    public async Task<int> OutboxCountAsync()
    {
        await using var connection = await Get<IDbConnectionFactory>().OpenAsync();
        return (int)await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM xml_outbox");
    }
}
