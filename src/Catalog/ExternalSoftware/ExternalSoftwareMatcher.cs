using Catalog.Machines;
using Catalog.Versioning;

namespace Catalog.ExternalSoftware;

/// <summary>Matches external-software list entries against the software an agent reports.</summary>
public static class ExternalSoftwareMatcher
{
    /// <summary>
    /// The name matches ignoring case, the publisher too when the entry sets one, and the installed version lies in
    /// the entry's range (Debian/RPM epochs and revisions ignored). An entry with a range never matches a version
    /// that cannot be read.
    /// </summary>
    public static bool IsMatch(ExternalSoftwareEntry entry, InstalledSoftware installed) =>
        IsMatch(entry, installed, VersionRange.Any);

    /// <summary>As <see cref="IsMatch(ExternalSoftwareEntry, InstalledSoftware)"/>, and the version also lies in <paramref name="extra"/>.</summary>
    public static bool IsMatch(ExternalSoftwareEntry entry, InstalledSoftware installed, VersionRange extra)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(installed);
        ArgumentNullException.ThrowIfNull(extra);
        if (!string.Equals(entry.Name.Trim(), installed.Name.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (!string.IsNullOrWhiteSpace(entry.Publisher) &&
            !string.Equals(entry.Publisher.Trim(), installed.Publisher?.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (!VersionRange.TryParse(entry.MinVersion, entry.MaxVersion, out var range, out _))
        {
            return false;
        }

        if (range.IsAny && extra.IsAny)
        {
            return true;
        }

        return InstalledVersion.TryParse(installed.Version, installed.Source, out var version)
            && range.Contains(version)
            && extra.Contains(version);
    }

    /// <summary>Every installed package that satisfies <paramref name="entry"/>, highest version first.</summary>
    public static IReadOnlyList<InstalledSoftware> FindInstalled(ExternalSoftwareEntry entry, IEnumerable<InstalledSoftware> installed) =>
        FindInstalled(entry, installed, VersionRange.Any);

    /// <summary>Every installed package that satisfies <paramref name="entry"/> and lies in <paramref name="extra"/>, highest version first.</summary>
    public static IReadOnlyList<InstalledSoftware> FindInstalled(
        ExternalSoftwareEntry entry,
        IEnumerable<InstalledSoftware> installed,
        VersionRange extra)
    {
        ArgumentNullException.ThrowIfNull(installed);
        return installed
            .Where(software => IsMatch(entry, software, extra))
            .OrderByDescending(software => InstalledVersion.TryParse(software.Version, software.Source, out var v) ? v : null)
            .ToList();
    }

    /// <summary>Every list entry found on the machine, with the installed package that satisfies it.</summary>
    public static IReadOnlyList<ExternalSoftwareMatch> FindInstalled(ExternalSoftwareList list, Inventory machine)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(machine);
        return list.Entries
            .Select(entry => (entry, installed: FindInstalled(entry, machine.ExternalSoftware).FirstOrDefault()))
            .Where(pair => pair.installed is not null)
            .Select(pair => new ExternalSoftwareMatch(pair.entry, pair.installed!))
            .ToList();
    }

    /// <summary>
    /// The installed package satisfying external software called <paramref name="name"/> within <paramref name="range"/>:
    /// through the list entry of that name (its publisher and range apply), or by name alone when the list has no
    /// such entry. Null when nothing on the machine qualifies.
    /// </summary>
    public static InstalledSoftware? FindByName(ExternalSoftwareList list, string name, Inventory machine, VersionRange range)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(machine);
        var entry = list.Find(name) ?? new ExternalSoftwareEntry { Name = name };
        return FindInstalled(entry, machine.ExternalSoftware, range).FirstOrDefault();
    }
}
