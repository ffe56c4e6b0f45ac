using Dapper;

namespace Portal.Data;

/// <summary>Which machines a page of the machine list shows.</summary>
public sealed record MachineFilter
{
    /// <summary>Only this user's machines (what a plain user sees); null = every machine.</summary>
    public Guid? OwnerUserId { get; init; }

    /// <summary>
    /// The start of the machine's name or of its owner's email, case-insensitive (<see cref="MachineSearchKey"/>); null or
    /// empty = all.
    /// </summary>
    public string? Search { get; init; }

    public bool IncludeRevoked { get; init; }

    /// <summary>Read each machine's inventory document too (only for pages that show it).</summary>
    public bool WithInventory { get; init; }

    public int Limit { get; init; } = 50;

    public int Offset { get; init; }

    internal (string Where, DynamicParameters Parameters) ToWhere(SqlDialect dialect)
    {
        var searching = !string.IsNullOrWhiteSpace(Search);
        var (nameFrom, nameBefore) = searching ? MachineSearchKey.NameRange(Search!) : ("", "");
        var (emailFrom, emailBefore) = searching ? MachineSearchKey.EmailRange(Search!) : ("", "");
        var parameters = new DynamicParameters(new
        {
            OwnerUserId, nameFrom, nameBefore, emailFrom, emailBefore, Limit = Math.Clamp(Limit, 1, 500), Offset = Math.Max(0, Offset),
        });
        // PostgreSQL compares the email in byte order, as its index does (SQLite's default collation already is).
        var email = dialect == SqlDialect.PostgreSql ? "(normalized_email COLLATE \"C\")" : "normalized_email";
        var where = new SqlWhere()
            .When(OwnerUserId is not null, "m.owner_user_id = @OwnerUserId")
            .When(!IncludeRevoked, "m.revoked = 0")
            .When(searching,
                $"((m.name_key >= @nameFrom AND m.name_key < @nameBefore) OR m.owner_user_id IN (SELECT id FROM users WHERE {email} >= @emailFrom AND {email} < @emailBefore))");
        return (where.ToString(), parameters);
    }
}
