using Bunit;
using Catalog.Applications;
using Catalog.Requirements;
using Catalog.Versioning;
using Portal.Components.SelfService;
using Portal.SelfService;

namespace Portal.Tests.Components;

/// <summary>The catalog's Updates view head and the card's Update state: what the user sees and what a click does.</summary>
public sealed class UpdatesBarTests : IAsyncLifetime
{
    private static readonly Application Editor = new()
    {
        Name = "Editor",
        Version = "2.0",
        Package = new PackageReference(new string('a', 64), 10),
    };

    private static readonly CatalogItem EditorUpdate = new()
    {
        Application = Editor,
        State = ApplicationVisibility.Available,
        InstallState = InstallState.UpdateAvailable,
        InstalledVersion = "1.0",
        Change = VersionChange.Upgrade,
    };

    private readonly BunitContext _context = MudTestContext.Create();

    [Fact]
    public void The_card_of_an_update_names_the_installed_and_offered_versions_and_offers_update()
    {
        CatalogItem? clicked = null;
        var card = _context.Render<ApplicationCard>(p => p.Add(c => c.Item, EditorUpdate).Add(c => c.OnInstall, i => clicked = i));

        Assert.Equal("UpdateAvailable", card.Find("[data-testid=app-card]").GetAttribute("data-install-state"));
        Assert.Equal("Update available (installed 1.0)", card.Find("[data-testid=app-status]").TextContent.Trim());
        Assert.Equal("Installed 1.0 → offered 2.0.", card.Find("[data-testid=app-update]").TextContent.Trim());
        card.Find("[data-testid=app-install]").Click();
        Assert.Same(EditorUpdate, clicked);
    }

    [Fact]
    public void A_replacing_product_says_what_it_replaces()
    {
        var item = EditorUpdate with { Application = Editor with { Name = "Jotter", Version = "3.0" }, Replaces = "Notes 1.0" };

        var card = _context.Render<ApplicationCard>(p => p.Add(c => c.Item, item));

        Assert.Equal("Replaces Notes 1.0", card.Find("[data-testid=app-status]").TextContent.Trim());
        Assert.Equal("Replaces Notes 1.0, which is removed after Jotter 3.0 installs.", card.Find("[data-testid=app-update]").TextContent.Trim());
        Assert.Equal("Update", card.Find("[data-testid=app-install]").TextContent.Trim());
    }

    [Fact]
    public void A_refused_downgrade_shows_why_and_offers_no_install()
    {
        var item = EditorUpdate with
        {
            InstallState = InstallState.Installed,
            InstalledVersion = "3.0",
            Change = VersionChange.Downgrade,
            UpdateRefusal = "Editor 3.0 is installed, which is newer than 2.0; the administrator does not allow going back to an older version.",
        };

        var card = _context.Render<ApplicationCard>(p => p.Add(c => c.Item, item));

        Assert.Contains("does not allow going back", card.Find("[data-testid=app-update-refused]").TextContent);
        Assert.Empty(card.FindAll("[data-testid=app-install]"));
    }

    [Fact]
    public void The_updates_view_lists_each_update_and_update_all_raises_once()
    {
        var calls = 0;
        var other = EditorUpdate with { Application = Editor with { Id = Guid.NewGuid(), Name = "Paint", Version = "5.1" }, InstalledVersion = "5.0" };

        var bar = _context.Render<UpdatesBar>(p => p
            .Add(b => b.Updates, [EditorUpdate, other])
            .Add(b => b.MachineName, "ws-07")
            .Add(b => b.OnUpdateAll, () => calls++));

        Assert.Equal("2 updates for ws-07: Editor 1.0 → 2.0, Paint 5.0 → 5.1", Normalize(bar.Find("[data-testid=updates-summary]").TextContent));
        bar.Find("[data-testid=update-all]").Click();
        Assert.Equal(1, calls);
    }

    [Fact]
    public void With_nothing_to_update_the_view_says_so_and_offers_no_button()
    {
        var bar = _context.Render<UpdatesBar>(p => p.Add(b => b.Updates, []).Add(b => b.MachineName, "ws-07"));

        Assert.Equal("Everything from the catalog on ws-07 is up to date.", bar.Find("[data-testid=updates-none]").TextContent.Trim());
        Assert.Empty(bar.FindAll("[data-testid=update-all]"));
    }

    [Fact]
    public void Busy_disables_update_all()
    {
        var bar = _context.Render<UpdatesBar>(p => p.Add(b => b.Updates, [EditorUpdate]).Add(b => b.MachineName, "ws-07").Add(b => b.Busy, true));

        Assert.True(bar.Find("[data-testid=update-all]").HasAttribute("disabled"));
    }

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();
}
