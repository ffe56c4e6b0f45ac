using Catalog.Jobs;
using Portal.Data;
using Portal.Jobs;
using Portal.SelfService;

namespace Portal.Scheduling;

/// <summary>The user's answer to a blocked job: allow the portal to close the blocking programs (cancel goes through <see cref="JobQueries"/>).</summary>
public sealed class BlockedJobService(MachineAccess access, JobRepository jobs, BlockedJobs blocked)
{
    public async Task AllowTerminationAsync(SelfServiceActor actor, Guid jobId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var job = await jobs.GetAsync(jobId, cancellationToken) ?? throw SelfServiceException.NotFound($"There is no job with id {jobId}.");
        await access.GetSummaryAsync(actor, job.MachineId, cancellationToken);
        if (job.State != JobState.Blocked)
        {
            throw SelfServiceException.Conflict($"This job is not waiting for programs to close; it is {job.State}.");
        }

        await blocked.AllowTerminationAsync(job, actor.Label, cancellationToken);
    }
}
