using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Portal.Seeding;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Api;

public sealed class AuthApiTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = PortalFactory.WithDemo();

    [Fact]
    public async Task Login_with_valid_credentials_returns_bearer_token()
    {
        var response = await _portal.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = "admin@example.com", password = DemoUsers.Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Bearer", body.GetProperty("tokenType").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("accessToken").GetString()));
        Assert.False(string.IsNullOrEmpty(body.GetProperty("refreshToken").GetString()));
        Assert.True(body.GetProperty("expiresIn").GetInt64() > 0);
    }

    [Fact]
    public async Task Login_with_wrong_password_is_401_problem()
    {
        var response = await _portal.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = "bob@example.com", password = "wrong-password" });

        var detail = await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Invalid email or password.", detail);
    }

    [Fact]
    public async Task Login_with_unknown_email_is_401_problem()
    {
        var response = await _portal.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = "nobody@example.com", password = "whatever1" });

        var detail = await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Invalid email or password.", detail);
    }

    [Fact]
    public async Task Five_wrong_passwords_hold_back_that_client_even_for_the_right_password()
    {
        var admin = await _portal.CreateClientForAsync("admin@example.com", DemoUsers.Password);
        (await admin.PostAsJsonAsync("/api/users", new { email = "locked@example.com", password = "Locked!2345", displayName = "Lou Locked", roles = new[] { "User" } }))
            .EnsureSuccessStatusCode();
        var client = _portal.CreateClient();

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await client.PostAsJsonAsync("/api/auth/login", new { email = "locked@example.com", password = "wrong-password" });
        }

        var response = await client.PostAsJsonAsync("/api/auth/login", new { email = "locked@example.com", password = "Locked!2345" });
        var detail = await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.TooManyRequests);
        Assert.StartsWith("Too many failed sign-in attempts for this account from this address", detail);
    }

    [Fact]
    public async Task Refresh_token_gives_a_new_access_token_that_works()
    {
        var client = _portal.CreateClient();
        var login = await (await client.PostAsJsonAsync("/api/auth/login", new { email = "admin@example.com", password = DemoUsers.Password }))
            .Content.ReadFromJsonAsync<JsonElement>();

        var refreshed = await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = login.GetProperty("refreshToken").GetString() });

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var token = (await refreshed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/users")).StatusCode);
    }

    [Fact]
    public async Task Refresh_with_garbage_token_is_401_problem()
    {
        var response = await _portal.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = "not-a-token" });

        var detail = await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("sign in again", detail);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _portal.DisposeAsync();
}
