using Bunit;
using Catalog.Applications;
using Catalog.Jobs;
using Catalog.Requirements;
using Portal.Components.SelfService;
using Portal.SelfService;

namespace Portal.Tests.Components;

public sealed class ApplicationCardTests : IAsyncLifetime
{
    private static readonly Application Editor = new()
    {
        Name = "Editor",
        Version = "2.0.0",
        Publisher = "Example Soft",
        Description = "Edits text.",
        Icon = "edit_note",
        Package = new PackageReference(new string('a', 64), 10),
    };

    private readonly BunitContext _context = MudTestContext.Create();

    private IRenderedComponent<ApplicationCard> Render(CatalogItem item, Action<CatalogItem>? install = null, Action<CatalogItem>? uninstall = null,
        Action<CatalogItem>? withdraw = null) =>
        _context.Render<ApplicationCard>(p =>
        {
            p.Add(c => c.Item, item);
            if (install is not null) p.Add(c => c.OnInstall, install);
            if (uninstall is not null) p.Add(c => c.OnUninstall, uninstall);
            if (withdraw is not null) p.Add(c => c.OnWithdraw, withdraw);
        });

    [Fact]
    public void An_available_application_shows_what_it_is_and_install_raises_the_item()
    {
        CatalogItem? clicked = null;
        var item = new CatalogItem { Application = Editor, State = ApplicationVisibility.Available };

        var card = Render(item, install: i => clicked = i);

        Assert.Equal("Editor", card.Find(".ss-card-title").TextContent);
        Assert.Equal("Version 2.0.0 · Example Soft", card.Find(".ss-card-meta").TextContent);
        Assert.Equal("Available", card.Find("[data-testid=app-status]").TextContent.Trim());
        Assert.Empty(card.FindAll("[data-testid=app-reasons]"));
        card.Find("[data-testid=app-install]").Click();
        Assert.Same(item, clicked);
    }

    [Fact]
    public void An_unavailable_application_lists_each_reason_in_people_sizes_and_offers_no_action()
    {
        var card = Render(new CatalogItem
        {
            Application = Editor,
            State = ApplicationVisibility.Unavailable,
            Reasons = ["Needs at least 65536 MB of memory; this machine has 8192 MB", "Needs 8 CPUs; this machine has 4"],
        });

        Assert.Contains("ss-card-unavailable", card.Find("[data-testid=app-card]").ClassName);
        Assert.Equal("Not available", card.Find("[data-testid=app-status]").TextContent.Trim());
        Assert.Equal(
            ["Needs at least 64 GB of memory; this machine has 8 GB", "Needs 8 CPUs; this machine has 4"],
            card.FindAll("[data-testid=app-reasons] li").Select(li => li.TextContent));
        Assert.Empty(card.FindAll("button"));
    }

    [Fact]
    public void An_installed_application_offers_reinstall_and_asks_the_helpdesk_to_uninstall()
    {
        CatalogItem? uninstalled = null;
        var card = Render(new CatalogItem
        {
            Application = Editor,
            State = ApplicationVisibility.Available,
            InstallState = InstallState.Installed,
            InstalledVersion = "2.0.0",
            CanUninstall = true,
            UninstallNeedsApproval = true,
        }, install: _ => { }, uninstall: i => uninstalled = i);

        Assert.Equal("Installed 2.0.0", card.Find("[data-testid=app-status]").TextContent.Trim());
        Assert.Equal("Reinstall", card.Find("[data-testid=app-install]").TextContent.Trim());
        card.Find("[data-testid=app-uninstall]").Click();
        Assert.NotNull(uninstalled);
        Assert.Equal("Request uninstall", card.Find("[data-testid=app-uninstall]").TextContent.Trim());
    }

    [Fact]
    public void An_older_installed_version_offers_update_and_no_uninstall_while_the_policy_forbids_it()
    {
        var card = Render(new CatalogItem
        {
            Application = Editor,
            State = ApplicationVisibility.Available,
            InstallState = InstallState.UpdateAvailable,
            InstalledVersion = "1.4.0",
            CanUninstall = true,
        });

        Assert.Equal("Update available (installed 1.4.0)", card.Find("[data-testid=app-status]").TextContent.Trim());
        Assert.Equal("Update", card.Find("[data-testid=app-install]").TextContent.Trim());
        Assert.Empty(card.FindAll("[data-testid=app-uninstall]"));
    }

    [Fact]
    public void An_active_job_shows_its_progress_in_words_and_disables_nothing_else()
    {
        var card = Render(new CatalogItem
        {
            Application = Editor,
            State = ApplicationVisibility.Available,
            InstallState = InstallState.Installing,
            ActiveJob = new Job
            {
                MachineId = Guid.NewGuid(), ApplicationId = Editor.Id, Kind = JobKind.Install, State = JobState.Running, Phase = JobPhase.Downloading,
                Percent = 40, Message = "Copied 0 of 0 MB",
            },
        });

        Assert.Equal("Downloading 40%", card.Find("[data-testid=app-progress-text]").TextContent);
        Assert.Equal("Installing", card.Find("[data-testid=app-status]").TextContent.Trim());
        Assert.Empty(card.FindAll("[data-testid=app-install]"));
    }

    [Fact]
    public void A_denied_request_shows_the_helpdesk_reason()
    {
        var card = Render(new CatalogItem
        {
            Application = Editor,
            State = ApplicationVisibility.Available,
            InstallState = InstallState.Installed,
            InstalledVersion = "2.0.0",
            LatestRequest = new UninstallRequest
            {
                MachineId = Guid.NewGuid(), ApplicationId = Editor.Id, UserId = Guid.NewGuid(),
                State = UninstallRequestState.Denied, DecisionReason = "Licensed until June",
            },
        });

        Assert.Contains("Uninstall request denied: Licensed until June", card.Find("[data-testid=app-denied]").TextContent);
    }

    [Fact]
    public void A_pending_request_can_be_withdrawn()
    {
        CatalogItem? withdrawn = null;
        var item = new CatalogItem
        {
            Application = Editor,
            State = ApplicationVisibility.Available,
            InstallState = InstallState.UninstallRequested,
            InstalledVersion = "2.0.0",
            LatestRequest = new UninstallRequest
            {
                MachineId = Guid.NewGuid(), ApplicationId = Editor.Id, UserId = Guid.NewGuid(), State = UninstallRequestState.Pending,
            },
        };

        var card = Render(item, withdraw: i => withdrawn = i);

        Assert.Equal("Uninstall requested", card.Find("[data-testid=app-status]").TextContent.Trim());
        card.Find("[data-testid=app-withdraw]").Click();
        Assert.Same(item, withdrawn);
    }

    [Fact]
    public void A_long_name_and_description_keep_the_full_text_in_the_tooltip()
    {
        var name = "An Application With A Name Far Too Long For Any Card In The Catalog Grid";
        var description = string.Join(' ', Enumerable.Repeat("A very long description.", 40));

        var card = Render(new CatalogItem { Application = Editor with { Name = name, Description = description }, State = ApplicationVisibility.Available });

        Assert.Equal(name, card.Find(".ss-card-title").GetAttribute("title"));
        Assert.Equal(description, card.Find(".ss-card-desc").GetAttribute("title"));
    }

    [Fact]
    public void Busy_disables_the_actions_against_double_clicks()
    {
        var card = _context.Render<ApplicationCard>(p => p
            .Add(c => c.Item, new CatalogItem { Application = Editor, State = ApplicationVisibility.Available })
            .Add(c => c.Busy, true));

        Assert.True(card.Find("[data-testid=app-install]").HasAttribute("disabled"));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();
}
