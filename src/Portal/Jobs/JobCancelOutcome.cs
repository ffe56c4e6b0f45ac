namespace Portal.Jobs;

public enum JobCancelOutcome
{
    /// <summary>The job had not started: it and the rest of its chain are cancelled.</summary>
    Cancelled,

    /// <summary>The job is running: its agent was told to stop and roll back; the outcome follows from the agent.</summary>
    Requested,

    /// <summary>The job is unknown or already finished.</summary>
    NotCancellable,
}
