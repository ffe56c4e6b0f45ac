using System.Net;
using System.Net.Http.Json;
using Catalog.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Administration;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Trust;

/// <summary>Guessing passwords is slowed per account and client address, never by locking the administrator out for everyone.</summary>
public sealed class SignInThrottleTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = AdminPortal.Create();
    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<PortalHost> _clients = null!;

    public Task InitializeAsync()
    {
        // Each test client says which address it comes from (the in-memory server has none).
        _clients = _portal.WithWebHostBuilder(builder => builder.ConfigureServices(services =>
        {
            services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, ClientAddressFromHeader>();
            services.AddScoped<IPasswordHasher<PortalUser>, CountingHasher>();
        }));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _clients.DisposeAsync();
        await _portal.DisposeAsync();
    }

    private HttpClient ClientFrom(string address)
    {
        var client = _clients.CreateClient();
        client.DefaultRequestHeaders.Add(ClientAddressFromHeader.Header, address);
        return client;
    }

    private static Task<HttpResponseMessage> LoginAsync(HttpClient client, string password, string email = AdminPortal.AdminEmail) =>
        client.PostAsJsonAsync("/api/auth/login", new { email, password });

    [Fact]
    public async Task An_attacker_guessing_the_admin_password_is_slowed_but_the_admin_still_signs_in_from_elsewhere()
    {
        var attacker = ClientFrom("203.0.113.7");
        for (var attempt = 0; attempt < 12; attempt++)
        {
            await LoginAsync(attacker, "guess-" + attempt);
        }

        var attackerAgain = await LoginAsync(attacker, AdminPortal.Password);
        var admin = await LoginAsync(ClientFrom("198.51.100.1"), AdminPortal.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, attackerAgain.StatusCode);
        Assert.True(attackerAgain.Headers.RetryAfter is not null);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
    }

    [Fact]
    public async Task Five_failures_from_one_address_block_only_that_address_for_that_account()
    {
        var client = ClientFrom("203.0.113.8");
        for (var attempt = 0; attempt < LoginThrottleFreeFailures; attempt++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(client, "wrong")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await LoginAsync(client, "wrong")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(client, "wrong", "someone.else@example.com")).StatusCode);
    }

    [Fact]
    public async Task Unknown_accounts_cost_a_password_verification_like_real_ones()
    {
        var client = ClientFrom("203.0.113.9");
        CountingHasher.Reset();

        await LoginAsync(client, "whatever", "nobody-" + Guid.NewGuid().ToString("N") + "@example.com");
        var unknown = CountingHasher.Verifications;
        await LoginAsync(client, "wrong-password");
        var known = CountingHasher.Verifications - unknown;

        Assert.Equal(1, unknown);
        Assert.Equal(1, known);
    }

    private const int LoginThrottleFreeFailures = Portal.Identity.LoginThrottle.FreeFailures;

    private sealed class ClientAddressFromHeader : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public const string Header = "X-Test-Client-Address";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(Header, out var value) && IPAddress.TryParse(value, out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware();
            });
            next(app);
        };
    }

    private sealed class CountingHasher : IPasswordHasher<PortalUser>
    {
        private static int _verifications;
        private readonly PasswordHasher<PortalUser> _inner = new();

        public static int Verifications => Volatile.Read(ref _verifications);

        public static void Reset() => Interlocked.Exchange(ref _verifications, 0);

        public string HashPassword(PortalUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(PortalUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
