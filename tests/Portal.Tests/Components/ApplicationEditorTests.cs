using Bunit;
using Catalog.Users;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Administration;
using Portal.Components.Pages.Admin;
using Portal.Tests.SelfService;

namespace Portal.Tests.Components;

/// <summary>The application editor against a real portal's services: tabs, the validation summary and its marks.</summary>
public sealed class ApplicationEditorTests(SelfServiceFixture world) : IClassFixture<SelfServiceFixture>, IAsyncLifetime
{
    private readonly BunitContext _context = MudTestContext.Create();

    private IRenderedComponent<ApplicationEditor> RenderNew()
    {
        _context.Services.AddSingleton(world.Get<ApplicationAdminService>());
        _context.Services.AddSingleton(world.Get<ExternalSoftwareAdminService>());
        _context.AddAuthorization().SetAuthorized("admin@example.com").SetRoles(RoleNames.Administrator);
        _context.Render<MudPopoverProvider>();
        var editor = _context.Render<ApplicationEditor>(p => p.Add(c => c.Key, "new"));
        editor.WaitForElement("[data-testid=editor-tabs]");
        return editor;
    }

    private static List<string> TabTitles(IRenderedComponent<ApplicationEditor> editor) =>
        editor.FindAll(".mud-tab").Select(t => t.TextContent.Trim()).ToList();

    [Fact]
    public void The_editor_offers_every_property_tab()
    {
        var editor = RenderNew();

        Assert.Equal(
            ["Identification", "Availability", "Requirements", "Macros", "Sources", "Dependencies & Conflicts", "Uninstall", "Scripts", "Reporting", "Package", "Versions"],
            TabTitles(editor));
        Assert.NotNull(editor.Find("input[data-testid=app-name]"));
        Assert.Single(editor.FindAll("[id=app-category]"));
    }

    [Fact]
    public async Task Saving_an_empty_application_lists_the_problems_and_marks_the_tab_until_they_are_fixed()
    {
        var editor = RenderNew();

        await editor.Find("[data-testid=save-application]").ClickAsync(new());

        var summary = editor.WaitForElement("[data-testid=error-summary]");
        Assert.Contains("Not saved", summary.TextContent);
        Assert.Contains("Identification:", summary.TextContent);
        Assert.StartsWith("Identification (", TabTitles(editor)[0]);
        Assert.NotEmpty(editor.FindAll("[data-field=Name]"));

        // Typing the name and version re-checks the draft: their messages, the summary and the tab's mark go at once.
        await editor.Find("input[data-testid=app-name]").InputAsync(new() { Value = "Editor " + Guid.NewGuid().ToString("N")[..6] });
        await editor.Find("input[data-testid=app-name]").KeyUpAsync(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs());
        await editor.Find("input[data-testid=app-version]").InputAsync(new() { Value = "1.0.0" });
        await editor.Find("input[data-testid=app-version]").KeyUpAsync(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs());

        editor.WaitForAssertion(() => Assert.Empty(editor.FindAll("[data-field=Name]")));
        Assert.Empty(editor.FindAll("[data-testid=error-summary]"));
        Assert.Equal("Identification", TabTitles(editor)[0]);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();
}
