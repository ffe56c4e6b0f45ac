using System.Net;
using System.Net.Http.Json;
using Portal.Identity;
using Portal.Seeding;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Api;

public sealed class UsersApiTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = PortalFactory.WithDemo();

    [Fact]
    public async Task Administrator_lists_users_with_roles()
    {
        var admin = await _portal.CreateClientForAsync("admin@example.com", DemoUsers.Password);

        var users = await admin.GetFromJsonAsync<List<UserSummary>>("/api/users");

        Assert.NotNull(users);
        var helpdesk = Assert.Single(users, u => u.Email == "helpdesk@example.com");
        Assert.Equal(["Helpdesk"], helpdesk.Roles);
        Assert.Equal(["Administrator"], Assert.Single(users, u => u.Email == "admin@example.com").Roles);
    }

    [Fact]
    public async Task User_role_gets_403_problem()
    {
        var alice = await _portal.CreateClientForAsync("alice@example.com", DemoUsers.Password);

        var response = await alice.GetAsync("/api/users");

        await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Anonymous_gets_401_problem_not_a_redirect()
    {
        var response = await _portal.CreateClient().GetAsync("/api/users");

        await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Administrator_creates_user_who_can_then_sign_in_with_the_roles()
    {
        var admin = await _portal.CreateClientForAsync("admin@example.com", DemoUsers.Password);

        var response = await admin.PostAsJsonAsync("/api/users", new
        {
            email = "carol@example.com", password = "Carol!2345", displayName = "Carol Chen", roles = new[] { "helpdesk", "User" },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<UserSummary>();
        Assert.Equal("Carol Chen", created!.DisplayName);
        Assert.Equal(["Helpdesk", "User"], created.Roles);
        var carol = await _portal.CreateClientForAsync("carol@example.com", "Carol!2345");
        Assert.Equal(HttpStatusCode.Forbidden, (await carol.GetAsync("/api/users")).StatusCode);
    }

    [Fact]
    public async Task Creating_a_duplicate_email_is_409_problem()
    {
        var admin = await _portal.CreateClientForAsync("admin@example.com", DemoUsers.Password);

        var response = await admin.PostAsJsonAsync("/api/users", new { email = "bob@example.com", password = "Another!2345", roles = new[] { "User" } });

        var detail = await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal("A user with email bob@example.com already exists.", detail);
    }

    [Fact]
    public async Task Short_password_and_unknown_role_are_400_validation_problems()
    {
        var admin = await _portal.CreateClientForAsync("admin@example.com", DemoUsers.Password);

        var shortPassword = await admin.PostAsJsonAsync("/api/users", new { email = "dave@example.com", password = "short", roles = new[] { "User" } });
        var unknownRole = await admin.PostAsJsonAsync("/api/users", new { email = "erin@example.com", password = "Erin!23456", roles = new[] { "Wizard" } });

        Assert.Contains("at least 8 characters", await ProblemDetailsAssert.IsProblemAsync(shortPassword, HttpStatusCode.BadRequest));
        Assert.Contains("Unknown role(s): Wizard", await ProblemDetailsAssert.IsProblemAsync(unknownRole, HttpStatusCode.BadRequest));
        var users = await admin.GetFromJsonAsync<List<UserSummary>>("/api/users");
        Assert.DoesNotContain(users!, u => u.Email is "dave@example.com" or "erin@example.com");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _portal.DisposeAsync();
}
