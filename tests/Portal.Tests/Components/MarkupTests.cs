using Portal.Components.Errors;
using Portal.Components.Layout;

namespace Portal.Tests.Components;

public sealed class MarkupTests
{
    [Fact]
    public async Task Reconnect_banner_carries_the_id_and_states_blazor_web_js_9_toggles()
    {
        await using var renderer = TestHtmlRenderer.Create();

        var html = await renderer.RenderAsync<ReconnectBanner>();

        Assert.Contains("id=\"components-reconnect-modal\"", html);
        Assert.Contains("Connection lost — reconnecting…", html);
        Assert.Contains("data-reconnect-action=\"reload\"", html);
        Assert.Contains("data-reconnect-action=\"retry\"", html);
    }

    [Theory]
    [InlineData(404, "Page not found")]
    [InlineData(400, "The form may have expired")]
    [InlineData(503, "Error 503")]
    public async Task Status_page_explains_the_status_code(int code, string expected)
    {
        await using var renderer = TestHtmlRenderer.Create();

        var html = await renderer.RenderAsync<StatusPage>(new Dictionary<string, object?> { [nameof(StatusPage.Code)] = code });

        Assert.Contains(expected, html);
    }
}
