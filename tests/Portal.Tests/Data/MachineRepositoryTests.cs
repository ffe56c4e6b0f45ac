using Portal.Data;
using Catalog.Machines;

namespace Portal.Tests.Data;

public sealed class MachineRepositoryTests(SqliteDatabaseFixture database) : IClassFixture<SqliteDatabaseFixture>
{
    private MachineRepository Repository => new(database.Connections);

    internal static Machine NewMachine(Guid? owner = null, string name = "ws-01") => new()
    {
        Name = name,
        OwnerUserId = owner,
        CredentialHash = Guid.NewGuid().ToString("N"),
        EnrolledAt = TestData.Start,
        LastSeenAt = TestData.Start.AddMinutes(1),
        Address = "10.0.0.7",
        Inventory = TestData.FullInventory(),
    };

    [Fact]
    public async Task Add_then_get_round_trips_every_field_including_the_inventory()
    {
        var owner = await database.AddUserAsync();
        var machine = NewMachine(owner);

        await Repository.AddAsync(machine);
        var byId = await Repository.GetAsync(machine.Id);
        var byCredential = await Repository.GetByCredentialHashAsync(machine.CredentialHash);

        Same.Json(machine, byId);
        Same.Json(machine, byCredential);
        Assert.Equal(machine.EnrolledAt, byId!.EnrolledAt);
        Assert.Null(await Repository.GetByCredentialHashAsync("unknown"));
    }

    [Fact]
    public async Task List_filters_by_owner()
    {
        var alice = await database.AddUserAsync();
        var bob = await database.AddUserAsync();
        var alicesMachine = NewMachine(alice, "alice-pc");
        var bobsMachine = NewMachine(bob, "bob-pc");
        await Repository.AddAsync(alicesMachine);
        await Repository.AddAsync(bobsMachine);

        var alices = await Repository.ListAsync(alice);
        var all = await Repository.ListAsync();

        Assert.Equal([alicesMachine.Id], alices.Select(m => m.Id));
        Assert.Contains(all, m => m.Id == alicesMachine.Id);
        Assert.Contains(all, m => m.Id == bobsMachine.Id);
    }

    [Fact]
    public async Task UpdateInventory_Touch_Revoke_and_SetOwner_change_only_their_columns()
    {
        var machine = NewMachine() with { Inventory = null, LastSeenAt = null };
        await Repository.AddAsync(machine);
        var owner = await database.AddUserAsync();
        var inventory = TestData.FullInventory();

        Assert.True(await Repository.UpdateInventoryAsync(machine.Id, inventory, "192.168.1.5", TestData.Start.AddHours(1)));
        var afterInventory = await Repository.GetAsync(machine.Id);
        Assert.True(await Repository.TouchAsync(machine.Id, TestData.Start.AddHours(2)));
        Assert.True(await Repository.SetOwnerAsync(machine.Id, owner));
        Assert.True(await Repository.RevokeAsync(machine.Id));
        var revokedAgain = await Repository.RevokeAsync(machine.Id);
        var final = await Repository.GetAsync(machine.Id);

        Same.Json(inventory, afterInventory!.Inventory);
        Assert.Equal("192.168.1.5", afterInventory.Address);
        Assert.Equal(TestData.Start.AddHours(1), afterInventory.LastSeenAt);
        Assert.Equal(TestData.Start.AddHours(2), final!.LastSeenAt);
        Assert.Equal(owner, final.OwnerUserId);
        Assert.True(final.Revoked);
        Assert.False(revokedAgain);
        Assert.True(await Repository.SetOwnerAsync(machine.Id, null));
        Assert.Null((await Repository.GetAsync(machine.Id))!.OwnerUserId);
        Assert.False(await Repository.TouchAsync(Guid.NewGuid(), TestData.Start));
    }
}
