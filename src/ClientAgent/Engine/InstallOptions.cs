using Catalog.Applications;
using Catalog.Macros;
using Catalog.Packaging;

namespace ClientAgent.Engine;

/// <summary>Everything one install needs. The package file's SHA-256 is verified by whoever downloaded it, or here (<see cref="ExpectedSha256"/>).</summary>
public sealed record InstallOptions
{
    public Guid JobId { get; init; } = Guid.NewGuid();
    public required IPackageContent Package { get; init; }
    /// <summary>When set and <see cref="Package"/> is a <see cref="PackageArchive"/>, its file is hashed and must match before anything else.</summary>
    public string? ExpectedSha256 { get; init; }
    /// <summary>Application-level macros (string and prompted).</summary>
    public IReadOnlyList<MacroDefinition> Macros { get; init; } = [];
    /// <summary>The user's answers to prompted macros, by macro name.</summary>
    public IReadOnlyDictionary<string, string> Answers { get; init; } = new Dictionary<string, string>();
    /// <summary>Values that override any macro, special ones included (e.g. <c>*PROGRAMS</c>).</summary>
    public IReadOnlyDictionary<string, string> MacroOverrides { get; init; } = new Dictionary<string, string>();
    /// <summary>Scripts from the portal's application, run after the package's own scripts of the same stage.</summary>
    public IReadOnlyList<ApplicationScript> ExtraScripts { get; init; } = [];
    public UninstallPolicy Policy { get; init; } = new();
    public Guid? ApplicationId { get; init; }
    /// <summary>Extra free space demanded on each volume beyond the payload size.</summary>
    public long FreeSpaceMarginBytes { get; init; } = 16L * 1024 * 1024;
}
