using System.Net;
using System.Net.Http.Json;
using Portal.Data;
using Microsoft.Extensions.DependencyInjection;
using Portal.Identity;
using Portal.Seeding;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Api;

public sealed class UsersAdministrationApiTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = PortalFactory.WithDemo();

    [Fact]
    public async Task Administrator_creates_a_user_sets_roles_locks_and_unlocks_with_audit_entries()
    {
        var admin = await _portal.CreateClientForAsync("admin@example.com", DemoUsers.Password);
        var created = await admin.PostAsJsonAsync("/api/users", new { email = "dana@example.com", password = "Dana!23456", displayName = "Dana", roles = new[] { "User" } });
        var dana = (await created.Content.ReadFromJsonAsync<UserSummary>())!;

        var roles = await admin.PutAsJsonAsync($"/api/users/{dana.Id}/roles", new { roles = new[] { "helpdesk", "User" } });
        Assert.Equal(HttpStatusCode.OK, roles.StatusCode);
        Assert.Equal(["Helpdesk", "User"], (await roles.Content.ReadFromJsonAsync<UserSummary>())!.Roles);

        var locked = await admin.PostAsync($"/api/users/{dana.Id}/lock", null);
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Equal(DateTimeOffset.MaxValue, (await locked.Content.ReadFromJsonAsync<UserSummary>())!.LockedOutUntil);
        var whileLocked = await _portal.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = "dana@example.com", password = "Dana!23456" });
        Assert.Equal("Account locked by an administrator; ask an administrator to unlock it.", await ProblemDetailsAssert.IsProblemAsync(whileLocked, HttpStatusCode.Locked));

        var unlocked = await admin.PostAsync($"/api/users/{dana.Id}/unlock", null);
        Assert.Equal(HttpStatusCode.OK, unlocked.StatusCode);
        Assert.Null((await unlocked.Content.ReadFromJsonAsync<UserSummary>())!.LockedOutUntil);
        var afterUnlock = await _portal.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = "dana@example.com", password = "Dana!23456" });
        Assert.Equal(HttpStatusCode.OK, afterUnlock.StatusCode);

        var audit = await _portal.Services.GetRequiredService<AuditRepository>().ListAsync(limit: 1000);
        var actions = audit.Where(e => e.Target == "user dana@example.com").Select(e => e.Action).ToHashSet();
        Assert.Equal(new HashSet<string> { "user.create", "user.roles", "user.lock", "user.unlock" }, actions);
        Assert.All(audit.Where(e => e.Target == "user dana@example.com"), e => Assert.Equal("admin@example.com", e.Actor));
    }

    [Fact]
    public async Task The_last_administrator_keeps_the_Administrator_role_and_cannot_lock_themselves()
    {
        var admin = await _portal.CreateClientForAsync("admin@example.com", DemoUsers.Password);
        var self = (await admin.GetFromJsonAsync<List<UserSummary>>("/api/users"))!.Single(u => u.Email == "admin@example.com");

        var demote = await admin.PutAsJsonAsync($"/api/users/{self.Id}/roles", new { roles = new[] { "User" } });
        var lockSelf = await admin.PostAsync($"/api/users/{self.Id}/lock", null);

        Assert.Contains("admin@example.com is the last administrator", await ProblemDetailsAssert.IsProblemAsync(demote, HttpStatusCode.Conflict));
        Assert.Equal("You cannot lock your own account.", await ProblemDetailsAssert.IsProblemAsync(lockSelf, HttpStatusCode.Conflict));
        var after = (await admin.GetFromJsonAsync<List<UserSummary>>("/api/users"))!.Single(u => u.Email == "admin@example.com");
        Assert.Equal(["Administrator"], after.Roles);
        Assert.Null(after.LockedOutUntil);
    }

    [Fact]
    public async Task A_second_administrator_allows_removing_the_role_from_the_first()
    {
        var admin = await _portal.CreateClientForAsync("admin@example.com", DemoUsers.Password);
        var users = (await admin.GetFromJsonAsync<List<UserSummary>>("/api/users"))!;
        var bob = users.Single(u => u.Email == "bob@example.com");
        var self = users.Single(u => u.Email == "admin@example.com");

        (await admin.PutAsJsonAsync($"/api/users/{bob.Id}/roles", new { roles = new[] { "Administrator" } })).EnsureSuccessStatusCode();
        var demote = await admin.PutAsJsonAsync($"/api/users/{self.Id}/roles", new { roles = new[] { "User" } });

        Assert.Equal(HttpStatusCode.OK, demote.StatusCode);
        Assert.Equal(["User"], (await demote.Content.ReadFromJsonAsync<UserSummary>())!.Roles);
    }

    [Fact]
    public async Task Unknown_user_is_404_and_unknown_role_is_400()
    {
        var admin = await _portal.CreateClientForAsync("admin@example.com", DemoUsers.Password);
        var missing = Guid.NewGuid();
        var bob = (await admin.GetFromJsonAsync<List<UserSummary>>("/api/users"))!.Single(u => u.Email == "bob@example.com");

        var roles = await admin.PutAsJsonAsync($"/api/users/{missing}/roles", new { roles = new[] { "User" } });
        var lockMissing = await admin.PostAsync($"/api/users/{missing}/lock", null);
        var unlockMissing = await admin.PostAsync($"/api/users/{missing}/unlock", null);
        var wizard = await admin.PutAsJsonAsync($"/api/users/{bob.Id}/roles", new { roles = new[] { "Wizard" } });

        Assert.Equal($"No user has the id {missing:D}.", await ProblemDetailsAssert.IsProblemAsync(roles, HttpStatusCode.NotFound));
        await ProblemDetailsAssert.IsProblemAsync(lockMissing, HttpStatusCode.NotFound);
        await ProblemDetailsAssert.IsProblemAsync(unlockMissing, HttpStatusCode.NotFound);
        Assert.Contains("Unknown role(s): Wizard", await ProblemDetailsAssert.IsProblemAsync(wizard, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task User_role_gets_403_for_role_and_lock_changes()
    {
        var admin = await _portal.CreateClientForAsync("admin@example.com", DemoUsers.Password);
        var bob = (await admin.GetFromJsonAsync<List<UserSummary>>("/api/users"))!.Single(u => u.Email == "bob@example.com");
        var alice = await _portal.CreateClientForAsync("alice@example.com", DemoUsers.Password);

        var roles = await alice.PutAsJsonAsync($"/api/users/{bob.Id}/roles", new { roles = new[] { "Administrator" } });
        var lockBob = await alice.PostAsync($"/api/users/{bob.Id}/lock", null);

        await ProblemDetailsAssert.IsProblemAsync(roles, HttpStatusCode.Forbidden);
        await ProblemDetailsAssert.IsProblemAsync(lockBob, HttpStatusCode.Forbidden);
        Assert.Equal(["User"], (await admin.GetFromJsonAsync<List<UserSummary>>("/api/users"))!.Single(u => u.Email == "bob@example.com").Roles);
    }

    [Fact]
    public async Task Password_reset_applies_the_password_rules_and_the_new_password_signs_in()
    {
        var admin = await _portal.CreateClientForAsync("admin@example.com", DemoUsers.Password);
        var bob = (await admin.GetFromJsonAsync<List<UserSummary>>("/api/users"))!.Single(u => u.Email == "bob@example.com");
        await using var scope = _portal.Services.CreateAsyncScope();
        var administration = scope.ServiceProvider.GetRequiredService<UserAdministration>();

        var tooShort = await administration.ResetPasswordAsync("admin@example.com", bob.Id, "short", CancellationToken.None);
        var reset = await administration.ResetPasswordAsync("admin@example.com", bob.Id, "Bobby!98765", CancellationToken.None);

        Assert.False(tooShort.Succeeded);
        Assert.Contains("at least 8 characters", Assert.Single(tooShort.FieldErrors["password"]));
        Assert.True(reset.Succeeded, reset.Message);
        var login = await _portal.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = "bob@example.com", password = "Bobby!98765" });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _portal.DisposeAsync();
}
