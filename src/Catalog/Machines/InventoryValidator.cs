namespace Catalog.Machines;

/// <summary>
/// Checks an agent's inventory report against <see cref="InventoryLimits"/>: counts, lengths and ranges, no control
/// characters in names. The hub calls it before storing anything; a report with any error is refused whole.
/// </summary>
public static class InventoryValidator
{
    /// <summary>The first problem in <paramref name="inventory"/> as a sentence, or null when it is acceptable.</summary>
    public static string? FindProblem(Inventory? inventory, DateTimeOffset now)
    {
        if (inventory is null)
        {
            return "The inventory is missing";
        }

        return Text("host name", inventory.HostName, InventoryLimits.MaximumHostNameLength)
            ?? Text("OS version", inventory.OsVersion, InventoryLimits.MaximumOsVersionLength)
            ?? Text("time zone", inventory.TimeZone ?? "", InventoryLimits.MaximumTimeZoneLength)
            ?? Defined(inventory.OsFamily, "OS family")
            ?? Defined(inventory.Architecture, "architecture")
            ?? Range("CPU count", inventory.CpuCount, 0, InventoryLimits.MaximumCpuCount)
            ?? Range("memory (MB)", inventory.MemoryMb, 0, InventoryLimits.MaximumMemoryMb)
            ?? Count("volumes", inventory.Volumes, InventoryLimits.MaximumVolumes)
            ?? inventory.Volumes.Select(CheckVolume).FirstOrDefault(p => p is not null)
            ?? (inventory.ExternalSoftwareDigest is null || SoftwareDigest.IsWellFormed(inventory.ExternalSoftwareDigest)
                ? null : "The external software digest is not a SHA-256 in lower-case hex")
            ?? Count("external software entries", inventory.ExternalSoftware, InventoryLimits.MaximumExternalSoftware)
            ?? inventory.ExternalSoftware.Select(CheckSoftware).FirstOrDefault(p => p is not null)
            ?? Count("applications", inventory.Applications, InventoryLimits.MaximumApplications)
            ?? inventory.Applications.Select(a => CheckApplication(a, now)).FirstOrDefault(p => p is not null)
            ?? Pairs("environment variables", inventory.Environment, InventoryLimits.MaximumEnvironmentVariables)
            ?? Pairs("special macros", inventory.SpecialMacros, InventoryLimits.MaximumSpecialMacros)
            ?? Pairs("registry values", inventory.Registry, InventoryLimits.MaximumRegistryValues)
            ?? Count("file probes", inventory.Files, InventoryLimits.MaximumFileProbes)
            ?? inventory.Files.Select(f => Text("probed file", f.Key, InventoryLimits.MaximumVolumeNameLength)
                ?? (f.Value is null ? $"Probed file '{Shorten(f.Key)}' has no result" : Text("file version", f.Value.Version ?? "", InventoryLimits.MaximumNameLength)))
                .FirstOrDefault(p => p is not null);
    }

    private static string? CheckVolume(Volume volume) =>
        volume is null ? "A volume is missing"
        : string.IsNullOrEmpty(volume.Name) ? "A volume has no name"
        : Text("volume name", volume.Name, InventoryLimits.MaximumVolumeNameLength)
            ?? Range($"size of volume {Shorten(volume.Name)} (MB)", volume.TotalMb, 0, InventoryLimits.MaximumVolumeMb)
            ?? Range($"free space of volume {Shorten(volume.Name)} (MB)", volume.FreeMb, 0, volume.TotalMb);

    private static string? CheckSoftware(InstalledSoftware software) =>
        software is null ? "An external software entry is missing"
        : Text("software name", software.Name, InventoryLimits.MaximumNameLength)
            ?? Text("software version", software.Version, InventoryLimits.MaximumNameLength)
            ?? Text("software publisher", software.Publisher ?? "", InventoryLimits.MaximumNameLength)
            ?? Text("software source", software.Source, InventoryLimits.MaximumNameLength);

    private static string? CheckApplication(InstalledApplication application, DateTimeOffset now) =>
        application is null ? "An application entry is missing"
        : Text("application name", application.Name, InventoryLimits.MaximumNameLength)
            ?? Text("application version", application.Version, InventoryLimits.MaximumNameLength)
            ?? (application.LastUsedAt > now.AddDays(1) ? $"Application {Shorten(application.Name)} was last used in the future" : null);

    private static string? Pairs(string what, IReadOnlyDictionary<string, string> values, int maximum) =>
        values is null ? null
        : Count(what, values, maximum)
            ?? values.Select(p => Text(what + " name", p.Key, InventoryLimits.MaximumNameLength) ?? Text($"value of {Shorten(p.Key)}", p.Value ?? "", InventoryLimits.MaximumValueLength, allowTabs: true))
                .FirstOrDefault(p => p is not null);

    private static string? Count<T>(string what, IReadOnlyCollection<T>? items, int maximum) =>
        items is not null && items.Count > maximum ? $"The inventory lists {items.Count} {what}; at most {maximum} are accepted" : null;

    private static string? Range(string what, long value, long minimum, long maximum) =>
        value < minimum || value > maximum ? $"The {what} is {value}; it must be between {minimum} and {maximum}" : null;

    private static string? Defined<T>(T value, string what) where T : struct, Enum =>
        Enum.IsDefined(value) ? null : $"The {what} {value} is not known";

    private static string? Text(string what, string? value, int maximum, bool allowTabs = false)
    {
        if (value is null)
        {
            return $"The {what} is missing";
        }

        if (value.Length > maximum)
        {
            return $"The {what} is {value.Length} characters; at most {maximum} are accepted";
        }

        return HasControlCharacter(value, allowTabs)
            ? $"The {what} '{Shorten(value)}' contains a control character"
            : null;
    }

    /// <summary>
    /// A plain loop: this runs for every string of every inventory (thousands per report), where a LINQ predicate
    /// allocated a closure and an enumerator each time and showed in the fan-out profile (docs/performance.md).
    /// </summary>
    private static bool HasControlCharacter(string value, bool allowTabs)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c) && !(allowTabs && c == '\t'))
            {
                return true;
            }
        }

        return false;
    }

    private static string Shorten(string value)
    {
        var printable = new string([.. value.Take(60).Select(c => char.IsControl(c) ? '?' : c)]);
        return value.Length > 60 ? printable + "..." : printable;
    }
}
