namespace Catalog.Machines;

/// <summary>
/// Bounds on what an agent may report about its machine, so a broken or hostile agent cannot store absurd values or
/// fill the portal's memory and database.
/// </summary>
public static class InventoryValidator
{
    public const int MaxVolumes = 256;
    public const int MaxExternalSoftware = 20_000;
    public const int MaxApplications = 5_000;
    public const int MaxMapEntries = 2_000;
    public const int MaxNameLength = 255;
    public const int MaxValueLength = 4_096;

    /// <summary>The first problem found, as a sentence; null when the inventory is acceptable.</summary>
    public static string? Validate(Inventory inventory)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        return inventory switch
        {
            { CpuCount: < 0 or > 65_536 } => $"a CPU count of {inventory.CpuCount} is impossible.",
            { MemoryMb: < 0 or > 1L << 40 } => $"{inventory.MemoryMb} MB of memory is impossible.",
            _ when TooLong(inventory.HostName) => $"the host name is longer than {MaxNameLength} characters.",
            _ when TooLong(inventory.OsVersion) => $"the OS version is longer than {MaxNameLength} characters.",
            { Volumes.Count: > MaxVolumes } => $"{inventory.Volumes.Count} volumes is more than the {MaxVolumes} a machine may report.",
            _ when inventory.Volumes.FirstOrDefault(v => v.TotalMb < 0 || v.FreeMb < 0 || v.FreeMb > v.TotalMb || TooLong(v.Name, MaxValueLength) || v.Name.Length == 0) is { } volume =>
                $"volume '{Shorten(volume.Name)}' reports impossible sizes or name ({volume.FreeMb} MB free of {volume.TotalMb} MB).",
            { ExternalSoftware.Count: > MaxExternalSoftware } => $"{inventory.ExternalSoftware.Count} installed packages is more than the {MaxExternalSoftware} allowed.",
            _ when inventory.ExternalSoftware.Any(s => TooLong(s.Name) || TooLong(s.Version) || TooLong(s.Publisher) || TooLong(s.Source)) =>
                $"an installed package's name, version, publisher or source is longer than {MaxNameLength} characters.",
            { Applications.Count: > MaxApplications } => $"{inventory.Applications.Count} installed applications is more than the {MaxApplications} allowed.",
            _ when inventory.Applications.Any(a => TooLong(a.Name) || TooLong(a.Version)) =>
                $"an installed application's name or version is longer than {MaxNameLength} characters.",
            _ when TooBig(inventory.Environment) || TooBig(inventory.Registry) || TooBig(inventory.SpecialMacros) =>
                $"an environment, registry or macro map has more than {MaxMapEntries} entries or a key or value longer than {MaxValueLength} characters.",
            { Files.Count: > MaxMapEntries } => $"{inventory.Files.Count} file probes is more than the {MaxMapEntries} allowed.",
            _ when inventory.Files.Keys.Any(k => TooLong(k, MaxValueLength)) => $"a probed file path is longer than {MaxValueLength} characters.",
            _ => null,
        };
    }

    private static bool TooLong(string? text, int max = MaxNameLength) => text is not null && text.Length > max;

    private static bool TooBig(IReadOnlyDictionary<string, string> map) =>
        map.Count > MaxMapEntries || map.Any(p => TooLong(p.Key, MaxValueLength) || TooLong(p.Value, MaxValueLength));

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
