using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Components.SelfService;

namespace Portal.Tests.Components;

/// <summary>
/// The catalog's search box is one component (MudTextField was four, plus a .NET object reference for JS interop, for
/// the life of every catalog circuit) that still looks like an outlined MudTextField and behaves like an immediate,
/// clearable one.
/// </summary>
public sealed class SearchBoxTests : IAsyncLifetime
{
    private readonly BunitContext _context = MudTestContext.Create();

    [Fact]
    public void It_is_one_component_drawn_with_the_outlined_text_field_classes()
    {
        var box = _context.Render<SearchBox>(p => p.Add(b => b.Placeholder, "Search applications").Add(b => b.Class, "ss-search").Add(b => b.TestId, "catalog-search"));

        Assert.Empty(box.FindComponents<IComponent>());
        var input = box.Find(".mud-input-control.ss-search .mud-input.mud-input-outlined.mud-input-adorned-start input.mud-input-slot.mud-input-root-outlined[data-testid=catalog-search]");
        Assert.Equal("Search applications", input.GetAttribute("placeholder"));
        Assert.Equal("Search applications", input.GetAttribute("aria-label"));
        Assert.NotNull(box.Find(".mud-input-adornment-start svg.mud-input-adornment-icon"));
        Assert.NotNull(box.Find("fieldset.mud-input-outlined-border"));
        Assert.Empty(box.FindAll("button"));
    }

    [Fact]
    public void Each_keystroke_updates_the_value_and_the_clear_button_empties_it()
    {
        string? value = null;
        var box = _context.Render<SearchBox>(p => p.Add(b => b.Placeholder, "Search applications").Add(b => b.TestId, "catalog-search")
            .Add(b => b.ValueChanged, (string? v) => value = v));

        box.Find("input").Input("vl");
        Assert.Equal("vl", value);

        box.Render(p => p.Add(b => b.Value, value));
        Assert.Equal("vl", box.Find("input").GetAttribute("value"));
        box.Find("button.mud-input-clear-button[aria-label=Clear][data-testid=catalog-search-clear]").Click();

        Assert.Null(value);
        box.Render(p => p.Add(b => b.Value, value));
        Assert.Empty(box.FindAll("button"));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();
}
