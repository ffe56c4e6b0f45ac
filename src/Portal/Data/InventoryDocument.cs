using Catalog.Machines;

namespace Portal.Data;

/// <summary>
/// How an inventory is stored: its external-software list in <c>machine_software</c> with a digest, everything else in
/// <c>machines.inventory</c>. The list is most of an inventory's size and rarely changes between two reports, so a report
/// with the same list rewrites only the small rest. A <c>machines.inventory</c> written before the split still holds its
/// list; it counts until the machine's list is stored on its own.
/// </summary>
internal static class InventoryDocument
{
    /// <summary>The inventory's rest (without its external-software list) as stored in <c>machines.inventory</c>.</summary>
    public static string WriteRest(Inventory inventory) => DbJson.Write(inventory with { ExternalSoftware = [], ExternalSoftwareDigest = null });

    public static string WriteSoftware(Inventory inventory) => DbJson.Write(inventory.ExternalSoftware);

    /// <summary>The stored inventory: the rest with the separately stored list, or the old single document.</summary>
    public static Inventory? Read(string? rest, string? software)
    {
        if (rest is null)
        {
            return null;
        }

        var inventory = DbJson.Read<Inventory>(rest, "inventory");
        return software is null
            ? inventory
            : inventory with { ExternalSoftware = DbJson.Read<List<InstalledSoftware>>(software, "external software list") };
    }
}
