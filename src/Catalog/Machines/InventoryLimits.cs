namespace Catalog.Machines;

/// <summary>The bounds an agent's reports must respect before the portal stores or shows them.</summary>
public static class InventoryLimits
{
    public const int MaximumHostNameLength = 255;
    public const int MaximumOsVersionLength = 200;
    public const int MaximumTimeZoneLength = 100;
    public const int MaximumVolumes = 256;
    public const int MaximumVolumeNameLength = 4096;
    public const int MaximumCpuCount = 65_536;
    /// <summary>64 TB of RAM.</summary>
    public const long MaximumMemoryMb = 64L * 1024 * 1024;
    /// <summary>1 EB per volume.</summary>
    public const long MaximumVolumeMb = 1024L * 1024 * 1024 * 1024;
    public const int MaximumExternalSoftware = 20_000;
    public const int MaximumApplications = 5_000;
    public const int MaximumEnvironmentVariables = 1_000;
    public const int MaximumSpecialMacros = 100;
    public const int MaximumFileProbes = 1_000;
    public const int MaximumRegistryValues = 1_000;
    public const int MaximumNameLength = 512;
    public const int MaximumValueLength = 8_192;
    public const int MaximumUsageReports = 5_000;
}
