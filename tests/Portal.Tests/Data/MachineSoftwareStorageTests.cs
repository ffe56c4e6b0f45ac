using Catalog.Machines;
using Dapper;
using Portal.Data;

namespace Portal.Tests.Data;

/// <summary>
/// An inventory's external-software list lives in <c>machine_software</c> with a digest: a report with the same list
/// leaves the stored list alone, a changed list replaces it, a report read without the list cannot erase it, and a
/// machine stored before the split still reads its list from the single document.
/// </summary>
public sealed class MachineSoftwareStorageTests(SqliteDatabaseFixture database) : IClassFixture<SqliteDatabaseFixture>
{
    private MachineRepository Repository => new(database.Connections);

    [Fact]
    public async Task AReportWithTheSameList_DoesNotRewriteTheStoredList_ButStoresTheRest()
    {
        var machine = MachineRepositoryTests.NewMachine(name: "same-list");
        await Repository.AddAsync(machine);
        // Mark the stored list (same digest, other text): only a rewrite could undo the mark.
        await using (var connection = await database.Connections.OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE machine_software SET document = '[]' WHERE machine_id = @id", new { id = machine.Id });
        }

        var reported = machine.Inventory! with { MemoryMb = 65_536, HostName = "renamed" };
        Assert.True(await Repository.SaveInventoryAsync(machine.Id, reported, TestData.Start.AddHours(1)));
        var stored = (await Repository.GetAsync(machine.Id))!.Inventory!;

        Assert.Empty(stored.ExternalSoftware);
        Assert.Equal(65_536, stored.MemoryMb);
        Assert.Equal("renamed", stored.HostName);
    }

    [Fact]
    public async Task AReportWithAnotherList_ReplacesTheStoredList()
    {
        var machine = MachineRepositoryTests.NewMachine(name: "new-list");
        await Repository.AddAsync(machine);
        var reported = machine.Inventory! with
        {
            ExternalSoftware = [.. machine.Inventory!.ExternalSoftware, new InstalledSoftware("zsh", "5.9", null, "dpkg")],
        };

        Assert.True(await Repository.UpdateInventoryAsync(machine.Id, reported, "10.0.0.9", TestData.Start.AddHours(1)));

        Same.Json(reported, (await Repository.GetAsync(machine.Id))!.Inventory);
        Same.Json(reported, Assert.Single(await Repository.ListAsync(), m => m.Id == machine.Id).Inventory);
    }

    [Fact]
    public async Task AReportThatLeavesTheListOut_IsStoredOnlyUnderTheStoredListsDigest()
    {
        var machine = MachineRepositoryTests.NewMachine(name: "delta");
        await Repository.AddAsync(machine);
        var stored = SoftwareDigest.Of(machine.Inventory!.ExternalSoftware);
        var rest = machine.Inventory with { ExternalSoftware = [], MemoryMb = 4_096 };

        Assert.False(await Repository.SaveInventoryKeepingSoftwareAsync(machine.Id, rest with { MemoryMb = 1 }, SoftwareDigest.Of([]), TestData.Start.AddHours(1)));
        Assert.True(await Repository.SaveInventoryKeepingSoftwareAsync(machine.Id, rest, stored, TestData.Start.AddHours(2)));

        var after = (await Repository.GetAsync(machine.Id))!;
        Same.Json(machine.Inventory.ExternalSoftware, after.Inventory!.ExternalSoftware);
        Assert.Equal(4_096, after.Inventory.MemoryMb);
        Assert.Equal(TestData.Start.AddHours(2), after.LastSeenAt);
    }

    [Fact]
    public async Task AnInventoryReadWithoutItsList_AndSavedAgain_KeepsTheStoredList()
    {
        var machine = MachineRepositoryTests.NewMachine(name: "usage");
        await Repository.AddAsync(machine);
        Assert.NotEmpty(machine.Inventory!.ExternalSoftware);

        var rest = (await Repository.GetWithoutSoftwareAsync(machine.Id))!.Inventory!;
        Assert.Empty(rest.ExternalSoftware);
        Assert.True(await Repository.SaveInventoryWithoutSoftwareAsync(machine.Id, rest with { CpuCount = 64 }, TestData.Start.AddHours(2)));

        var stored = (await Repository.GetAsync(machine.Id))!.Inventory!;
        Same.Json(machine.Inventory.ExternalSoftware, stored.ExternalSoftware);
        Assert.Equal(64, stored.CpuCount);
    }

    [Fact]
    public async Task AMachineStoredBeforeTheSplit_ReadsItsListFromTheSingleDocument_UntilItsNextReport()
    {
        var machine = MachineRepositoryTests.NewMachine(name: "old-format");
        await Repository.AddAsync(machine);
        await using (var connection = await database.Connections.OpenAsync())
        {
            await connection.ExecuteAsync("DELETE FROM machine_software WHERE machine_id = @id", new { id = machine.Id });
            await connection.ExecuteAsync("UPDATE machines SET inventory = @inventory WHERE id = @id",
                new { id = machine.Id, inventory = System.Text.Json.JsonSerializer.Serialize(machine.Inventory!, Catalog.Serialization.CatalogJson.Options) });
        }

        Same.Json(machine.Inventory, (await Repository.GetAsync(machine.Id))!.Inventory);

        var reported = machine.Inventory! with { ExternalSoftware = [new InstalledSoftware("bash", "5.2")] };
        await Repository.SaveInventoryAsync(machine.Id, reported, TestData.Start.AddHours(1));
        Same.Json(reported, (await Repository.GetAsync(machine.Id))!.Inventory);
    }
}
