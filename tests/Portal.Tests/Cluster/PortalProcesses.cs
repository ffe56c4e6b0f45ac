using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Dapper;
using Npgsql;
using Portal.Tests.Agents;
using Portal.Tests.Hosting;

namespace Portal.Tests.Cluster;

/// <summary>
/// Real portal and agent processes for the several-node tests: portal nodes on one fresh PostgreSQL database (dropped
/// afterwards) sharing one data directory (packages, as docs/operations.md says), agents started with several
/// <c>--portal</c> addresses. Every process it starts is killed on dispose.
/// </summary>
public sealed class PortalProcesses : IAsyncDisposable
{
    public const string AdminEmail = "cluster-admin@example.org";
    public const string AdminPassword = "Cluster-Passw0rd!";

    private readonly List<Process> _processes = [];
    private readonly string _admin = Environment.GetEnvironmentVariable(PostgreSqlFactAttribute.Variable)!;
    private readonly string _database = $"cluster_{Guid.NewGuid():N}";

    public TempDirectory Temp { get; } = new();

    public string ConnectionString => new NpgsqlConnectionStringBuilder(_admin) { Database = _database }.ConnectionString;

    public async Task CreateDatabaseAsync()
    {
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await connection.ExecuteAsync($"CREATE DATABASE {_database}");
    }

    /// <summary>Starts a portal node and waits until it is healthy; returns its process and an HTTP client on it.</summary>
    public async Task<(Process Process, HttpClient Http)> StartNodeAsync(string nodeId)
    {
        var port = FreePort();
        var output = Agents.RealProcessApi.BuildOutput("Portal");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = output };
        foreach (var argument in new[] { Path.Combine(output, "Portal.dll"), "--urls", $"http://127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["Portal__DataDirectory"] = Temp.Sub("shared-data");
        start.Environment["Portal__BootstrapAdmin__Email"] = AdminEmail;
        start.Environment["Portal__BootstrapAdmin__Password"] = AdminPassword;
        start.Environment["Portal__Cluster__NodeId"] = nodeId;
        start.Environment["Portal__Cluster__HeartbeatInterval"] = "00:00:01";
        start.Environment["Portal__Cluster__NodeTimeout"] = "00:00:05";
        start.Environment["Portal__Cluster__PollInterval"] = "00:00:02";
        start.Environment["Portal__OutboxInterval"] = "00:00:01";
        start.Environment["ConnectionStrings__Portal"] = ConnectionString;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        var process = Start(start);
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) };
        await WaitForHealthAsync(http, process);
        return (process, http);
    }

    public static async Task<string> LoginAsync(HttpClient http)
    {
        var login = await Agents.RealProcessApi.ReadJsonAsync(await http.PostAsJsonAsync("/api/auth/login", new { email = AdminEmail, password = AdminPassword }));
        return login["accessToken"]!.GetValue<string>();
    }

    public static void UseToken(HttpClient http, string token) => http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

    /// <summary>Runs the agent CLI to its end (enroll); returns exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAgentToEndAsync(params string[] arguments)
    {
        var start = Agent(arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    public Process StartAgent(params string[] arguments) => Start(Agent(arguments));

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }

        NpgsqlConnection.ClearAllPools();
        await using (var connection = new NpgsqlConnection(_admin))
        {
            await connection.OpenAsync();
            await connection.ExecuteAsync($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)");
        }

        Temp.Dispose();
    }

    private static ProcessStartInfo Agent(string[] arguments)
    {
        var output = Agents.RealProcessApi.BuildOutput("ClientAgent");
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

    private static async Task WaitForHealthAsync(HttpClient http, Process process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (true)
        {
            Assert.False(process.HasExited, $"the portal process exited with {(process.HasExited ? process.ExitCode : 0)} before it was healthy");
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }


    public static Task<JsonNode> ReadJsonAsync(HttpResponseMessage response) => Agents.RealProcessApi.ReadJsonAsync(response);
}
