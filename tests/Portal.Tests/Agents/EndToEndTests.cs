using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Portal.Tests.Hosting;

namespace Portal.Tests.Agents;

/// <summary>
/// The portal (<c>dotnet Portal.dll</c>) and the agent (<c>clientagent enroll</c>, <c>clientagent run</c>) as separate
/// processes talking over real HTTP and WebSockets: enroll, install a real package, uninstall it, stop the agent with SIGTERM.
/// </summary>
public sealed class EndToEndTests : IDisposable
{
    private const string AdminEmail = "e2e-admin@example.org";
    private const string AdminPassword = "E2e-Passw0rd!";
    private readonly TempDirectory _temp = new();
    private readonly RealProcesses _processes = new();
    private Process? _agent;

    [Fact]
    public Task PortalAndAgentProcesses_InstallAndUninstallARealPackage() => InstallAndUninstallAsync(connectionString: null);

    /// <summary>The agent never opens a database, so it ships no database library.</summary>
    [Fact]
    public void TheAgentsBuildOutputHoldsNoDatabaseLibrary()
    {
        var output = RealProcessApi.BuildOutput("ClientAgent");
        Assert.True(File.Exists(Path.Combine(output, "clientagent.dll")), $"no agent build in {output}");
        var databaseLibraries = Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories)
            .Select(Path.GetFileName)
            .Where(name => name!.Contains("Sqlite", StringComparison.OrdinalIgnoreCase)
                || name.Contains("Npgsql", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("Dapper", StringComparison.OrdinalIgnoreCase)
                || name.Contains("e_sqlite3", StringComparison.OrdinalIgnoreCase))
            .ToList();
        Assert.Empty(databaseLibraries);
    }

    /// <summary>The same journey with the portal's state in PostgreSQL (the several-node store): agents connect and install.</summary>
    [PostgreSqlFact]
    public async Task PortalOnPostgreSqlAndAgentProcess_InstallAndUninstallARealPackage()
    {
        var admin = Environment.GetEnvironmentVariable(PostgreSqlFactAttribute.Variable)!;
        var database = $"e2e_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
            await create.ExecuteNonQueryAsync();
        }

