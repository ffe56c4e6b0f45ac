using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Hosting;

public sealed class ErrorHandlingTests : IAsyncLifetime
{
    private const string Secret = "connection string with password=hunter2";

    private readonly PortalFactory _base = new();
    private readonly Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<PortalHost> _portal;

    public ErrorHandlingTests() =>
        _portal = _base.WithWebHostBuilder(builder =>
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new ThrowingStartupFilter(Secret))));

    [Fact]
    public async Task Api_exception_becomes_500_problem_details_without_the_exception_text()
    {
        var response = await _portal.CreateClient().GetAsync("/api/boom");

        var detail = await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.InternalServerError);
        Assert.Contains("could not complete the request", detail);
        Assert.DoesNotContain("hunter2", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Page_exception_shows_the_error_page_without_the_exception_text()
    {
        var response = await _portal.CreateClient().GetAsync("/boom");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Something went wrong", html);
        Assert.DoesNotContain("hunter2", html);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _portal.DisposeAsync();
        await _base.DisposeAsync();
    }

}
