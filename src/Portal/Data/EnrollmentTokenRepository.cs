using System.Globalization;
using Catalog.Machines;
using Dapper;

namespace Portal.Data;

/// <summary>One-time enrollment tokens (stored as hashes) and their atomic exchange for an enrolled machine.</summary>
public sealed class EnrollmentTokenRepository
{
    private const string Columns = "id, token_hash, owner_user_id, expires_at, created_at, created_by, used_at, machine_id, revoked";

    private readonly IDbConnectionFactory _connections;

    public EnrollmentTokenRepository(IDbConnectionFactory connections)
    {
        DapperSetup.EnsureRegistered();
        _connections = connections;
    }

    public async Task CreateAsync(EnrollmentToken token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO enrollment_tokens (id, token_hash, owner_user_id, expires_at, created_at, created_by, used_at, machine_id, revoked)
            VALUES (@Id, @TokenHash, @OwnerUserId, @ExpiresAt, @CreatedAt, @CreatedBy, @UsedAt, @MachineId, @Revoked)
            """,
            new
            {
                token.Id,
                token.TokenHash,
                token.OwnerUserId,
                token.ExpiresAt,
                token.CreatedAt,
                token.CreatedBy,
                token.UsedAt,
                token.MachineId,
                Revoked = token.Revoked ? 1 : 0,
            },
            cancellationToken: cancellationToken));
    }

    /// <summary>Every token, newest first.</summary>
    public async Task<IReadOnlyList<EnrollmentToken>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<EnrollmentToken>(new CommandDefinition(
            $"SELECT {Columns} FROM enrollment_tokens ORDER BY created_at DESC, id", cancellationToken: cancellationToken));
        return rows.ToList();
    }

    /// <summary>Revokes an unused token; returns false when it is unknown, already used or already revoked.</summary>
    public async Task<bool> RevokeAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE enrollment_tokens SET revoked = 1 WHERE id = @id AND revoked = 0 AND used_at IS NULL",
            new { id }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>
    /// In one transaction: claims the token (it must be known, unused, unrevoked and not expired at
    /// <paramref name="now"/>), and inserts <paramref name="machine"/> owned by the token's owner and enrolled at
    /// <paramref name="now"/>. The claim is a conditional update, so of two concurrent redeems exactly one wins;
    /// on any refusal nothing is written.
    /// </summary>
    public async Task<EnrollmentResult> RedeemAsync(
        string tokenHash, Machine machine, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(machine);
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var claimed = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE enrollment_tokens SET used_at = @now, machine_id = @machineId
            WHERE token_hash = @tokenHash AND used_at IS NULL AND revoked = 0 AND expires_at > @now
            """,
            new { tokenHash, now, machineId = machine.Id }, transaction, cancellationToken: cancellationToken));
        var token = await connection.QuerySingleOrDefaultAsync<EnrollmentToken>(new CommandDefinition(
            $"SELECT {Columns} FROM enrollment_tokens WHERE token_hash = @tokenHash",
            new { tokenHash }, transaction, cancellationToken: cancellationToken));
        if (claimed == 0 || token is null)
        {
            await transaction.RollbackAsync(cancellationToken);
            return EnrollmentResult.Failure(OutcomeOf(token), Refusal(token));
        }

        var enrolled = machine with { OwnerUserId = token.OwnerUserId, EnrolledAt = now, Revoked = false };
        await MachineRepository.InsertAsync(connection, transaction, enrolled, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return EnrollmentResult.Success(enrolled);
    }

    private static RedeemOutcome OutcomeOf(EnrollmentToken? token) => token switch
    {
        null => RedeemOutcome.UnknownToken,
        { Revoked: true } => RedeemOutcome.Revoked,
        { UsedAt: not null } => RedeemOutcome.AlreadyUsed,
        _ => RedeemOutcome.Expired,
    };

    private static string Refusal(EnrollmentToken? token) => token switch
    {
        null => "The enrollment token is not known; ask the helpdesk for a new one.",
        { Revoked: true } => "The enrollment token was revoked; ask the helpdesk for a new one.",
        { UsedAt: { } usedAt } => string.Create(
            CultureInfo.InvariantCulture, $"The enrollment token was already used at {usedAt:O}; a token enrolls one machine only."),
        _ => string.Create(
            CultureInfo.InvariantCulture, $"The enrollment token expired at {token.ExpiresAt:O}; ask the helpdesk for a new one."),
    };
}