        await InstallAndUninstallAsync(new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString);
    }

    /// <summary>
    /// The job lifecycle with a real agent process: a failed dependency stops its chain; the helpdesk's retry is a new
    /// attempt the agent really runs (the first attempt reached the agent), the chain resumes and the application the
    /// user asked for follows; then a running install is cancelled and its agent rolls it back.
    /// </summary>
    [Fact]
    public async Task RetryRunsAgainResumesTheChain_AndCancelRollsBackARunningInstall()
    {
        var (http, machineId, programs) = await StartPortalAndAgentAsync(connectionString: null);
        var marker = Path.Combine(_temp.Path, "dependency-may-install");
        var dependency = await CreateApplicationAsync(http, "Runtime", "%*PROGRAMS%/runtime/runtime.txt", "runtime", new
        {
            stage = "PreInstall",
            body = $"test -f '{marker}' || {{ echo 'runtime prerequisites missing' >&2; exit 3; }}",
        });
        var main = await CreateApplicationAsync(http, "Editor", "%*PROGRAMS%/editor/editor.txt", "editor", script: null, dependsOn: dependency);

        var install = await RealProcessApi.ReadJsonAsync(await http.PostAsJsonAsync($"/api/machines/{machineId}/installs", new { applicationId = main, answers = new { } }));
        var chain = install["jobs"]!.AsArray().Select(j => j!["id"]!.GetValue<Guid>()).ToList();
        Assert.Equal(2, chain.Count);
        var failed = await RealProcessApi.WaitForJobAsync(http, chain[0]);
        Assert.StartsWith("RolledBack:", failed, StringComparison.Ordinal);
        Assert.StartsWith("Cancelled:", await RealProcessApi.WaitForJobAsync(http, chain[1]), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(programs, "runtime")));

        await File.WriteAllTextAsync(marker, "ok");
        var retry = await RealProcessApi.ReadJsonAsync(await http.PostAsync($"/api/jobs/{chain[0]}/retry", null));
        var secondAttempt = retry["id"]!.GetValue<Guid>();
        Assert.NotEqual(chain[0], secondAttempt);
        Assert.Equal(2, retry["attempts"]!.GetValue<int>());
        Assert.StartsWith("Succeeded:", await RealProcessApi.WaitForJobAsync(http, secondAttempt), StringComparison.Ordinal);
        Assert.Equal("runtime", await File.ReadAllTextAsync(Path.Combine(programs, "runtime", "runtime.txt")));

        // The requested application follows as a new attempt of its own chain link.
        var editorJobs = (await RealProcessApi.ReadJsonAsync(await http.GetAsync($"/api/jobs?machineId={machineId}&applicationId={main}"))).AsArray();
        var editorAttempt = editorJobs.Single(j => j!["attempts"]!.GetValue<int>() == 2)!["id"]!.GetValue<Guid>();
        Assert.StartsWith("Succeeded:", await RealProcessApi.WaitForJobAsync(http, editorAttempt), StringComparison.Ordinal);
        Assert.Equal("editor", await File.ReadAllTextAsync(Path.Combine(programs, "editor", "editor.txt")));
        var history = (await RealProcessApi.ReadJsonAsync(await http.GetAsync($"/api/jobs/{chain[0]}")))["events"]!.AsArray().Select(e => e!["message"]!.GetValue<string>());
        Assert.Contains(history, m => m.Contains("Superseded by attempt 2", StringComparison.Ordinal));

        // Cancel while the agent runs the pre-install script: the agent stops and rolls back; nothing stays on disk.
        var started = Path.Combine(_temp.Path, "slow-started");
        var slow = await CreateApplicationAsync(http, "Slow", "%*PROGRAMS%/slow/slow.txt", "slow", new
        {
            stage = "PreInstall",
            body = $"touch '{started}'; sleep 60",
        });
        var slowJob = (await RealProcessApi.ReadJsonAsync(await http.PostAsJsonAsync($"/api/machines/{machineId}/installs", new { applicationId = slow, answers = new { } })))["jobId"]!.GetValue<Guid>();
        using (var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            while (!File.Exists(started))
            {
                await Task.Delay(100, wait.Token);
            }
        }

        var cancel = await http.PostAsync($"/api/jobs/{slowJob}/cancel", null);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        var cancelled = await RealProcessApi.WaitForJobAsync(http, slowJob);
        Assert.Matches("^(Cancelled|RolledBack):", cancelled);
        Assert.False(File.Exists(Path.Combine(programs, "slow", "slow.txt")));
    }

    private async Task InstallAndUninstallAsync(string? connectionString)
    {
        var (http, machineId, programs) = await StartPortalAndAgentAsync(connectionString);
        var applicationId = await CreateApplicationAsync(http, "Hello", "%*PROGRAMS%/hello/hello.txt", "hello from the portal", script: null);
        var install = await RealProcessApi.ReadJsonAsync(await http.PostAsJsonAsync($"/api/machines/{machineId}/installs", new { applicationId, answers = new { } }));
        var installState = await RealProcessApi.WaitForJobAsync(http, install["jobId"]!.GetValue<Guid>());
        Assert.True(installState.StartsWith("Succeeded:", StringComparison.Ordinal), installState);
        Assert.Equal("hello from the portal", await File.ReadAllTextAsync(Path.Combine(programs, "hello", "hello.txt")));
        await RealProcessApi.WaitForMachineAsync(http, machineId, machine => machine["installedApplications"]!.AsArray().Any(a => a!["name"]!.GetValue<string>() == "Hello"));

        var uninstall = await RealProcessApi.ReadJsonAsync(await http.PostAsJsonAsync($"/api/machines/{machineId}/uninstalls", new { applicationId }));
        var uninstallState = await RealProcessApi.WaitForJobAsync(http, uninstall["job"]!["id"]!.GetValue<Guid>());
        Assert.True(uninstallState.StartsWith("Succeeded:", StringComparison.Ordinal), uninstallState);
        Assert.False(File.Exists(Path.Combine(programs, "hello", "hello.txt")));

        var agent = _agent!;
        using (var term = Process.Start("kill", ["-TERM", agent.Id.ToString()]))
        {
            await term.WaitForExitAsync();
        }

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await agent.WaitForExitAsync(stop.Token);
        Assert.Equal(0, agent.ExitCode);
    }

    /// <summary>Starts the portal process, signs in, enrolls and starts a real agent process; returns when it is online.</summary>
    private async Task<(HttpClient Http, Guid MachineId, string Programs)> StartPortalAndAgentAsync(string? connectionString)
    {
        var (_, http) = await RealPortalProcess.StartAsync(_processes, _temp.Sub("portal-data"), AdminEmail, AdminPassword,
            connectionString is null ? null : new Dictionary<string, string> { ["ConnectionStrings__Portal"] = connectionString });
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await RealPortalProcess.LoginAsync(http, AdminEmail, AdminPassword));
        var programs = _temp.Sub("programs");
        (var machineId, _agent) = await RealAgentProcess.EnrollAndRunAsync(_processes, http, AdminEmail, _temp.Sub("agent-state"), programs, "e2e-machine");
        return (http, machineId, programs);
    }

    /// <summary>Creates an application with a one-file package (and optionally a script and a dependency); returns its id.</summary>
    private async Task<Guid> CreateApplicationAsync(HttpClient http, string name, string target, string content, object? script, Guid? dependsOn = null)
    {
        var package = await TestPackage.BuildAsync(_temp.Sub($"package-{name}"), name, "1.0", new Dictionary<string, string> { [target] = content });
        var application = await RealProcessApi.ReadJsonAsync(await http.PostAsJsonAsync("/api/applications", new
        {
            name,
            version = "1.0",
            uninstallPolicy = new { requiresApproval = false, promptBeforeUninstall = false },
            scripts = script is null ? Array.Empty<object>() : [script],
            dependencies = dependsOn is { } id ? new object[] { new { applicationId = id } } : [],
        }));
        var applicationId = application["id"]!.GetValue<Guid>();
        using var upload = new ByteArrayContent(package.Bytes);
        upload.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        await RealProcessApi.ReadJsonAsync(await http.PutAsync($"/api/applications/{applicationId}/package?fileName={name}.zip", upload));
        return applicationId;
    }

    public void Dispose()
    {
        _processes.Dispose();
        _temp.Dispose();
    }
}
