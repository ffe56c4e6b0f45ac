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
}
