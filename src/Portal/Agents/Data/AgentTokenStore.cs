using Catalog.Data;
using Catalog.Machines;
using Dapper;

namespace Portal.Agents.Data;

/// <summary>Enrollment tokens: stored hashed, redeemed once, atomically with the machine's creation.</summary>
public sealed class AgentTokenStore(IDbConnectionFactory connections)
{
    public async Task InsertAsync(EnrollmentToken token, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO enrollment_tokens (id, token_hash, owner_user_id, expires_at, created_at, created_by, used_at, machine_id, revoked)
            VALUES (@id, @tokenHash, @owner, @expiresAt, @createdAt, @createdBy, NULL, NULL, 0)
            """,
            new
            {
                id = Db.Id(token.Id),
                tokenHash = token.TokenHash,
                owner = Db.Id(token.OwnerUserId),
                expiresAt = Db.Time(token.ExpiresAt),
                createdAt = Db.Time(token.CreatedAt),
                createdBy = token.CreatedBy,
            },
            cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Redeems the token whose hash is <paramref name="tokenHash"/> and creates <paramref name="machine"/> (owned by the
    /// token's owner) in one transaction. Two agents racing with one token: exactly one wins.
    /// </summary>
    public async Task<RedeemOutcome> RedeemAsync(string tokenHash, Machine machine, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var token = await connection.QuerySingleOrDefaultAsync<(string Id, string? Owner, string ExpiresAt, string? UsedAt, long Revoked)>(
            new CommandDefinition(
                "SELECT id, owner_user_id, expires_at, used_at, revoked FROM enrollment_tokens WHERE token_hash = @tokenHash",
                new { tokenHash }, transaction, cancellationToken: cancellationToken));
        if (token.Id is null)
        {
            return RedeemOutcome.UnknownToken;
        }

        if (token.Revoked != 0)
        {
            return RedeemOutcome.Revoked;
        }

        if (token.UsedAt is not null)
        {
            return RedeemOutcome.AlreadyUsed;
        }

        if (Db.ParseTime(token.ExpiresAt) <= now)
        {
            return RedeemOutcome.Expired;
        }

        var claimed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE enrollment_tokens SET used_at = @now, machine_id = @machineId WHERE id = @id AND used_at IS NULL AND revoked = 0",
            new { now = Db.Time(now), machineId = Db.Id(machine.Id), id = token.Id }, transaction, cancellationToken: cancellationToken));
        if (claimed != 1)
        {
            return RedeemOutcome.AlreadyUsed;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO machines (id, name, owner_user_id, credential_hash, enrolled_at, last_seen_at, address, revoked, inventory)
            VALUES (@id, @name, @owner, @credentialHash, @enrolledAt, NULL, '', 0, @inventory)
            """,
            new
            {
                id = Db.Id(machine.Id),
                name = machine.Name,
                owner = token.Owner,
                credentialHash = machine.CredentialHash,
                enrolledAt = Db.Time(now),
                inventory = machine.Inventory is null ? null : Db.Json(machine.Inventory),
            },
            transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return RedeemOutcome.Enrolled;
    }

    public async Task<bool> RevokeAsync(Guid tokenId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE enrollment_tokens SET revoked = 1 WHERE id = @id", new { id = Db.Id(tokenId) },
            cancellationToken: cancellationToken)) == 1;
    }
}
