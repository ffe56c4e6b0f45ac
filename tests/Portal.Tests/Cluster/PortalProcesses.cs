using System.Diagnostics;
using System.Net.Http.Headers;
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

    private readonly RealProcesses _processes = new();
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
    public Task<(Process Process, HttpClient Http)> StartNodeAsync(string nodeId) =>
        RealPortalProcess.StartAsync(_processes, Temp.Sub("shared-data"), AdminEmail, AdminPassword, new Dictionary<string, string>
        {
            ["Portal__Cluster__NodeId"] = nodeId,
            ["Portal__Cluster__HeartbeatInterval"] = "00:00:01",
            ["Portal__Cluster__NodeTimeout"] = "00:00:05",
            ["Portal__Cluster__PollInterval"] = "00:00:02",
            ["Portal__OutboxInterval"] = "00:00:01",
            ["ConnectionStrings__Portal"] = ConnectionString,
        });

    public static Task<string> LoginAsync(HttpClient http) => RealPortalProcess.LoginAsync(http, AdminEmail, AdminPassword);

    public static void UseToken(HttpClient http, string token) => http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

    /// <summary>Runs the agent CLI to its end (enroll); returns exit code and output.</summary>
    public static Task<(int ExitCode, string Output)> RunAgentToEndAsync(params string[] arguments) => RealAgentProcess.RunToEndAsync(arguments);

    public Process StartAgent(params string[] arguments) => _processes.Start(RealAgentProcess.StartInfo(arguments));

    public static Task<JsonNode> ReadJsonAsync(HttpResponseMessage response) => RealProcessApi.ReadJsonAsync(response);

    public async ValueTask DisposeAsync()
    {
        _processes.Dispose();
        NpgsqlConnection.ClearAllPools();
        await using (var connection = new NpgsqlConnection(_admin))
        {
            await connection.OpenAsync();
            await connection.ExecuteAsync($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)");
        }

        Temp.Dispose();
    }
}
