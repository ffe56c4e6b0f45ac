using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
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
    private readonly List<Process> _processes = [];
    private readonly List<HttpClient> _clients = [];

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

        var agent = _processes[^1];
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
        var port = FreePort();
        var portalUrl = $"http://127.0.0.1:{port}";
        StartPortal(port, connectionString);
        var http = new HttpClient { BaseAddress = new Uri(portalUrl), Timeout = TimeSpan.FromSeconds(30) };
        _clients.Add(http);
        await WaitForHealthAsync(http);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await LoginAsync(http));

        var tokenResponse = await RealProcessApi.ReadJsonAsync(await http.PostAsJsonAsync("/api/enrollment-tokens", new { ownerEmail = AdminEmail, expiresInHours = 1 }));
        var state = _temp.Sub("agent-state");
        var programs = _temp.Sub("programs");
        var enroll = await RunToEndAsync(Agent("enroll", "--portal", portalUrl, "--token", tokenResponse["token"]!.GetValue<string>(),
            "--state-dir", state, "--name", "e2e-machine"));
        Assert.True(enroll.ExitCode == 0, enroll.Output);
        var machineId = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(state, "agent.json"))).RootElement.GetProperty("machineId").GetGuid();
        Start(Agent("run", "--state-dir", state, "--macro", $"*PROGRAMS={programs}"));
        await RealProcessApi.WaitForMachineAsync(http, machineId, machine => machine["online"]!.GetValue<bool>() && machine["operatingSystem"]!.GetValue<string>() != "");
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

    private void StartPortal(int port, string? connectionString)
    {
        var output = RealProcessApi.BuildOutput("Portal");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = output };
        foreach (var argument in new[] { Path.Combine(output, "Portal.dll"), "--urls", $"http://127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["Portal__DataDirectory"] = _temp.Sub("portal-data");
        start.Environment["Portal__BootstrapAdmin__Email"] = AdminEmail;
        start.Environment["Portal__BootstrapAdmin__Password"] = AdminPassword;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        if (connectionString is not null)
        {
            start.Environment["ConnectionStrings__Portal"] = connectionString;
        }

        Start(start);
    }

    private static ProcessStartInfo Agent(params string[] arguments)
    {
        var output = RealProcessApi.BuildOutput("ClientAgent");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = output };
        start.ArgumentList.Add(Path.Combine(output, "clientagent.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private Process Start(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add(process);
        return process;
    }

    private static async Task<(int ExitCode, string Output)> RunToEndAsync(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitForHealthAsync(HttpClient http)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            try
            {
                using var response = await http.GetAsync("/healthz", timeout.Token);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200, timeout.Token);
        }
    }

    private static async Task<string> LoginAsync(HttpClient http)
    {
        var login = await RealProcessApi.ReadJsonAsync(await http.PostAsJsonAsync("/api/auth/login", new { email = AdminEmail, password = AdminPassword }));
        return login["accessToken"]!.GetValue<string>();
    }

    public void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        foreach (var process in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }

            process.Dispose();
        }

        _temp.Dispose();
    }
}
