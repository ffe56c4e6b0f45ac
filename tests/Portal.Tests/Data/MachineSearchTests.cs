using Dapper;
using Portal.Components.Shared;
using Portal.Data;

namespace Portal.Tests.Data;

/// <summary>
/// Machine search reads an index range, never the whole fleet: a name or owner-email prefix, and a pager count that
/// stops after <see cref="MachineRepository.CountLimit"/>.
/// </summary>
public sealed class MachineSearchTests(SqliteDatabaseFixture database) : IClassFixture<SqliteDatabaseFixture>
{
    [Fact]
    public Task NamesAndOwnerEmailsMatchByTheirStart() =>
        MachineSearchScenarios.NamesAndOwnerEmailsMatchByTheirStart(database.Connections, email => database.AddUserAsync(email));

    [Fact]
    public async Task TheNameSearch_IsAnIndexRange_NotAScan()
    {
        var (where, parameters) = new MachineFilter { Search = "lab" }.ToWhere(SqlDialect.Sqlite);
        await using var connection = await database.Connections.OpenAsync();
        var plan = string.Join("\n", (await connection.QueryAsync<(long, long, long, string)>(
            $"EXPLAIN QUERY PLAN SELECT m.id FROM machines m {where}", parameters)).Select(r => r.Item4));

        Assert.Contains("ix_machines_name_key", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("SCAN m", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePagerCount_StopsPastTheLimit_AndThePagerSaysSo()
    {
        await using (var connection = await database.Connections.OpenAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            var rows = Enumerable.Range(0, MachineRepository.CountLimit + 5).Select(i => new
            {
                id = Guid.NewGuid().ToString("D"), name = $"fleet-{i:D6}", key = $"FLEET-{i:D6}", hash = Guid.NewGuid().ToString("N"), at = "2026-01-01T00:00:00.0000000+00:00",
            });
            await connection.ExecuteAsync(
                "INSERT INTO machines (id, name, name_key, credential_hash, enrolled_at, address, revoked) VALUES (@id, @name, @key, @hash, @at, '', 0)",
                rows, transaction);
            await transaction.CommitAsync();
        }

        var repository = new MachineRepository(database.Connections);
        var counted = await repository.CountAsync(new MachineFilter { Search = "fleet-" });

        Assert.Equal(MachineRepository.CountLimit + 1, counted);
        Assert.Contains("more than 10,000", MachinePagerText.Format(counted), StringComparison.Ordinal);
        Assert.Equal("{first_item}-{last_item} of {all_items}", MachinePagerText.Format(MachineRepository.CountLimit));
        Assert.Equal(5, await repository.CountAsync(new MachineFilter { Search = "fleet-01000" }));
    }
}
