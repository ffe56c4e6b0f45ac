using Bunit;
using Catalog.Applications;
using Catalog.Requirements;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Components.SelfService;
using Portal.SelfService;

namespace Portal.Tests.Components;

/// <summary>
/// A catalog page keeps one card per application alive for as long as its circuit lives, and every component in it
/// costs two render-tree buffers: the card stays a handful of components (see the circuits benchmark in docs/portal.md)
/// while it still looks like a MudBlazor card and chip.
/// </summary>
public sealed class ApplicationCardFootprintTests : IAsyncLifetime
{
    private readonly BunitContext _context = MudTestContext.Create();

    [Fact]
    public void An_installable_card_is_one_component_with_none_below_it()
    {
        var item = new CatalogItem
        {
            Application = new Application { Name = "Editor", Version = "2.0.0", Icon = "edit_note", Package = new PackageReference(new string('a', 64), 10) },
            State = ApplicationVisibility.Available,
        };

        var card = _context.Render<ApplicationCard>(p => p.Add(c => c.Item, item).Add(c => c.OnInstall, _ => { }));

        // Nothing below the card, not even its icon (MudCard, MudCardContent, MudChip and MudCardActions, with their
        // cascading values, and the Install MudButton with its start icon made it eleven).
        Assert.Empty(card.FindComponents<IComponent>());
        Assert.Empty(card.FindComponents<MudButton>());
        var install = card.Find("button.mud-button-root.mud-button-filled.mud-button-filled-primary.mud-ripple[data-testid=app-install]");
        Assert.Equal("Install", install.TextContent.Trim());
        Assert.NotNull(install.QuerySelector(".mud-button-label .mud-button-icon-start svg.mud-svg-icon"));
        Assert.NotNull(card.Find(".mud-card .mud-card-content .mud-chip.mud-chip-color-primary[data-testid=app-status]"));
        Assert.NotNull(card.Find(".ss-app-icon svg.mud-svg-icon"));
    }

    [Fact]
    public void A_button_hands_the_item_over_and_is_disabled_while_busy()
    {
        var item = new CatalogItem
        {
            Application = new Application { Name = "Editor", Version = "2.0.0", Icon = "edit_note", Package = new PackageReference(new string('a', 64), 10) },
            State = ApplicationVisibility.Available,
        };
        CatalogItem? installed = null;

        var card = _context.Render<ApplicationCard>(p => p.Add(c => c.Item, item).Add(c => c.OnInstall, i => installed = i));
        card.Find("[data-testid=app-install]").Click();

        Assert.Same(item, installed);
        card.Render(p => p.Add(c => c.Busy, true));
        Assert.True(card.Find("[data-testid=app-install]").HasAttribute("disabled"));
    }

    [Fact]
    public void The_same_item_again_leaves_the_card_as_it_is_and_a_replaced_item_renders_it()
    {
        // The page renders again for another card's progress or a keystroke in the search box; an unchanged card keeps
        // its render tree (and one render-tree buffer instead of two) but still calls the callback it is handed now.
        var item = new CatalogItem
        {
            Application = new Application { Name = "Editor", Version = "2.0.0", Icon = "edit_note", Package = new PackageReference(new string('a', 64), 10) },
            State = ApplicationVisibility.Available,
        };
        var calls = new List<string>();
        var card = _context.Render<ApplicationCard>(p => p.Add(c => c.Item, item).Add(c => c.OnInstall, _ => calls.Add("first")));
        var renders = card.RenderCount;

        card.Render(p => p.Add(c => c.Item, item).Add(c => c.OnInstall, _ => calls.Add("second")));
        var afterSameItem = card.RenderCount;
        card.Find("[data-testid=app-install]").Click();
        card.Render(p => p.Add(c => c.Item, item with { InstallState = InstallState.Installing, ActiveJob = null }));

        Assert.Equal(renders, afterSameItem);
        Assert.Equal(["second"], calls);
        Assert.Equal(renders + 1, card.RenderCount);
        Assert.Equal("Installing", card.Find("[data-testid=app-status]").TextContent.Trim());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();
}
