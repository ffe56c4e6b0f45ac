using Catalog.Applications;
using Catalog.Jobs;
using Catalog.Macros;

namespace Catalog.Agents;

/// <summary>
/// What the portal pushes to an agent with <c>RunJob</c>: everything the agent needs to run the job without asking back.
/// </summary>
public sealed record JobMessage
{
    public required Guid JobId { get; init; }
    public required JobKind Kind { get; init; }
    public required Guid ApplicationId { get; init; }
    public required string ApplicationName { get; init; }
    public required string ApplicationVersion { get; init; }
    /// <summary>Lower-case hex SHA-256 of the package file; empty for an uninstall of an application without a package.</summary>
    public string PackageSha256 { get; init; } = "";
    public long PackageSize { get; init; }
    /// <summary>
    /// Package locations in the order to try them: the portal's own package URL first (relative to the portal, e.g.
    /// <c>api/packages/&lt;sha&gt;</c>), then the application's fallback sources (http(s) URLs or file:// paths).
    /// </summary>
    public IReadOnlyList<string> Sources { get; init; } = [];
    public IReadOnlyList<MacroDefinition> Macros { get; init; } = [];
    /// <summary>Prompted macro answers, by macro name.</summary>
    public IReadOnlyDictionary<string, string> Answers { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<ApplicationScript> Scripts { get; init; } = [];
    public UninstallPolicy UninstallPolicy { get; init; } = new();
    /// <summary>The application wants its package in the agent's cache ahead of time.</summary>
    public bool ForceCache { get; init; }
    public IReadOnlyList<string> ProcessNames { get; init; } = [];
    /// <summary>Programs that block this job while they run (the application's <c>BlockingProcesses</c>).</summary>
    public IReadOnlyList<string> BlockingProcesses { get; init; } = [];
    /// <summary>
    /// Required software past its deadline: the agent ends the blocking programs itself (reporting ProcessTermination)
    /// instead of waiting in Blocked for the user.
    /// </summary>
    public bool TerminateBlocking { get; init; }
    /// <summary>For an upgrade: the installed version it replaces; the agent refuses when its receipt says otherwise.</summary>
    public string? UpgradeFrom { get; init; }
    /// <summary>For an upgrade: the administrator allows going to a lower version.</summary>
    public bool AllowDowngrade { get; init; }
    /// <summary>For an upgrade: the catalog application the installed receipt must belong to, when not <see cref="ApplicationId"/>.</summary>
    public Guid? UpgradeFromApplicationId { get; init; }
}
