using System.Net;
using System.Net.Http.Json;
using Dapper;
using Npgsql;
using Portal.Identity;
using Portal.Seeding;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Hosting;

/// <summary>The same start-up, sign-in and user store over PostgreSQL (ConnectionStrings:Portal), in a new database dropped afterwards.</summary>
public sealed class PostgreSqlStartupTests : IAsyncLifetime
{
    private readonly string? _admin = Environment.GetEnvironmentVariable(PostgreSqlFactAttribute.Variable);
    private readonly string _database = $"portal_test_{Guid.NewGuid():N}";

    [PostgreSqlFact]
    public async Task Portal_on_postgresql_seeds_signs_in_locks_out_and_lists_users()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Portal:SeedDemo"] = "true",
            ["ConnectionStrings:Portal"] = new NpgsqlConnectionStringBuilder(_admin) { Database = _database }.ConnectionString,
        };
        await using var portal = new PortalFactory(settings);

        var admin = await portal.CreateClientForAsync("admin@example.com", DemoUsers.Password);
        var users = await admin.GetFromJsonAsync<List<UserSummary>>("/api/users");
        var client = portal.CreateClient();
        // Wrong passwords from one address are throttled before Identity (LoginThrottle); the lockout stored in
        // PostgreSQL is exercised through an administrator's lock.
        var bob = users!.Single(u => u.Email == "bob@example.com");
        (await admin.PostAsync($"/api/users/{bob.Id}/lock", null)).EnsureSuccessStatusCode();

        var locked = await client.PostAsJsonAsync("/api/auth/login", new { email = "bob@example.com", password = DemoUsers.Password });

        Assert.Equal(["admin@example.com", "alice@example.com", "bob@example.com", "helpdesk@example.com"], users!.Select(u => u.Email).ToArray());
        Assert.StartsWith("Account locked by an administrator", await ProblemDetailsAssert.IsProblemAsync(locked, HttpStatusCode.Locked));
        Assert.False(File.Exists(Path.Combine(portal.DataDirectory, "portal.db")));
    }

    public async Task InitializeAsync()
    {
        if (string.IsNullOrWhiteSpace(_admin))
        {
            return;
        }

        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await connection.ExecuteAsync($"CREATE DATABASE {_database}");
    }

    public async Task DisposeAsync()
    {
        if (string.IsNullOrWhiteSpace(_admin))
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await connection.ExecuteAsync($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)");
    }
}
