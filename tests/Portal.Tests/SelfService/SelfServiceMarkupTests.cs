using Catalog.Applications;
using Catalog.Jobs;
using Catalog.Machines;
using Catalog.Macros;
using Catalog.Requirements;
using Portal.Components.SelfService;
using Portal.SelfService;
using Portal.Tests.Components;
using Microsoft.Extensions.DependencyInjection;
using Radzen;

namespace Portal.Tests.SelfService;

public sealed class SelfServiceMarkupTests
{
    private static readonly Application Editor = new()
    {
        Name = "Editor",
        Version = "2.0.0",
        Publisher = "Example Soft",
        Description = "Edits text.",
        Icon = "edit",
        Package = new PackageReference(new string('a', 64), 10),
    };

    private static readonly Inventory Machine = new()
    {
        Volumes = [new Volume("/", 200_000, 100_000), new Volume("/data", 1_000, 50)],
        SpecialMacros = new Dictionary<string, string> { ["*PROGRAMS"] = "/opt" },
    };

    private static TestHtmlRenderer Renderer() => TestHtmlRenderer.Create(services =>
    {
        services.AddRadzenComponents();
        services.AddSingleton<Microsoft.JSInterop.IJSRuntime, NoJavaScriptRuntime>();
    });

    private static Task<string> RenderCardAsync(CatalogItem item) =>
        Renderer().RenderAsync<ApplicationCard>(new Dictionary<string, object?> { [nameof(ApplicationCard.Item)] = item });

    [Fact]
    public async Task An_available_application_offers_install()
    {
        var html = await RenderCardAsync(new CatalogItem { Application = Editor, State = ApplicationVisibility.Available });

        Assert.Contains("Editor", html);
        Assert.Contains("Version 2.0.0", html);
        Assert.Contains("Example Soft", html);
        Assert.Contains(">Install<", html);
        Assert.DoesNotContain("app-reasons", html);
        Assert.DoesNotContain("ss-card-unavailable", html);
    }

    [Fact]
    public async Task An_unavailable_application_is_greyed_with_each_reason_and_no_action()
    {
        var html = await RenderCardAsync(new CatalogItem
        {
            Application = Editor,
            State = ApplicationVisibility.Unavailable,
            Reasons = ["Needs 16384 MB of memory; this machine has 8192 MB", "Needs 8 CPUs; this machine has 4"],
        });

        Assert.Contains("ss-card-unavailable", html);
        Assert.Contains("Not available", html);
        Assert.Contains("<li>Needs 16384 MB of memory; this machine has 8192 MB</li>", html);
        Assert.Contains("<li>Needs 8 CPUs; this machine has 4</li>", html);
        Assert.DoesNotContain("app-install", html);
    }

    [Fact]
    public async Task An_installed_application_offers_reinstall_and_a_request_when_approval_is_needed()
    {
        var html = await RenderCardAsync(new CatalogItem
        {
            Application = Editor,
            State = ApplicationVisibility.Available,
            InstallState = InstallState.Installed,
            InstalledVersion = "2.0.0",
            CanUninstall = true,
            UninstallNeedsApproval = true,
        });

        Assert.Contains("Installed 2.0.0", html);
        Assert.Contains(">Reinstall<", html);
        Assert.Contains(">Request uninstall<", html);
    }

    [Fact]
    public async Task An_older_installed_version_offers_update()
    {
        var html = await RenderCardAsync(new CatalogItem
        {
            Application = Editor,
            State = ApplicationVisibility.Available,
            InstallState = InstallState.UpdateAvailable,
            InstalledVersion = "1.4.0",
            CanUninstall = true,
        });

        Assert.Contains("Update available (installed 1.4.0)", html);
        Assert.Contains(">Update<", html);
        Assert.DoesNotContain("app-uninstall", html);
    }

