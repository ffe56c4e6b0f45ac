using Portal.Data;
using Catalog.Machines;
using Dapper;

namespace Portal.Tests.Data;

public sealed class EnrollmentTokenRepositoryTests(SqliteDatabaseFixture database) : IClassFixture<SqliteDatabaseFixture>
{
    private static readonly DateTimeOffset Now = TestData.Start;

    private EnrollmentTokenRepository Repository => new(database.Connections);

    private async Task<EnrollmentToken> NewTokenAsync(Guid? owner = null, DateTimeOffset? expiresAt = null)
    {
        var token = new EnrollmentToken
        {
            TokenHash = Guid.NewGuid().ToString("N"),
            OwnerUserId = owner,
            ExpiresAt = expiresAt ?? Now.AddDays(1),
            CreatedAt = Now.AddHours(-1),
            CreatedBy = "helpdesk@example.test",
        };
        await Repository.CreateAsync(token);
        return token;
    }

    private async Task<long> CountMachinesAsync(string name)
    {
        await using var connection = await database.Connections.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM machines WHERE name = @name", new { name });
    }

    [Fact]
    public async Task Create_then_list_round_trips_every_field()
    {
        var owner = await database.AddUserAsync();
        var token = new EnrollmentToken
        {
            TokenHash = "round-trip-hash",
            OwnerUserId = owner,
            ExpiresAt = Now.AddDays(2),
            CreatedAt = Now,
            CreatedBy = "admin",
            UsedAt = Now.AddHours(1),
            MachineId = Guid.NewGuid(),
            Revoked = true,
        };

        await Repository.CreateAsync(token);
        var loaded = (await Repository.ListAsync()).Single(t => t.Id == token.Id);

        Assert.Equal(token, loaded);
    }

    [Fact]
    public async Task Redeem_enrolls_the_machine_for_the_tokens_owner_and_marks_the_token_used()
    {
        var owner = await database.AddUserAsync();
        var token = await NewTokenAsync(owner);
        var machine = MachineRepositoryTests.NewMachine(name: "redeemed") with { OwnerUserId = null };

        var result = await Repository.RedeemAsync(token.TokenHash, machine, Now);

        Assert.True(result.Succeeded, result.Error);
        Assert.Null(result.Error);
        var stored = await new MachineRepository(database.Connections).GetAsync(machine.Id);
        Assert.Equal(owner, stored!.OwnerUserId);
        Assert.Equal(Now, stored.EnrolledAt);
        var used = (await Repository.ListAsync()).Single(t => t.Id == token.Id);
        Assert.Equal(Now, used.UsedAt);
        Assert.Equal(machine.Id, used.MachineId);
    }

    [Fact]
    public async Task Redeem_refuses_unknown_used_expired_and_revoked_tokens_and_writes_nothing()
    {
        var used = await NewTokenAsync();
        Assert.True((await Repository.RedeemAsync(used.TokenHash, MachineRepositoryTests.NewMachine(name: "first"), Now)).Succeeded);
        var expired = await NewTokenAsync(expiresAt: Now);
        var revoked = await NewTokenAsync();
        Assert.True(await Repository.RevokeAsync(revoked.Id));

        var unknownResult = await Repository.RedeemAsync("no-such-hash", MachineRepositoryTests.NewMachine(name: "refused"), Now);
        var usedResult = await Repository.RedeemAsync(used.TokenHash, MachineRepositoryTests.NewMachine(name: "refused"), Now);
        var expiredResult = await Repository.RedeemAsync(expired.TokenHash, MachineRepositoryTests.NewMachine(name: "refused"), Now);
        var revokedResult = await Repository.RedeemAsync(revoked.TokenHash, MachineRepositoryTests.NewMachine(name: "refused"), Now);

        Assert.Contains("not known", unknownResult.Error);
        Assert.Contains("already used", usedResult.Error);
        Assert.Contains("expired", expiredResult.Error);
        Assert.Contains("revoked", revokedResult.Error);
        Assert.All([unknownResult, usedResult, expiredResult, revokedResult], r => Assert.False(r.Succeeded));
        Assert.Equal(0, await CountMachinesAsync("refused"));
        var tokens = await Repository.ListAsync();
        Assert.Null(tokens.Single(t => t.Id == expired.Id).UsedAt);
        Assert.Null(tokens.Single(t => t.Id == revoked.Id).UsedAt);
    }

    [Fact]
    public async Task Revoke_refuses_a_used_token()
    {
        var token = await NewTokenAsync();
        await Repository.RedeemAsync(token.TokenHash, MachineRepositoryTests.NewMachine(name: "revoke-after-use"), Now);

        Assert.False(await Repository.RevokeAsync(token.Id));
        Assert.False((await Repository.ListAsync()).Single(t => t.Id == token.Id).Revoked);
    }

    [Fact]
    public async Task Concurrent_redeems_of_one_token_enroll_exactly_one_machine()
    {
        for (var round = 0; round < 5; round++)
        {
            var token = await NewTokenAsync();
            var name = $"race-{round}";
            using var start = new ManualResetEventSlim();
            var attempts = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                start.Wait();
                return await Repository.RedeemAsync(token.TokenHash, MachineRepositoryTests.NewMachine(name: name), Now);
            })).ToList();
            start.Set();
            var results = await Task.WhenAll(attempts);

            Assert.Single(results, r => r.Succeeded);
            Assert.All(results.Where(r => !r.Succeeded), r => Assert.Contains("already used", r.Error));
            Assert.Equal(1, await CountMachinesAsync(name));
        }
    }
}
