using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Hosting;

public sealed class PagesTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = PortalFactory.WithDemo();

    [Fact]
    public async Task Home_redirects_anonymous_visitors_to_sign_in()
    {
        var client = _portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Login_page_renders_a_form_that_works_without_a_circuit()
    {
        var html = await _portal.CreateClient().GetStringAsync("/account/login");

        Assert.Contains("<form method=\"post\"", html);
        Assert.Contains("name=\"__RequestVerificationToken\"", html);
        Assert.Contains("name=\"Input.Email\"", html);
        Assert.Contains("id=\"components-reconnect-modal\"", html);
    }

    [Fact]
    public async Task Unknown_page_is_404_with_a_friendly_page()
    {
        var response = await _portal.CreateClient().GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Blazor_script_is_served()
    {
        var html = await _portal.CreateClient().GetStringAsync("/account/login");
        var script = System.Text.RegularExpressions.Regex.Match(html, "src=\"(_framework/blazor\\.web[^\"]*\\.js)\"").Groups[1].Value;

        var response = await _portal.CreateClient().GetAsync("/" + script);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("components-reconnect-modal", await response.Content.ReadAsStringAsync());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _portal.DisposeAsync();
}
