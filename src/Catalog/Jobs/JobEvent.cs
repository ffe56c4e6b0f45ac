namespace Catalog.Jobs;

/// <summary>One line of a job's history: progress, script output, outcome.</summary>
public sealed record JobEvent
{
    public long Id { get; init; }
    public required Guid JobId { get; init; }
    public required DateTimeOffset At { get; init; }
    public JobEventLevel Level { get; init; } = JobEventLevel.Info;
    public required string Message { get; init; }
}
