namespace Catalog.Jobs;

public enum JobState
{
    Queued,
    Delivered,
    Running,
    Succeeded,
    Failed,
    RolledBack,
    Cancelled,
    /// <summary>The agent stopped during the job (crash, power loss) and rolled it back at restart; a new attempt follows.</summary>
    Interrupted,
}
