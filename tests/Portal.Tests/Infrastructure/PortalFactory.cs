using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// The portal in memory on a real SQLite file in its own temp data directory. Pass settings (e.g. "Portal:SeedDemo")
/// to configure it; pass an existing directory to restart a portal over the same data.
/// </summary>
public sealed class PortalFactory(IReadOnlyDictionary<string, string?>? settings = null, string? dataDirectory = null)
    : WebApplicationFactory<PortalHost>
{
    private readonly bool _ownsDirectory = dataDirectory is null;

    public string DataDirectory { get; } = dataDirectory ?? Directory.CreateTempSubdirectory("portal-tests-").FullName;

    public static PortalFactory WithDemo() => new(new Dictionary<string, string?> { ["Portal:SeedDemo"] = "true" });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Portal:DataDirectory", DataDirectory);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        builder.UseEnvironment("Production");
    }

    /// <summary>Signs in through the API and returns a client that sends the bearer token.</summary>
    public async Task<HttpClient> CreateClientForAsync(string email, string password)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDirectory)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
