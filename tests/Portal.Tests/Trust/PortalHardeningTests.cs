using System.Net;
using System.Net.Http.Json;
using Portal.Tests.Administration;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Trust;

/// <summary>Headers, sign-out and return addresses: what a browser or a script can send the portal without a 500.</summary>
public sealed class PortalHardeningTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = AdminPortal.Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Theory]
    [InlineData("/account/login")]
    [InlineData("/healthz")]
    [InlineData("/api/applications")]
    [InlineData("/no-such-page")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        var response = await _portal.CreateClient(new() { AllowAutoRedirect = false }).GetAsync(path);

        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        var csp = string.Join(", ", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", csp);
        // Once, also when the status-code pages execute the request a second time.
        Assert.Single(response.Headers.GetValues("Content-Security-Policy"), value => value.Contains("script-src", StringComparison.Ordinal));
        Assert.Contains("object-src 'none'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
    }

    [Fact]
    public async Task Logout_without_an_antiforgery_token_is_a_400_not_a_500()
    {
        var client = _portal.CreateClient(new() { AllowAutoRedirect = false });

        var empty = await client.PostAsync("/account/logout", null);
        var form = await client.PostAsync("/account/logout", new FormUrlEncodedContent([new("returnUrl", "/")]));

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, form.StatusCode);
    }

    [Theory]
    [InlineData("/caf\u00e9")]
    [InlineData("/\u65e5\u672c")]
    [InlineData("/x\u2028y")]
    public async Task A_non_ascii_return_url_does_not_fail_the_sign_in_page(string returnUrl)
    {
        var client = _portal.CreateClient(new() { AllowAutoRedirect = false });

        var page = await client.GetAsync("/account/login?returnUrl=" + Uri.EscapeDataString(returnUrl));
        var redirect = await client.GetAsync("/admin?x=" + Uri.EscapeDataString(returnUrl));

        Assert.True((int)page.StatusCode < 500, $"{page.StatusCode}");
        Assert.True((int)redirect.StatusCode < 500, $"{redirect.StatusCode}");
    }

    [Theory]
    [InlineData("/caf\u00e9")]
    [InlineData("/x\u2028y")]
    public async Task Signing_in_with_a_non_ascii_return_url_redirects_instead_of_failing(string returnUrl)
    {
        var client = _portal.CreateClient(new() { AllowAutoRedirect = false });
        var url = "/account/login?returnUrl=" + Uri.EscapeDataString(returnUrl);
        var html = await client.GetStringAsync(url);
        var input = System.Text.RegularExpressions.Regex.Match(html, "<input[^>]*__RequestVerificationToken[^>]*>").Value;
        var token = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(input, "value=\"([^\"]+)\"").Groups[1].Value);
        Assert.NotEmpty(token);

        var response = await client.PostAsync(url, new FormUrlEncodedContent(
        [
            new("_handler", "login"),
            new("__RequestVerificationToken", token),
            new("Input.Email", AdminPortal.AdminEmail),
            new("Input.Password", AdminPortal.Password),
        ]));

        Assert.True((int)response.StatusCode is >= 300 and < 400, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.NotNull(response.Headers.Location);
    }
}