    [Fact]
    public async Task An_active_job_shows_progress_and_a_denied_request_its_reason()
    {
        var installing = await RenderCardAsync(new CatalogItem
        {
            Application = Editor,
            State = ApplicationVisibility.Available,
            InstallState = InstallState.Installing,
            ActiveJob = new Job { MachineId = Guid.NewGuid(), ApplicationId = Editor.Id, Kind = JobKind.Install, State = JobState.Running, Phase = JobPhase.Downloading, Percent = 40 },
        });
        var denied = await RenderCardAsync(new CatalogItem
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

        Assert.Contains("app-progress", installing);
        Assert.Contains("Downloading 40%", installing);
        Assert.DoesNotContain("app-install", installing);
        Assert.Contains("Uninstall request denied: Licensed until June", denied);
    }

    [Fact]
    public async Task Install_prompts_disable_small_volumes_and_bound_strings()
    {
        var app = Editor with
        {
            Macros =
            [
                new PromptedVolumeMacro { Name = "INSTALLVOL", Prompt = "Install on", DefaultVolume = "/", MinimumFreeMb = 500 },
                new PromptedStringMacro { Name = "FOLDER", Prompt = "Folder name", Default = "editor", MaximumLength = 20 },
            ],
        };
        var preview = new InstallPreview
        {
            Application = app,
            Machine = new Machine { Name = "pc", CredentialHash = "x", Inventory = Machine },
            Inventory = Machine,
            Prompts = app.Macros.OfType<PromptedMacro>().ToList(),
            Defaults = new Dictionary<string, string> { ["INSTALLVOL"] = "/", ["FOLDER"] = "editor" },
        };

        var html = await Renderer().RenderAsync<InstallPrompts>(new Dictionary<string, object?>
        {
            [nameof(InstallPrompts.Preview)] = preview,
            [nameof(InstallPrompts.Answers)] = new Dictionary<string, string> { ["INSTALLVOL"] = "/", ["FOLDER"] = "../x" },
        });

        Assert.True(html.IndexOf("Install on", StringComparison.Ordinal) < html.IndexOf("Folder name", StringComparison.Ordinal));
        Assert.Contains("<input type=\"radio\" disabled name=\"INSTALLVOL\" value=\"/data\"", html);
        Assert.Contains("<input type=\"radio\" name=\"INSTALLVOL\" value=\"/\"", html);
        Assert.Contains("/data &#x2014; only 50 MB free", html);
        Assert.Contains("/ &#x2014; 100000 MB free", html);
        Assert.Contains("maxlength=\"20\"", html);
        Assert.Contains("4 / 20 characters", html);
        Assert.Contains("path traversal", html);
    }

    [Fact]
    public async Task The_approval_queue_lists_who_machine_application_reason_and_age()
    {
        var now = DateTimeOffset.Parse("2026-11-22T10:00:00Z");
        var request = new UninstallRequestView(
            Guid.NewGuid(), Guid.NewGuid(), "alice-laptop", Guid.NewGuid(), "Editor", "2.0.0", Guid.NewGuid(), "alice@example.com",
            "Not used any more", "Pending", "", "", null, now.AddHours(-3), null);

        var html = await Renderer().RenderAsync<ApprovalQueue>(new Dictionary<string, object?>
        {
            [nameof(ApprovalQueue.Requests)] = new[] { request },
            [nameof(ApprovalQueue.Now)] = now,
        });
        var empty = await Renderer().RenderAsync<ApprovalQueue>(new Dictionary<string, object?>
        {
            [nameof(ApprovalQueue.Requests)] = Array.Empty<UninstallRequestView>(),
            [nameof(ApprovalQueue.Now)] = now,
        });

        Assert.Contains(">alice@example.com</td>", html);
        Assert.Contains(">alice-laptop</td>", html);
        Assert.Contains(">Editor 2.0.0</td>", html);
        Assert.Contains(">Not used any more</td>", html);
        Assert.Contains("3 h ago", html);
        Assert.Contains(">Approve<", html);
        Assert.Contains(">Deny<", html);
        Assert.Contains("No requests are waiting.", empty);
    }
}
