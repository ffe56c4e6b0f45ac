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
    /// <summary>
    /// The agent found processes that block the change (the application's <c>BlockingProcesses</c>) running and
    /// changed nothing yet; it waits until they are gone, or the user allows closing them, or the job is cancelled.
    /// </summary>
    Blocked,
}
