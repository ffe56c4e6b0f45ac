namespace Catalog.Packaging;

/// <summary>The package was built for another OS family than the machine that tries to open it.</summary>
public sealed class WrongOsException(PackageManifest manifest, PackagePlatform machine, string? machineDescription = null)
    : PackageFormatException(BuildMessage(manifest, machine, machineDescription))
{
    public PackagePlatform PackagePlatform { get; } = manifest.Platform;

    public PackagePlatform MachinePlatform { get; } = machine;

    private static string BuildMessage(PackageManifest manifest, PackagePlatform machine, string? machineDescription)
    {
        var runs = Describe(machine);
        if (!string.IsNullOrWhiteSpace(machineDescription))
        {
            runs += $" ({machineDescription})";
        }

        return $"Package '{manifest.Name} {manifest.Version}' was built for {Describe(manifest.Platform)}; this machine runs {runs}";
    }

    private static string Describe(PackagePlatform platform) =>
        string.IsNullOrWhiteSpace(platform.OsVersion) ? platform.OsFamily.ToString() : $"{platform.OsFamily} {platform.OsVersion}";
}
