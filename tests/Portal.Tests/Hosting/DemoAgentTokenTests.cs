using System.Net;
using System.Net.Http.Json;
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
