using Catalog.Jobs;

namespace Portal.Agents.Data;

internal sealed record JobRow(
    string id, string machine_id, string application_id, string kind, string state, string? phase, long percent,
    string message, string answers, string? requested_by, string chain_id, long chain_order, long attempts,
    string created_at, string updated_at, string? delivered_at, string? completed_at)
{
    public Job ToJob() => new()
    {
        Id = Guid.Parse(id),
        MachineId = Guid.Parse(machine_id),
        ApplicationId = Guid.Parse(application_id),
        Kind = Db.Enum<JobKind>(kind),
        State = Db.Enum<JobState>(state),
        Phase = phase is null ? null : Db.Enum<JobPhase>(phase),
        Percent = (int)percent,
        Message = message,
        Answers = Db.FromJson<Dictionary<string, string>>(answers),
        RequestedBy = Db.ParseId(requested_by),
        ChainId = Guid.Parse(chain_id),
        ChainOrder = (int)chain_order,
        Attempts = (int)attempts,
        CreatedAt = Db.ParseTime(created_at),
        UpdatedAt = Db.ParseTime(updated_at),
        DeliveredAt = Db.ParseOptionalTime(delivered_at),
        CompletedAt = Db.ParseOptionalTime(completed_at),
    };
}
