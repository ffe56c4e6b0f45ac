using Catalog.Jobs;
using Dapper;

namespace Portal.Data;

/// <summary>Which jobs a list returns (one page of them); every criterion left null matches all.</summary>
public sealed record JobFilter
{
    public Guid? MachineId { get; init; }

    public Guid? ApplicationId { get; init; }

    /// <summary>Only jobs in one of these states; null or empty = any state.</summary>
    public IReadOnlyCollection<JobState>? States { get; init; }

    public Guid? RequestedBy { get; init; }

    /// <summary>Only jobs on machines this user owns (what a plain user may see).</summary>
    public Guid? MachineOwnerId { get; init; }

    /// <summary>Only current attempts (leaves out attempts a retry replaced).</summary>
    public bool CurrentOnly { get; init; }

    public int Limit { get; init; } = 100;

    public int Offset { get; init; }

    /// <summary>The WHERE clause for the jobs table (aliased <paramref name="alias"/>, "" for none) and its parameters.</summary>
    internal (string Where, DynamicParameters Parameters) ToWhere(string alias)
    {
        var p = alias.Length == 0 ? "" : alias + ".";
        var parameters = new DynamicParameters(new { MachineId, ApplicationId, RequestedBy, MachineOwnerId, Limit = Math.Clamp(Limit, 1, 1000), Offset = Math.Max(0, Offset) });
        var where = new SqlWhere()
            .When(MachineId is not null, $"{p}machine_id = @MachineId")
            .When(ApplicationId is not null, $"{p}application_id = @ApplicationId")
            .When(RequestedBy is not null, $"{p}requested_by = @RequestedBy")
            .When(MachineOwnerId is not null, $"{p}machine_id IN (SELECT id FROM machines WHERE owner_user_id = @MachineOwnerId)")
            .When(CurrentOnly, $"{p}superseded = 0")
            .When(States is { Count: > 0 }, $"{p}state IN {SqlList.In(parameters, "state", States?.Select(s => s.ToString()) ?? [])}");
        return (where.ToString(), parameters);
    }
}
