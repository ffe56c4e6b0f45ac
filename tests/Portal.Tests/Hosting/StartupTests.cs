using System.Net;
using System.Text.Json;
using Catalog.Users;
using Microsoft.Extensions.DependencyInjection;
using Portal.Identity;
using Portal.Seeding;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Hosting;

public sealed class StartupTests
{
    private static Dictionary<string, string?> Bootstrap(string email) => new()
    {
        ["Portal:BootstrapAdmin:Email"] = email,
        ["Portal:BootstrapAdmin:Password"] = "Bootstrap!2345",
    };

    [Fact]
    public async Task Bootstrap_admin_is_created_once_when_no_administrator_exists()
    {
        await using var first = new PortalFactory(Bootstrap("root@example.com"));
        _ = first.Server;

        // A second start over the same data with another bootstrap email: an administrator exists, so nothing is created.
        await using (var second = new PortalFactory(Bootstrap("other@example.com"), first.DataDirectory))
        {
            var users = await second.Services.GetRequiredService<UserDirectory>().ListAsync();

            var admin = Assert.Single(users);
            Assert.Equal("root@example.com", admin.Email);
            Assert.Equal([RoleNames.Administrator], admin.Roles);
        }

        var client = await first.CreateClientForAsync("root@example.com", "Bootstrap!2345");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/users")).StatusCode);
    }

    [Fact]
    public async Task Demo_seed_is_idempotent()
    {
        await using var first = PortalFactory.WithDemo();
        _ = first.Server;
        await using var second = new PortalFactory(new Dictionary<string, string?> { ["Portal:SeedDemo"] = "true" }, first.DataDirectory);

        var users = await second.Services.GetRequiredService<UserDirectory>().ListAsync();

        Assert.Equal(
            ["admin@example.com", "alice@example.com", "bob@example.com", "helpdesk@example.com"],
            users.Select(u => u.Email).ToArray());
        Assert.All(users, u => Assert.Single(u.Roles));
        await second.CreateClientForAsync("alice@example.com", DemoUsers.Password);
    }

    [Fact]
    public async Task Without_seed_or_bootstrap_there_are_roles_but_no_users()
    {
        await using var portal = new PortalFactory();

        var users = await portal.Services.GetRequiredService<UserDirectory>().ListAsync();

        Assert.Empty(users);
        Assert.True(File.Exists(Path.Combine(portal.DataDirectory, "portal.db")));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(portal.DataDirectory, "keys")));
    }

    [Fact]
    public async Task Healthz_reports_healthy_database()
    {
        await using var portal = new PortalFactory();

        var response = await portal.CreateClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApi_document_describes_the_api()
    {
        await using var portal = new PortalFactory();

        var response = await portal.CreateClient().GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = document.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/auth/login", out _));
        Assert.True(paths.TryGetProperty("/api/users", out _));
    }

    [Fact]
    public async Task Invalid_bootstrap_password_stops_start_up_naming_the_setting()
    {
        await using var portal = new PortalFactory(new Dictionary<string, string?>
        {
            ["Portal:BootstrapAdmin:Email"] = "root@example.com",
            ["Portal:BootstrapAdmin:Password"] = "short",
        });

        var error = Assert.ThrowsAny<Exception>(() => portal.Server);

        Assert.Contains("Portal:BootstrapAdmin:Password must be at least 8 characters", error.ToString());
    }

    [Theory]
    [InlineData("Portal:IdlePause:Hidden", "-00:00:01")]
    [InlineData("Portal:IdlePause:Idle", "2.00:00:00")]
    public async Task An_idle_pause_limit_out_of_range_stops_start_up_naming_the_settings(string setting, string value)
    {
        await using var portal = new PortalFactory(new Dictionary<string, string?> { [setting] = value });

        var error = Assert.ThrowsAny<Exception>(() => portal.Server);

        Assert.Contains("Portal:IdlePause:Hidden and Portal:IdlePause:Idle must be between 00:00:00 (never pause) and 1.00:00:00.", error.ToString());
    }

    [Fact]
    public async Task The_idle_pause_limits_reach_every_page_in_seconds()
    {
        await using var portal = new PortalFactory(new Dictionary<string, string?>
        {
            ["Portal:IdlePause:Hidden"] = "00:00:45",
            ["Portal:IdlePause:Idle"] = "00:10:00",
        });
        using var client = portal.CreateClient();

        var page = await client.GetStringAsync("/account/login");

        Assert.Contains("data-pause-hidden=\"45\" data-pause-idle=\"600\" data-circuit=\"live\"", page);
    }
}
