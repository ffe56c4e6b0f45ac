using Bunit;
using Bunit.TestDoubles;
using Catalog.Users;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Components.Layout;

namespace Portal.Tests.Components;

/// <summary>
/// Every signed-in circuit holds the layout for its whole life, and every component in it costs two render-tree buffers:
/// the app bar (header, toolbar, menu button, spacer) and the side navigation (one link per page the user may open,
/// thirteen for an administrator) are MudBlazor's markup and classes, not MudAppBar, MudIconButton, MudNavMenu and
/// MudNavLink components (see the circuits benchmark in docs/portal.md); the menu still marks the page shown.
/// </summary>
public sealed class LayoutFootprintTests : IAsyncLifetime
{
    private readonly BunitContext _context = MudTestContext.Create();

    [Fact]
    public void The_app_bar_and_an_administrators_navigation_are_markup_not_components()
    {
        _context.AddAuthorization().SetAuthorized("admin@example.com").SetRoles(RoleNames.Administrator);

        var layout = RenderLayout();

        var names = layout.FindComponents<IComponent>().Select(c => c.Instance.GetType().Name).ToHashSet();
        Assert.DoesNotContain("MudThemeProvider", names);
        Assert.DoesNotContain("MudAppBar", names);
        Assert.DoesNotContain("MudToolBar", names);
        Assert.DoesNotContain("MudIconButton", names);
        Assert.DoesNotContain("MudSpacer", names);
        Assert.DoesNotContain("MudNavMenu", names);
        Assert.DoesNotContain("MudNavLink", names);
        Assert.DoesNotContain("NavLink", names);
        Assert.DoesNotContain("MudLayout", names);
        Assert.DoesNotContain("MudDrawer", names);
        Assert.DoesNotContain("MudMainContent", names);
        Assert.DoesNotContain("MudMenu", names);
        Assert.DoesNotContain("AuthorizeView", names);
        Assert.Empty(layout.FindComponents<MudIcon>());
        Assert.NotNull(layout.Find("header.mud-appbar.mud-appbar-fixed-top .mud-toolbar.mud-toolbar-appbar button.mud-icon-button[aria-label='Show or hide the navigation'] svg.mud-svg-icon"));
        Assert.Equal(PortalNavigation.Items.Count, layout.FindAll("nav.mud-navmenu.mud-navmenu-primary .mud-nav-item a.mud-nav-link svg.mud-nav-link-icon").Count);
    }

    [Fact]
    public void The_theme_provider_renders_only_style_elements_so_the_page_head_can_hold_it()
    {
        var theme = _context.Render<MudThemeProvider>(p => p.Add(t => t.Theme, PortalTheme.Theme));

        Assert.Empty(theme.FindComponents<IComponent>());
        Assert.NotEmpty(theme.Nodes);
        Assert.All(theme.Nodes.OfType<AngleSharp.Dom.IElement>(), element => Assert.Equal("STYLE", element.TagName));
        Assert.Matches("--mud-palette-primary:\\s*(#3949ab|rgba?\\(57,\\s*73,\\s*171)", theme.Markup);
    }

    [Fact]
    public void The_navigation_marks_the_page_shown_and_follows_navigation()
    {
        _context.AddAuthorization().SetAuthorized("alice@example.com");
        var navigation = _context.Services.GetRequiredService<NavigationManager>();

        var layout = RenderLayout();

        Assert.Equal(["Home", "Catalog", "My jobs"], layout.FindAll("a.mud-nav-link").Select(a => a.TextContent.Trim()));
        Assert.Equal("Home", layout.Find("a.mud-nav-link.active[aria-current=page]").TextContent.Trim());

        navigation.NavigateTo("catalog?machine=1");
        layout.WaitForAssertion(() => Assert.Equal("Catalog", layout.Find("a.mud-nav-link.active").TextContent.Trim()));
        Assert.Single(layout.FindAll("a.mud-nav-link.active"));

        navigation.NavigateTo("jobs/6f9619ff-8b86-d011-b42d-00cf4fc964ff");
        layout.WaitForAssertion(() => Assert.Equal("My jobs", layout.Find("a.mud-nav-link.active").TextContent.Trim()));
    }

    [Fact]
    public void The_menu_button_toggles_the_drawer_and_a_followed_link_or_the_backdrop_untoggles_it()
    {
        // Which state "toggled" is (hidden beside the page, or shown over it on a phone) is CSS's; the browser test
        // On_a_phone_the_menu_is_collapsed_until_the_toggle_opens_it checks what a phone shows.
        _context.AddAuthorization().SetAuthorized("alice@example.com");
        var layout = RenderLayout();
        bool Toggled() => layout.Find(".mud-layout").ClassList.Contains("portal-nav-toggled");
        Assert.False(Toggled());
        Assert.Empty(layout.FindAll(".portal-drawer-backdrop"));

        layout.Find("button[aria-label='Show or hide the navigation']").Click();
        Assert.True(Toggled());
        layout.Find(".mud-drawer a.mud-nav-link").Click();
        Assert.False(Toggled());

        layout.Find("button[aria-label='Show or hide the navigation']").Click();
        layout.Find(".portal-drawer-backdrop").Click();
        Assert.False(Toggled());
    }

    [Fact]
    public void The_account_menu_opens_below_its_button_and_closes_on_escape_or_a_click_outside()
    {
        _context.AddAuthorization().SetAuthorized("alice@example.com");
        var layout = RenderLayout();
        Assert.Empty(layout.FindAll("[data-testid=account-menu-list]"));
        Assert.Equal("false", layout.Find("[data-testid=account-menu]").GetAttribute("aria-expanded"));

        layout.Find("[data-testid=account-menu]").Click();
        var list = layout.Find("[data-testid=account-menu-list].mud-popover.mud-popover-open [role=menu]");
        Assert.Equal(["Change password", "Sign out"], list.QuerySelectorAll("[role=menuitem]").Select(i => i.TextContent.Trim()));
        Assert.Equal("account/password", list.QuerySelector("a[role=menuitem]")!.GetAttribute("href"));
        Assert.Equal("true", layout.Find("[data-testid=account-menu]").GetAttribute("aria-expanded"));

        layout.Find(".portal-account").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Escape" });
        Assert.Empty(layout.FindAll("[data-testid=account-menu-list]"));

        layout.Find("[data-testid=account-menu]").Click();
        layout.Find(".portal-account-backdrop").Click();
        Assert.Empty(layout.FindAll("[data-testid=account-menu-list]"));
    }

    private IRenderedComponent<MainLayout> RenderLayout() =>
        _context.Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "page"))));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();
}
