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
    public void An_installable_card_is_the_card_its_icon_and_one_button()
    {
        var item = new CatalogItem
        {
            Application = new Application { Name = "Editor", Version = "2.0.0", Icon = "edit_note", Package = new PackageReference(new string('a', 64), 10) },
            State = ApplicationVisibility.Available,
        };

        var card = _context.Render<ApplicationCard>(p => p.Add(c => c.Item, item).Add(c => c.OnInstall, _ => { }));

        // Below the card: AppIcon, and the Install MudButton with its start icon (MudCard, MudCardContent, MudChip and
        // MudCardActions, with their cascading values, made it eleven).
        Assert.Equal(["AppIcon", "MudButton", "MudIcon"], card.FindComponents<IComponent>().Select(c => c.Instance.GetType().Name).Order().ToArray());
        Assert.Single(card.FindComponents<MudButton>());
        Assert.NotNull(card.Find(".mud-card .mud-card-content .mud-chip.mud-chip-color-primary[data-testid=app-status]"));
        Assert.NotNull(card.Find(".ss-app-icon svg.mud-svg-icon"));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();
}
