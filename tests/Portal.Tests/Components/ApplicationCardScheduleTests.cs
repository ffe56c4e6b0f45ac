using Bunit;
using Catalog.Applications;
using Catalog.Jobs;
using Catalog.Requirements;
using Catalog.Scheduling;
using Portal.Components.SelfService;
using Portal.SelfService;

namespace Portal.Tests.Components;

/// <summary>The card's required-software and blocked-job states: what the user reads and what the buttons raise.</summary>
public sealed class ApplicationCardScheduleTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Deadline = new(2026, 12, 2, 10, 2, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static readonly Application Agent = new()
    {
        Name = "Security Agent",
        Version = "3.1",
        Package = new PackageReference(new string('b', 64), 10),
        Availability = new Availability { Mode = AvailabilityMode.Required, Deadline = Deadline, Deferrals = 1, DeferralHours = 4 },
    };

    private readonly BunitContext _context = MudTestContext.Create();

    private IRenderedComponent<ApplicationCard> Render(CatalogItem item, Action<CatalogItem>? defer = null, Action<CatalogItem>? allow = null,
        Action<CatalogItem>? cancel = null, Action<CatalogItem>? install = null) =>
        _context.Render<ApplicationCard>(p =>
        {
            p.Add(c => c.Item, item);
            if (defer is not null) p.Add(c => c.OnDefer, defer);
            if (allow is not null) p.Add(c => c.OnAllowClose, allow);
            if (cancel is not null) p.Add(c => c.OnCancelJob, cancel);
            if (install is not null) p.Add(c => c.OnInstall, install);
        });

    [Fact]
    public void Required_software_before_its_deadline_says_when_it_installs_and_offers_install_now_and_later()
    {
        CatalogItem? deferred = null;
        CatalogItem? installed = null;
        var item = new CatalogItem
        {
            Application = Agent,
            State = ApplicationVisibility.Available,
            Required = new RequiredInstallStatus { DueAt = Deadline, StartsAt = Deadline, DeferralsLeft = 1 },
            TimeZone = Berlin,
        };

        var card = Render(item, defer: i => deferred = i, install: i => installed = i);

        Assert.Equal("Required", card.Find("[data-testid=app-status]").TextContent.Trim());
        Assert.Equal(
            "Required: installs automatically at its deadline, Wed 2 Dec 11:02 (Europe/Berlin). \"Later\" moves it by 4 h; 1 postponement left.",
            Normalize(card.Find("[data-testid=app-required]").TextContent));
        Assert.Equal("Install now", card.Find("[data-testid=app-install]").TextContent.Trim());
        card.Find("[data-testid=app-defer]").Click();
        card.Find("[data-testid=app-install]").Click();
        Assert.Same(item, deferred);
        Assert.Same(item, installed);
    }

    [Fact]
    public void Required_software_past_its_deadline_waits_for_the_window_and_later_is_gone_when_used_up()
    {
        var card = Render(new CatalogItem
        {
            Application = Agent,
            State = ApplicationVisibility.Available,
            Required = new RequiredInstallStatus
            {
                DueAt = Deadline, StartsAt = Deadline.AddHours(12), WaitingForWindow = true, WindowDecides = true, DeferralsUsed = 1, DeferralsLeft = 0,
            },
        }, defer: _ => { });

        Assert.Equal(
            "Required: the deadline Wed 2 Dec 10:02 (UTC) has passed; installs when the next maintenance window opens, Wed 2 Dec 22:02 (UTC). No postponements left.",
            Normalize(card.Find("[data-testid=app-required]").TextContent));
        Assert.Empty(card.FindAll("[data-testid=app-defer]"));
    }

    [Fact]
    public void A_blocked_job_names_the_programs_and_offers_to_close_them_or_cancel()
    {
        CatalogItem? allowed = null;
        CatalogItem? cancelled = null;
        var job = new Job
        {
            MachineId = Guid.NewGuid(),
            ApplicationId = Agent.Id,
            Kind = JobKind.Install,
            State = JobState.Blocked,
            RequestedBy = Guid.NewGuid(),
            Message = "Waiting for sectool to close: it is running and must not be while installing. Close it, or let the portal close it.",
        };
        var item = new CatalogItem
        {
            Application = Agent with { Availability = new Availability() },
            State = ApplicationVisibility.Available,
            InstallState = InstallState.Installing,
            ActiveJob = job,
        };

        var card = Render(item, allow: i => allowed = i, cancel: i => cancelled = i);

        Assert.Equal("Waiting for programs to close", card.Find("[data-testid=app-status]").TextContent.Trim());
        Assert.Equal(job.Message, card.Find("[data-testid=app-blocked]").TextContent.Trim());
        Assert.Empty(card.FindAll("[data-testid=app-progress]"));
        card.Find("[data-testid=app-allow-close]").Click();
        card.Find("[data-testid=app-cancel-job]").Click();
        Assert.Same(item, allowed);
        Assert.Same(item, cancelled);
    }

    [Fact]
    public void A_job_blocked_for_required_software_offers_no_buttons_because_the_agent_closes_the_programs_itself()
    {
        var card = Render(new CatalogItem
        {
            Application = Agent,
            State = ApplicationVisibility.Available,
            InstallState = InstallState.Installing,
            ActiveJob = new Job { MachineId = Guid.NewGuid(), ApplicationId = Agent.Id, Kind = JobKind.Install, State = JobState.Blocked, Message = "Waiting" },
        }, allow: _ => { }, cancel: _ => { });

        Assert.Empty(card.FindAll("[data-testid=app-allow-close]"));
    }

    private static string Normalize(string text) => string.Join(' ', text.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();
}
