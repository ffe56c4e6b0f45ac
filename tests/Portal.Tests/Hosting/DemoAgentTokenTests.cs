using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Catalog.Machines;
using Catalog.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Catalog.Agents;
using Portal.Seeding;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Hosting;

public sealed class DemoAgentTokenTests
{
    [Fact]
    public async Task Demo_seed_writes_a_private_token_that_enrolls_a_machine_for_alice_once()
    {
        await using var portal = PortalFactory.WithDemo();
        _ = portal.Server;
        var path = Path.Combine(portal.DataDirectory, DemoAgentTokenSeedStep.FileName);

        var token = (await File.ReadAllTextAsync(path)).Trim();
        var first = await portal.CreateClient().PostAsJsonAsync("/api/agents/enroll", new EnrollRequest(token, "demo-box"), CatalogJson.Options);
        var second = await portal.CreateClient().PostAsJsonAsync("/api/agents/enroll", new EnrollRequest(token, "demo-box-2"), CatalogJson.Options);

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, second.StatusCode);
        var alice = await portal.CreateClientForAsync(DemoUsers.Alice, DemoUsers.Password);
        var machines = await alice.GetStringAsync("/api/machines");
        Assert.Contains("demo-box", machines);
    }

    [Fact]
    public async Task Demo_catalog_shows_a_linux_machine_the_windows_tool_unavailable_with_its_reason_and_hides_nothing_visible()
    {
        await using var portal = PortalFactory.WithDemo();
        _ = portal.Server;
        var token = (await File.ReadAllTextAsync(Path.Combine(portal.DataDirectory, DemoAgentTokenSeedStep.FileName))).Trim();
        var inventory = new Inventory
        {
            OsFamily = OsFamily.Linux,
            OsVersion = "12",
            Architecture = CpuArchitecture.X64,
            CpuCount = 2,
            MemoryMb = 8192,
            Volumes = [new Volume("/", 100_000, 50_000)],
        };
        var enrolled = await portal.CreateClient().PostAsJsonAsync("/api/agents/enroll", new EnrollRequest(token, "linux-box", inventory), CatalogJson.Options);
        var enrolledBody = await enrolled.Content.ReadAsStringAsync();
        Assert.True(enrolled.IsSuccessStatusCode, enrolledBody);
        var machineId = JsonDocument.Parse(enrolledBody).RootElement.GetProperty("machineId").GetGuid();
        var alice = await portal.CreateClientForAsync(DemoUsers.Alice, DemoUsers.Password);

        var response = await alice.GetAsync($"/api/catalog?machineId={machineId}");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        using var catalog = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var windowsTool = catalog.RootElement.EnumerateArray().Single(a => a.GetProperty("name").GetString() == "Windows Only Tool");
        Assert.Equal("Unavailable", windowsTool.GetProperty("state").GetString());
        Assert.Equal(["Needs Windows 10.0 or later; this machine runs Linux 12"], windowsTool.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task A_body_that_cannot_be_read_gets_a_problem_with_a_clear_detail()
    {
        await using var portal = PortalFactory.WithDemo();

        var response = await portal.CreateClient().PostAsync(
            "/api/agents/enroll", new StringContent("{\"token\": 42, \"machineName\": [", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("The request could not be read", problem.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Restart_keeps_the_existing_token_file()
    {
        await using var first = PortalFactory.WithDemo();
        _ = first.Server;
        var path = Path.Combine(first.DataDirectory, DemoAgentTokenSeedStep.FileName);
        var token = await File.ReadAllTextAsync(path);

        await using var second = new PortalFactory(new Dictionary<string, string?> { ["Portal:SeedDemo"] = "true" }, first.DataDirectory);
        _ = second.Server;

        Assert.Equal(token, await File.ReadAllTextAsync(path));
    }
}
