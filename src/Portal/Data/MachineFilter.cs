using Dapper;

namespace Portal.Data;

/// <summary>Which machines a page of the machine list shows.</summary>
public sealed record MachineFilter
{
    /// <summary>Only this user's machines (what a plain user sees); null = every machine.</summary>
    public Guid? OwnerUserId { get; init; }

    /// <summary>Part of the machine's name or owner's email, case-insensitive; null or empty = all.</summary>
    public string? Search { get; init; }

    public bool IncludeRevoked { get; init; }

    /// <summary>Read each machine's inventory document too (only for pages that show it).</summary>
    public bool WithInventory { get; init; }

    public int Limit { get; init; } = 50;

    public int Offset { get; init; }

    internal (string Where, DynamicParameters Parameters) ToWhere()
    {
        var search = string.IsNullOrWhiteSpace(Search) ? null : "%" + Search.Trim().ToUpperInvariant().Replace("%", "", StringComparison.Ordinal) + "%";
        var parameters = new DynamicParameters(new { OwnerUserId, search, Limit = Math.Clamp(Limit, 1, 500), Offset = Math.Max(0, Offset) });
        var where = new SqlWhere()
            .When(OwnerUserId is not null, "m.owner_user_id = @OwnerUserId")
            .When(!IncludeRevoked, "m.revoked = 0")
            .When(search is not null, "(UPPER(m.name) LIKE @search OR m.owner_user_id IN (SELECT id FROM users WHERE normalized_email LIKE @search))");
        return (where.ToString(), parameters);
    }
}
