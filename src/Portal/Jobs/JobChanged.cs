using Catalog.Jobs;

namespace Portal.Jobs;

/// <summary>A job was created or its state, phase or progress changed (published after the change was committed).</summary>
public sealed record JobChanged(Guid JobId, Guid MachineId, JobState State, JobPhase? Phase, int Percent, string Message)
{
    /// <summary>The attempt number (a retry is a new job with the next number).</summary>
    public int Attempt { get; init; } = 1;

    public Guid ApplicationId { get; init; }

    public static JobChanged From(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new JobChanged(job.Id, job.MachineId, job.State, job.Phase, job.Percent, job.Message)
        {
            Attempt = job.Attempt,
            ApplicationId = job.ApplicationId,
        };
    }
}
