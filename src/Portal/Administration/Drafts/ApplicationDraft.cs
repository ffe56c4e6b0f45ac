using Catalog.Applications;
using Catalog.Events;
using Catalog.Packaging;

namespace Portal.Administration.Drafts;

/// <summary>
/// The editor's mutable copy of an <see cref="Application"/>. List positions match the application's lists, so a
/// <see cref="ValidationError.Field"/> such as <c>Requirements[2]</c> points at the same row here.
/// </summary>
public sealed class ApplicationDraft
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public string Name { get; set; } = "";
    public string Version { get; set; } = "1.0.0";
    public string Publisher { get; set; } = "";
    public string Description { get; set; } = "";
    public string Category { get; set; } = "";
    public string Icon { get; set; } = "apps";
    public TargetPlatform Platform { get; set; } = new();
    public PackageReference? Package { get; set; }
    public AvailabilityMode Mode { get; set; } = AvailabilityMode.Available;
    /// <summary>Assigned users' emails, one per line.</summary>
    public string Users { get; set; } = "";
    public IEnumerable<string> Roles { get; set; } = ["User"];
    public bool ForceCache { get; set; }
    /// <summary>Required only: the deadline's day and time of day, in UTC (both empty = no deadline).</summary>
    public DateTime? DeadlineDate { get; set; }
    public TimeSpan? DeadlineTime { get; set; }
    public int Deferrals { get; set; }
    public int DeferralHours { get; set; } = 24;
    /// <summary>Blocking process names, one per line.</summary>
    public string BlockingProcesses { get; set; } = "";
    /// <summary>The application this one replaces (a renamed product); null for none.</summary>
    public Guid? Supersedes { get; set; }
    public bool AllowDowngrade { get; set; }
    /// <summary>Process names, one per line.</summary>
    public string ProcessNames { get; set; } = "";
    public List<RequirementDraft> Requirements { get; set; } = [];
    public List<MacroDraft> Macros { get; set; } = [];
    public List<SourceDraft> Sources { get; set; } = [];
    public List<LinkDraft> Dependencies { get; set; } = [];
    public List<LinkDraft> Conflicts { get; set; } = [];
    public UninstallDraft Uninstall { get; set; } = new();
    public List<ScriptDraft> Scripts { get; set; } = Enum.GetValues<ScriptStage>().Select(stage => new ScriptDraft { Stage = stage }).ToList();
    public Dictionary<EventType, ReportingDestinations> Routes { get; set; } = Enum.GetValues<EventType>().ToDictionary(t => t, _ => ReportingDestinations.None);
    public string? LogFilePath { get; set; }
    public string? XmlUrl { get; set; }
    public string? SnmpTarget { get; set; }
    public string? SnmpCommunity { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public Application ToApplication() => new()
    {
        Id = Id,
        Name = Name.Trim(),
        Version = Version.Trim(),
        Publisher = Publisher.Trim(),
        Description = Description.Trim(),
        Category = Category.Trim(),
        Icon = string.IsNullOrWhiteSpace(Icon) ? "apps" : Icon.Trim(),
        Platform = Platform,
        Package = Package,
        Availability = new Availability
        {
            Mode = Mode, Users = Lines(Users), Roles = (Roles ?? []).ToList(), Deadline = Deadline, Deferrals = Deferrals, DeferralHours = DeferralHours,
        },
        BlockingProcesses = Lines(BlockingProcesses),
        ForceCache = ForceCache,
        Supersedes = Supersedes,
        AllowDowngrade = AllowDowngrade,
        ProcessNames = Lines(ProcessNames),
        Requirements = Requirements.Select(r => r.ToRequirement()).ToList(),
        Macros = Macros.Select(m => m.ToMacro()).ToList(),
        Sources = Sources.Select(s => new PackageSource(s.Location.Trim())).ToList(),
        Dependencies = Dependencies.Select(d => d.ToDependency()).ToList(),
        Conflicts = Conflicts.Select(c => c.ToConflict()).ToList(),
        UninstallPolicy = Uninstall.ToPolicy(),
        Scripts = Scripts.Where(s => s.Enabled)
            .Select(s => new ApplicationScript { Stage = s.Stage, Engine = s.Engine.Trim(), Extension = s.Extension.Trim(), TimeoutSeconds = s.TimeoutSeconds, Body = s.Body })
            .ToList(),
        Reporting = new ReportingPolicy
        {
            Routes = Routes.Where(r => r.Value != ReportingDestinations.None).ToDictionary(r => r.Key, r => r.Value),
            LogFilePath = RequirementDraft.Blank(LogFilePath),
            XmlUrl = RequirementDraft.Blank(XmlUrl),
            SnmpTarget = RequirementDraft.Blank(SnmpTarget),
            SnmpCommunity = RequirementDraft.Blank(SnmpCommunity),
        },
        CreatedAt = CreatedAt,
    };

    public static ApplicationDraft From(Application application)
    {
        var draft = new ApplicationDraft
        {
            Id = application.Id,
            Name = application.Name,
            Version = application.Version,
            Publisher = application.Publisher,
            Description = application.Description,
            Category = application.Category,
            Icon = application.Icon,
            Platform = application.Platform,
            Package = application.Package,
            Mode = application.Availability.Mode,
            Users = string.Join('\n', application.Availability.Users),
            Roles = application.Availability.Roles.ToList(),
            ForceCache = application.ForceCache,
            DeadlineDate = application.Availability.Deadline?.UtcDateTime.Date,
            DeadlineTime = application.Availability.Deadline?.UtcDateTime.TimeOfDay,
            Deferrals = application.Availability.Deferrals,
            DeferralHours = application.Availability.DeferralHours,
            BlockingProcesses = string.Join('\n', application.BlockingProcesses),
            Supersedes = application.Supersedes,
            AllowDowngrade = application.AllowDowngrade,
            ProcessNames = string.Join('\n', application.ProcessNames),
            Requirements = application.Requirements.Select(RequirementDraft.From).ToList(),
            Macros = application.Macros.Select(MacroDraft.From).ToList(),
            Sources = application.Sources.Select(s => new SourceDraft { Location = s.Location }).ToList(),
            Dependencies = application.Dependencies.Select(d => LinkDraft.From(d.ApplicationId, d.ExternalSoftwareName, d.MinVersion, d.MaxVersion)).ToList(),
            Conflicts = application.Conflicts.Select(c => LinkDraft.From(c.ApplicationId, c.ExternalSoftwareName, c.MinVersion, c.MaxVersion)).ToList(),
            Uninstall = UninstallDraft.From(application.UninstallPolicy),
            LogFilePath = application.Reporting.LogFilePath,
            XmlUrl = application.Reporting.XmlUrl,
            SnmpTarget = application.Reporting.SnmpTarget,
            SnmpCommunity = application.Reporting.SnmpCommunity,
            CreatedAt = application.CreatedAt,
        };
        foreach (var script in application.Scripts)
        {
            var target = draft.Scripts.First(s => s.Stage == script.Stage);
            (target.Enabled, target.Engine, target.Extension, target.TimeoutSeconds, target.Body) = (true, script.Engine, script.Extension, script.TimeoutSeconds, script.Body);
        }

        foreach (var (type, destinations) in application.Reporting.Routes)
        {
            draft.Routes[type] = destinations;
        }

        return draft;
    }

    /// <summary>The deadline in UTC: a day without a time means midnight; no day means no deadline.</summary>
    public DateTimeOffset? Deadline => DeadlineDate is { } day
        ? new DateTimeOffset(DateTime.SpecifyKind(day.Date + (DeadlineTime ?? TimeSpan.Zero), DateTimeKind.Utc))
        : null;

    private static List<string> Lines(string text) =>
        text.Split(['\n', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
