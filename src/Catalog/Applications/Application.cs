using Catalog.Dependencies;
using Catalog.Events;
using Catalog.Macros;
using Catalog.Requirements;

namespace Catalog.Applications;

/// <summary>
/// A catalog entry (ZENworks "Application object"): what it is, what it needs, how it installs and uninstalls.
/// </summary>
public sealed record Application
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public required string Name { get; init; }
    public required string Version { get; init; }
    public string Publisher { get; init; } = "";
    public string Description { get; init; } = "";
    public string Category { get; init; } = "";
    /// <summary>Icon name (Material icon) or URL relative to the portal.</summary>
    public string Icon { get; init; } = "apps";
    public TargetPlatform Platform { get; init; } = new();
    /// <summary>The package this application installs; null until one is uploaded.</summary>
    public PackageReference? Package { get; init; }
    public IReadOnlyList<Requirement> Requirements { get; init; } = [];
    public IReadOnlyList<MacroDefinition> Macros { get; init; } = [];
    /// <summary>Fallback package locations tried in order after the portal itself.</summary>
    public IReadOnlyList<PackageSource> Sources { get; init; } = [];
    public IReadOnlyList<Dependency> Dependencies { get; init; } = [];
    public IReadOnlyList<Conflict> Conflicts { get; init; } = [];
    public UninstallPolicy UninstallPolicy { get; init; } = new();
    public IReadOnlyList<ApplicationScript> Scripts { get; init; } = [];
    public ReportingPolicy Reporting { get; init; } = new();
    public Availability Availability { get; init; } = new();
    /// <summary>Download the package to the agent's cache ahead of time.</summary>
    public bool ForceCache { get; init; }
    /// <summary>Names of the processes that belong to the application (usage tracking, termination before uninstall).</summary>
    public IReadOnlyList<string> ProcessNames { get; init; } = [];
    /// <summary>
    /// Programs that must not run while the application is installed, upgraded or uninstalled (matched by process name,
    /// as <c>/proc/&lt;pid&gt;/comm</c> or the executable's file name). Separate from <see cref="ProcessNames"/>: usage
    /// tracking counts helpers that need not block, and a blocker may be another product (a browser holding a plug-in).
    /// </summary>
    public IReadOnlyList<string> BlockingProcesses { get; init; } = [];
    /// <summary>
    /// The application this one replaces (a renamed product): machines with that one installed are offered this one
    /// as an update, and the old one is uninstalled after this one installs.
    /// </summary>
    public Guid? Supersedes { get; init; }
    /// <summary>Machines with a newer version may go back to this one (refused otherwise, on the portal and the agent).</summary>
    public bool AllowDowngrade { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}
