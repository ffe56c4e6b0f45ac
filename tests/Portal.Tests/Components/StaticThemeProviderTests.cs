using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;
using MudBlazor;
using MudBlazor.Services;
using Portal.Components.Layout;

namespace Portal.Tests.Components;

/// <summary>
/// The theme in the page head is rendered statically, as on every request: it writes the theme's CSS and, when the
/// request's renderer is disposed, calls no JS interop (MudThemeProvider's call threw, swallowed, on every request).
/// </summary>
public sealed class StaticThemeProviderTests
{
    [Fact]
    public async Task RenderedStatically_ItWritesTheThemeAndCallsNoInteropWhenDisposed()
    {
        var (html, calls) = await RenderStaticallyAsync<StaticThemeProvider>();

        Assert.Contains("--mud-palette-primary", html, StringComparison.Ordinal);
        Assert.Empty(calls);
    }

    [Fact]
    public async Task MudBlazorsOwnProvider_RenderedTheSameWay_CallsInteropOnDispose()
    {
        // What the test above guards against: without the override the disposal reaches for JS.
        var (_, calls) = await RenderStaticallyAsync<MudThemeProvider>();

        Assert.NotEmpty(calls);
    }

    private static async Task<(string Html, IReadOnlyList<string> Calls)> RenderStaticallyAsync<TProvider>()
        where TProvider : MudThemeProvider
    {
        var calls = new List<string>();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMudServices();
        services.AddSingleton<IJSRuntime>(new StaticRenderingJsRuntime(calls));
        await using var provider = services.BuildServiceProvider();
        var renderer = new HtmlRenderer(provider, provider.GetRequiredService<ILoggerFactory>());
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<TProvider>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(MudThemeProvider.Theme)] = PortalTheme.Theme,
            }))).ToHtmlString());
        try
        {
            // The end of the request: its renderer disposes the components (the portal's pipeline logs what throws).
            await renderer.DisposeAsync();
        }
        catch (InvalidOperationException) when (calls.Count > 0)
        {
        }

        return (html, calls);
    }

    /// <summary>Like ASP.NET Core's JS runtime during static rendering: every call is refused (and recorded here).</summary>
    private sealed class StaticRenderingJsRuntime(List<string> calls) : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args)
        {
            calls.Add(identifier);
            return ValueTask.FromException<TValue>(new InvalidOperationException("JavaScript interop calls cannot be issued at this time."));
        }

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
            InvokeAsync<TValue>(identifier, args);
    }
}
