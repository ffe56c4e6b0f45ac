using Catalog.Applications;
using Catalog.Packaging;

namespace Portal.Demo;

/// <summary>One application of the demo catalog and the payload files its package is built from (path → text).</summary>
public sealed record DemoApplication(Application Application, PackagePlatform Platform, IReadOnlyDictionary<string, string> Payload, IReadOnlyList<PackageSetting> Settings)
{
    /// <summary>Where payload files go unless the application names its own install directory.</summary>
    public string InstallDirectory { get; init; } = $"%*PROGRAMS%/{Folder(Application.Name)}";

    public static string Folder(string name) => name.ToLowerInvariant().Replace(' ', '-');
}
