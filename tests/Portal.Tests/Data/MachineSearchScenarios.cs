using Portal.Data;

namespace Portal.Tests.Data;

/// <summary>The machine search, the same on SQLite and PostgreSQL: a name or owner-email prefix, case-insensitive.</summary>
internal static class MachineSearchScenarios
{
    public static async Task NamesAndOwnerEmailsMatchByTheirStart(IDbConnectionFactory connections, Func<string, Task<Guid>> addUser)
    {
        var repository = new MachineRepository(connections);
        var tag = Guid.NewGuid().ToString("N")[..6];
        var carol = await addUser($"carol.{tag}@example.test");
        var dave = await addUser($"dave.{tag}@example.test");
        await repository.AddAsync(MachineRepositoryTests.NewMachine(carol, $"Lab-{tag}-01"));
        await repository.AddAsync(MachineRepositoryTests.NewMachine(carol, $"lab-{tag}-02"));
        await repository.AddAsync(MachineRepositoryTests.NewMachine(dave, $"Desk-{tag}"));
        await repository.AddAsync(MachineRepositoryTests.NewMachine(dave, $"Übung-{tag}"));

        async Task<string[]> Names(string search) =>
            [.. (await repository.ListPageAsync(new MachineFilter { Search = search, Limit = 100 })).Select(r => r.Machine.Name)];

        Assert.Equal([$"Lab-{tag}-01", $"lab-{tag}-02"], await Names($"LAB-{tag}"));
        Assert.Equal([$"Lab-{tag}-01"], await Names($"  lab-{tag}-01 "));
        Assert.Equal([$"Desk-{tag}", $"Übung-{tag}"], (await Names($"DAVE.{tag}")).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal([$"Übung-{tag}"], await Names($"Übung-{tag}"));
        Assert.Empty(await Names($"{tag}-01"));   // the middle of a name is not its start
        Assert.Empty(await Names($"%{tag}"));     // no wildcards: '%' is a character like any other
        Assert.Equal(2, await repository.CountAsync(new MachineFilter { Search = $"carol.{tag}" }));
    }
}
