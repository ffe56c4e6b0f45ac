namespace Catalog.Jobs;

/// <summary>An install or uninstall to run on one machine. Stored before it is pushed to the agent.</summary>
public sealed record Job
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public required Guid MachineId { get; init; }
    public required Guid ApplicationId { get; init; }
    public required JobKind Kind { get; init; }
    public JobState State { get; init; } = JobState.Queued;
    public JobPhase? Phase { get; init; }
    public int Percent { get; init; }
    public string Message { get; init; } = "";
    /// <summary>Prompted macro answers, by macro name.</summary>
    public IReadOnlyDictionary<string, string> Answers { get; init; } = new Dictionary<string, string>();
    /// <summary>User id of whoever asked for it; null for system jobs (required apps, unused-uninstall).</summary>
    public Guid? RequestedBy { get; init; }
    /// <summary>Jobs created together for one request (dependencies first) share a chain id.</summary>
    public Guid ChainId { get; init; }
    /// <summary>Position in the chain; a job runs only after every earlier one succeeded.</summary>
    public int ChainOrder { get; init; }
    /// <summary>How often the job was pushed to its agent (at-least-once delivery may push it more than once).</summary>
    public int Attempts { get; init; }
    /// <summary>1 for the first attempt; a retry is a new job with the next number (the agent runs it afresh).</summary>
    public int Attempt { get; init; } = 1;
    /// <summary>The attempt this one retries, if any.</summary>
    public Guid? RetryOf { get; init; }
    /// <summary>A later attempt replaced this one; it no longer takes part in its chain.</summary>
    public bool Superseded { get; init; }
    /// <summary>
    /// For an <see cref="JobKind.Upgrade"/>: the version installed when the job was created. The agent upgrades only a
    /// receipt of exactly this version.
    /// </summary>
    public string? UpgradeFrom { get; init; }
    /// <summary>
    /// For an <see cref="JobKind.Upgrade"/> whose installed copy was installed from another catalog entry of the same
    /// product (an older version kept as its own application): that entry's id. Null when it is this application.
    /// </summary>
    public Guid? UpgradeFromApplicationId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? DeliveredAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
}
