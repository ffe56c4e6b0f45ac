using Bunit;
using Microsoft.AspNetCore.Components;
using Portal.Components.Shared;

namespace Portal.Tests.Components;

/// <summary>
/// The catalog's machine picker and category filter are the browser's own select in MudSelect's outlined markup: one
/// component where MudSelect was a dozen (with a JS key interceptor) for the life of every catalog circuit.
/// </summary>
public sealed class OutlinedSelectTests : IAsyncLifetime
{
    private static readonly SelectOption[] Machines = [new("a1", "alice-laptop"), new("b2", "alice-desktop")];

    private readonly BunitContext _context = MudTestContext.Create();

    [Fact]
    public void It_is_one_component_drawn_with_the_outlined_select_classes_and_a_label_for_the_select()
    {
        var select = _context.Render<OutlinedSelect>(p => p.Add(s => s.Id, "catalog-machine").Add(s => s.Label, "Machine")
            .Add(s => s.Options, Machines).Add(s => s.Value, "b2").Add(s => s.TestId, "machine-picker").Add(s => s.Class, "ss-machine-picker"));

        Assert.Empty(select.FindComponents<IComponent>());
        var native = select.Find(".mud-input-control.mud-select.ss-machine-picker .mud-input.mud-input-outlined.mud-shrink select#catalog-machine[data-testid=machine-picker]");
        Assert.Equal(["alice-laptop", "alice-desktop"], native.QuerySelectorAll("option").Select(o => o.TextContent));
        Assert.Equal(["a1", "b2"], native.QuerySelectorAll("option").Select(o => o.GetAttribute("value")));
        Assert.Equal("b2", native.QuerySelector("option[selected]")!.GetAttribute("value"));
        var label = select.Find("label.mud-input-label.mud-input-label-outlined");
        Assert.Equal("catalog-machine", label.GetAttribute("for"));
        Assert.Equal("Machine", label.TextContent);
        Assert.Equal("Machine", select.Find("fieldset.mud-input-outlined-border legend").TextContent);
    }

    [Fact]
    public void Choosing_an_option_reports_its_value_and_a_value_that_is_not_an_option_is_ignored()
    {
        var chosen = new List<string>();
        var select = _context.Render<OutlinedSelect>(p => p.Add(s => s.Id, "catalog-machine").Add(s => s.Label, "Machine")
            .Add(s => s.Options, Machines).Add(s => s.Value, "a1").Add(s => s.ValueChanged, (string v) => chosen.Add(v)));

        select.Find("select").Change("b2");
        // A value the page never offered (a tampered request) does not reach the page.
        select.Find("select").Change("c3-of-another-user");

        Assert.Equal(["b2"], chosen);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();
}
