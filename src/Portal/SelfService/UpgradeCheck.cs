using Catalog.Applications;
using Catalog.Machines;
using Catalog.Versioning;

namespace Portal.SelfService;

/// <summary>
/// What installing an application on a machine means given what is installed: a fresh install, an in-place
/// update of the installed copy (<see cref="Installed"/>, checked with <see cref="UpgradeRules"/>: a downgrade is refused
/// unless the administrator allows it), or the install of a product that replaces an installed one
/// (<see cref="Replaced"/>, uninstalled after it). The install service and the catalog both ask it.
/// </summary>
public sealed record UpgradeCheck
{
    /// <summary>The installed copy this install goes over; null for a fresh install.</summary>
    public InstalledApplication? Installed { get; init; }
    /// <summary>The installed application this one supersedes, removed after it installs.</summary>
    public Application? Replaced { get; init; }
    /// <summary>The inventory dependencies and conflicts are resolved against (without the application being replaced).</summary>
    public required Inventory PlanningInventory { get; init; }
    public VersionChange? Change { get; init; }
    /// <summary>Why the install may not go ahead (a downgrade that is not allowed), in the user's words.</summary>
    public string? Refusal { get; init; }

    public static UpgradeCheck Of(Application application, Inventory inventory, IReadOnlyList<Application> catalog, string machineName)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(catalog);
        if (CatalogQuery.InstalledCopy(application, inventory) is { } installed)
        {
            var decision = UpgradeRules.Decide(application.Name, installed.Version, application.Version, application.AllowDowngrade);
            return new UpgradeCheck
            {
                Installed = installed,
                PlanningInventory = inventory,
                Change = decision.Change,
                Refusal = decision.Refusal is null ? null : $"{decision.Refusal} (on {machineName})",
            };
        }

        var replaced = Supersedence.ReplacedOn(application, inventory) is { } old
            ? catalog.FirstOrDefault(a => a.Id == old.ApplicationId)
            : null;
        if (replaced is null || !replaced.UninstallPolicy.Enabled)
        {
            return new UpgradeCheck { PlanningInventory = inventory };
        }

        return new UpgradeCheck
        {
            Replaced = replaced,
            PlanningInventory = inventory with { Applications = [.. inventory.Applications.Where(i => i.ApplicationId != replaced.Id)] },
            Change = VersionChange.Upgrade,
        };
    }
}
