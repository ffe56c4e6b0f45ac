using Catalog.Machines;
using ClientAgent.Service;

namespace ClientAgent.Tests.Service;

/// <summary>
/// The agent sends its external-software list whole the first time, then only its digest while it is unchanged; a
/// changed list, or the portal asking for the whole inventory, makes the next report whole again.
/// </summary>
public sealed class InventoryDeltaTests
{
    private static readonly Inventory Whole = new()
    {
        HostName = "pc",
        MemoryMb = 8_192,
        ExternalSoftware = [new InstalledSoftware("bash", "5.2.15", "Debian"), new InstalledSoftware("coreutils", "9.1", "Debian")],
    };

    [Fact]
    public void TheListGoesWholeOnce_ThenOnlyItsDigest_WithTheRestOfTheReportAlways()
    {
        var delta = new InventoryDelta();

        var first = delta.Prepare(Whole);
        var second = delta.Prepare(Whole with { MemoryMb = 16_384 });

        Assert.Equal(Whole.ExternalSoftware, first.ExternalSoftware);
        Assert.Equal(SoftwareDigest.Of(Whole.ExternalSoftware), first.ExternalSoftwareDigest);
        Assert.Empty(second.ExternalSoftware);
        Assert.Equal(first.ExternalSoftwareDigest, second.ExternalSoftwareDigest);
        Assert.Equal(16_384, second.MemoryMb);
    }

    [Fact]
    public void AChangedList_OrThePortalAskingForIt_IsSentWholeAgain()
    {
        var delta = new InventoryDelta();
        delta.Prepare(Whole);
        var changed = Whole with { ExternalSoftware = [.. Whole.ExternalSoftware, new InstalledSoftware("zsh", "5.9")] };

        var afterChange = delta.Prepare(changed);
        delta.Forget();
        var afterRequest = delta.Prepare(changed);

        Assert.Equal(3, afterChange.ExternalSoftware.Count);
        Assert.Equal(3, afterRequest.ExternalSoftware.Count);
        Assert.Empty(delta.Prepare(changed).ExternalSoftware);
    }
}
