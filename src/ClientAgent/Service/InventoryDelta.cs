using Catalog.Machines;

namespace ClientAgent.Service;

/// <summary>
/// Leaves the external-software list (1,000–2,000 system packages, most of an inventory) out of an inventory report
/// while it is the list this agent last sent whole, sending its <see cref="SoftwareDigest"/> instead. After a portal
/// restart every agent reports again; with the list left out each report is a few kilobytes instead of hundreds. When
/// the portal does not hold that list it sends <c>RequestInventory</c>; <see cref="Forget"/> then makes the next report
/// whole. A new agent process starts whole.
/// </summary>
public sealed class InventoryDelta
{
    private readonly Lock _gate = new();
    private string? _sentWhole;

    /// <summary>The report to send for the agent's current, whole inventory.</summary>
    public Inventory Prepare(Inventory whole)
    {
        ArgumentNullException.ThrowIfNull(whole);
        var digest = SoftwareDigest.Of(whole.ExternalSoftware);
        lock (_gate)
        {
            if (digest == _sentWhole)
            {
                return whole with { ExternalSoftware = [], ExternalSoftwareDigest = digest };
            }

            _sentWhole = digest;
        }

        return whole with { ExternalSoftwareDigest = digest };
    }

    /// <summary>The portal asked for the whole inventory: the next report carries the list again.</summary>
    public void Forget()
    {
        lock (_gate)
        {
            _sentWhole = null;
        }
    }
}
