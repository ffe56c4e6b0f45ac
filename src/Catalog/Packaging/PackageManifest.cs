using Catalog.Applications;

namespace Catalog.Packaging;

/// <summary>
/// The <c>manifest.json</c> of a package file: what the package was built for and every change it makes.
/// Documented in docs/package-format.md.
/// </summary>
public sealed record PackageManifest
{
    public const int CurrentFormatVersion = 1;

    public int FormatVersion { get; init; } = CurrentFormatVersion;
    public required string Name { get; init; }
    public required string Version { get; init; }
    public string Publisher { get; init; } = "";
    public required PackagePlatform Platform { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public IReadOnlyList<PackageFile> Files { get; init; } = [];
    public IReadOnlyList<PackageDirectory> Directories { get; init; } = [];
    /// <summary>Symbolic links the install creates (written after the files, removed by uninstall only while unchanged).</summary>
    public IReadOnlyList<PackageLink> Links { get; init; } = [];
    public IReadOnlyList<PackageSetting> Settings { get; init; } = [];
    public IReadOnlyList<PackageEnvironmentVariable> EnvironmentVariables { get; init; } = [];
    public IReadOnlyList<PackageShortcut> Shortcuts { get; init; } = [];
    /// <summary>Target paths (may use macros) the install deletes (backed up first, restored on uninstall).</summary>
    public IReadOnlyList<string> Deletions { get; init; } = [];
    public IReadOnlyList<ApplicationScript> Scripts { get; init; } = [];
}
