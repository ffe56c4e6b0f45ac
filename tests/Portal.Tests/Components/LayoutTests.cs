using Bunit;
using Portal.Components.Errors;
using Portal.Components.Layout;

namespace Portal.Tests.Components;

public sealed class LayoutTests : IAsyncLifetime
{
    private readonly BunitContext _context = MudTestContext.Create();

    [Fact]
    public void The_reconnect_dialog_carries_the_id_and_states_blazor_web_js_10_toggles()
    {
        var modal = _context.Render<ReconnectModal>();

        var dialog = modal.Find("dialog#components-reconnect-modal");
        Assert.Contains("Connection lost — reconnecting…", dialog.TextContent);
        Assert.NotNull(modal.Find("#components-reconnect-button"));
        Assert.NotNull(modal.Find("#components-resume-button"));
        Assert.NotNull(modal.Find(".components-resume-failed-visible"));
        Assert.Contains("ReconnectModal.razor.js", modal.Find("script").GetAttribute("src"));
    }

    [Theory]
    [InlineData(404, "Page not found")]
    [InlineData(400, "The form may have expired")]
    [InlineData(503, "Error 503")]
    public void The_status_page_explains_the_status_code(int code, string expected)
    {
        var page = _context.Render<StatusPage>(p => p.Add(c => c.Code, code));

        Assert.Contains(expected, page.Find("[data-testid=status-page]").TextContent);
    }

    [Theory]
    [InlineData("edit_note")]
    [InlineData("AddChart")]
    [InlineData("inventory_2")]
    public void Application_icon_names_map_to_svg(string name) =>
        Assert.StartsWith("<", MaterialIcon.Svg(name).TrimStart());

    [Fact]
    public void An_unknown_icon_name_falls_back_to_the_apps_icon() =>
        Assert.Equal(MudBlazor.Icons.Material.Filled.Apps, MaterialIcon.Svg("no_such_icon"));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();
}
