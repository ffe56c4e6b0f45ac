using Catalog.Jobs;

namespace Portal.Data;

/// <summary>A row of the jobs table as Dapper reads it; the answers are a JSON column.</summary>
internal sealed class JobRow
{
    public const string Columns =
        "id, machine_id, application_id, kind, state, phase, percent, message, answers, requested_by, chain_id, chain_order, " +
        "attempts, created_at, updated_at, delivered_at, completed_at, attempt, retry_of, superseded, upgrade_from, upgrade_from_application";

    public Guid Id { get; init; }

    public Guid MachineId { get; init; }

    public Guid ApplicationId { get; init; }

    public JobKind Kind { get; init; }

    public JobState State { get; init; }

    public JobPhase? Phase { get; init; }

    public long Percent { get; init; }

    public string Message { get; init; } = "";

    public string Answers { get; init; } = "{}";

    public Guid? RequestedBy { get; init; }

    public Guid ChainId { get; init; }

    public long ChainOrder { get; init; }

    public long Attempts { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? DeliveredAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public long Attempt { get; init; } = 1;

    public Guid? RetryOf { get; init; }

    public long Superseded { get; init; }

    public string? UpgradeFrom { get; init; }

    public Guid? UpgradeFromApplication { get; init; }

    public Job ToJob() => new()
    {
        Id = Id,
        MachineId = MachineId,
        ApplicationId = ApplicationId,
        Kind = Kind,
        State = State,
        Phase = Phase,
        Percent = (int)Percent,
        Message = Message,
        Answers = DbJson.Read<Dictionary<string, string>>(Answers, "job answers"),
        RequestedBy = RequestedBy,
        ChainId = ChainId,
        ChainOrder = (int)ChainOrder,
        Attempts = (int)Attempts,
        CreatedAt = CreatedAt,
        UpdatedAt = UpdatedAt,
        DeliveredAt = DeliveredAt,
        CompletedAt = CompletedAt,
        Attempt = (int)Attempt,
        RetryOf = RetryOf,
        Superseded = Superseded != 0,
        UpgradeFrom = UpgradeFrom,
        UpgradeFromApplicationId = UpgradeFromApplication,
    };
}
