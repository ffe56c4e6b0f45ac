using Catalog.Applications;
using Catalog.Requirements;

namespace Catalog.ExternalSoftware;

/// <summary>
/// Whether deciding about installs from a catalog can look at a machine's external-software list (the 1,000–2,000
/// system packages most of an inventory is made of). It is looked at only for a requirement, dependency or conflict that
/// names external software, and for a dependency on a catalog application that the external-software list says may be
/// installed by other means. When none exists, a portal can decide without reading the machine's list.
/// </summary>
public static class ExternalSoftwareUse
{
    public static bool IsConsulted(IEnumerable<Application> catalog, ExternalSoftwareList externalList)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(externalList);
        var listHasEntries = externalList.Entries.Count > 0;
        foreach (var application in catalog)
        {
            if (application.Requirements.OfType<InstalledSoftwareRequirement>().Any(r => Names(r.ExternalSoftwareName))
                || application.Conflicts.Any(c => Names(c.ExternalSoftwareName))
                || application.Dependencies.Any(d => Names(d.ExternalSoftwareName) || (listHasEntries && d.ApplicationId is not null)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Names(string? externalSoftwareName) => !string.IsNullOrWhiteSpace(externalSoftwareName);
}
