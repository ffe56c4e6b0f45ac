using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;

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

    [Fact]
    public async Task PortalAndAgentProcesses_InstallAndUninstallARealPackage()
    {
        var port = FreePort();
        var portalUrl = $"http://127.0.0.1:{port}";
        StartPortal(port);
        using var http = new HttpClient { BaseAddress = new Uri(portalUrl), Timeout = TimeSpan.FromSeconds(30) };
        await WaitForHealthAsync(http);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await LoginAsync(http));

        var tokenResponse = await ReadJsonAsync(await http.PostAsJsonAsync("/api/enrollment-tokens", new { ownerEmail = AdminEmail, expiresInHours = 1 }));
        var package = await TestPackage.BuildAsync(_temp.Path, "Hello", "1.0",
            new Dictionary<string, string> { ["%*PROGRAMS%/hello/hello.txt"] = "hello from the portal" });
        var application = await ReadJsonAsync(await http.PostAsJsonAsync("/api/applications", new
        {
            name = "Hello",
            version = "1.0",
            uninstallPolicy = new { requiresApproval = false, promptBeforeUninstall = false },
        }));
        var applicationId = application["id"]!.GetValue<Guid>();
        using (var upload = new ByteArrayContent(package.Bytes))
        {
            upload.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
            await ReadJsonAsync(await http.PutAsync($"/api/applications/{applicationId}/package?fileName=hello.zip", upload));
        }

        var state = _temp.Sub("agent-state");
        var programs = _temp.Sub("programs");
        var enroll = await RunToEndAsync(Agent("enroll", "--portal", portalUrl, "--token", tokenResponse["token"]!.GetValue<string>(),
            "--state-dir", state, "--name", "e2e-machine"));
        Assert.True(enroll.ExitCode == 0, enroll.Output);
        var machineId = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(state, "agent.json"))).RootElement.GetProperty("machineId").GetGuid();
        var agent = Start(Agent("run", "--state-dir", state, "--macro", $"*PROGRAMS={programs}"));

        await WaitForMachineAsync(http, machineId, machine => machine["online"]!.GetValue<bool>() && machine["operatingSystem"]!.GetValue<string>() != "");
        var install = await ReadJsonAsync(await http.PostAsJsonAsync($"/api/machines/{machineId}/installs", new { applicationId, answers = new { } }));
        var installState = await WaitForJobAsync(http, install["jobId"]!.GetValue<Guid>());
        Assert.True(installState.StartsWith("Succeeded:", StringComparison.Ordinal), installState);
        Assert.Equal("hello from the portal", await File.ReadAllTextAsync(Path.Combine(programs, "hello", "hello.txt")));
        await WaitForMachineAsync(http, machineId, machine => machine["installedApplications"]!.AsArray().Any(a => a!["name"]!.GetValue<string>() == "Hello"));

        var uninstall = await ReadJsonAsync(await http.PostAsJsonAsync($"/api/machines/{machineId}/uninstalls", new { applicationId }));
        var uninstallState = await WaitForJobAsync(http, uninstall["job"]!["id"]!.GetValue<Guid>());
        Assert.True(uninstallState.StartsWith("Succeeded:", StringComparison.Ordinal), uninstallState);
        Assert.False(File.Exists(Path.Combine(programs, "hello", "hello.txt")));

        using (var term = Process.Start("kill", ["-TERM", agent.Id.ToString()]))
        {
            await term.WaitForExitAsync();
        }

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await agent.WaitForExitAsync(stop.Token);
        Assert.Equal(0, agent.ExitCode);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Portal.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Portal.sln not found above the test's directory.");
    }

    /// <summary>bin/&lt;Configuration&gt;/net10.0 of the test, mirrored for the project under test.</summary>
    private static string BuildOutput(string project)
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        return Path.Combine(RepositoryRoot(), "src", project, "bin", configuration, "net10.0");
    }

    private void StartPortal(int port)
    {
        var output = BuildOutput("Portal");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = output };
        foreach (var argument in new[] { Path.Combine(output, "Portal.dll"), "--urls", $"http://127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["Portal__DataDirectory"] = _temp.Sub("portal-data");
        start.Environment["Portal__BootstrapAdmin__Email"] = AdminEmail;
        start.Environment["Portal__BootstrapAdmin__Password"] = AdminPassword;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        Start(start);
    }

    private static ProcessStartInfo Agent(params string[] arguments)
    {
        var output = BuildOutput("ClientAgent");
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
        var login = await ReadJsonAsync(await http.PostAsJsonAsync("/api/auth/login", new { email = AdminEmail, password = AdminPassword }));
        return login["accessToken"]!.GetValue<string>();
    }

    private static async Task WaitForMachineAsync(HttpClient http, Guid machineId, Func<JsonNode, bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!condition(await ReadJsonAsync(await http.GetAsync($"/api/machines/{machineId}", timeout.Token))))
        {
            await Task.Delay(200, timeout.Token);
        }
    }

    private static async Task<string> WaitForJobAsync(HttpClient http, Guid jobId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (true)
        {
            var job = (await ReadJsonAsync(await http.GetAsync($"/api/jobs/{jobId}", timeout.Token)))["job"]!;
            var state = job["state"]!.GetValue<string>();
            if (state is not ("Queued" or "Delivered" or "Running"))
            {
                return $"{state}: {job["message"]}";
            }

            await Task.Delay(200, timeout.Token);
        }
    }

    private static async Task<JsonNode> ReadJsonAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} → {(int)response.StatusCode}: {body}");
            return JsonNode.Parse(body)!;
        }
    }

    public void Dispose()
    {
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
