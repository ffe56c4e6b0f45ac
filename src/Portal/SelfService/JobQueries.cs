using Catalog.Jobs;
using Portal.Data;
using Portal.Jobs;

namespace Portal.SelfService;

/// <summary>
/// Jobs as an actor may see them (users: jobs on their own machines; staff: all), one page at a time with names
/// joined in the query, their history, and the two actions on them: cancel (by its machine's owner or staff; a running
/// job is rolled back by its agent) and retry (staff only; a new attempt).
/// </summary>
public sealed class JobQueries(
    MachineAccess access,
    MachineRepository machines,
    JobRepository jobs,
    JobListingRepository listings,
    JobEventRepository events,
    JobLifecycle lifecycle)
{
    public async Task<IReadOnlyList<JobView>> ListAsync(SelfServiceActor actor, JobQuery query, CancellationToken cancellationToken)
    {
        var filter = await FilterAsync(actor, query, cancellationToken);
        return (await listings.ListAsync(filter, cancellationToken)).Select(JobView.From).ToList();
    }

    /// <summary>How many jobs the same query matches (for a pager).</summary>
    public async Task<int> CountAsync(SelfServiceActor actor, JobQuery query, CancellationToken cancellationToken) =>
        await listings.CountAsync(await FilterAsync(actor, query, cancellationToken), cancellationToken);

    /// <summary>Views of jobs the caller just created or changed, read by key.</summary>
    public async Task<IReadOnlyList<JobView>> ViewsAsync(IReadOnlyList<Job> list, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(list);
        var views = new List<JobView>(list.Count);
        foreach (var job in list)
        {
            views.Add(JobView.From(await listings.GetAsync(job.Id, cancellationToken) ?? new JobListing(job, "", "", "")));
        }

        return views;
    }

    public async Task<JobDetails> GetAsync(SelfServiceActor actor, Guid jobId, CancellationToken cancellationToken)
    {
        var job = await VisibleJobAsync(actor, jobId, cancellationToken);
        var history = await events.ListAsync(job.Job.Id, cancellationToken);
        return new JobDetails(
            JobView.From(job),
            history.OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => new JobEventView(e.At, e.Level.ToString(), e.Message)).ToList());
    }

    /// <summary>The job as a view if the actor may see it (null when unknown or not theirs) — for live updates.</summary>
    public async Task<JobView?> FindAsync(SelfServiceActor actor, Guid jobId, CancellationToken cancellationToken)
    {
        var listing = await listings.GetAsync(jobId, cancellationToken);
        if (listing is null || await machines.GetSummaryAsync(listing.Job.MachineId, cancellationToken) is not { } machine
            || !MachineAccess.CanUse(actor, machine))
        {
            return null;
        }

        return JobView.From(listing);
    }

    public async Task<JobView> CancelAsync(SelfServiceActor actor, Guid jobId, CancellationToken cancellationToken)
    {
        var job = (await VisibleJobAsync(actor, jobId, cancellationToken)).Job;
        if (JobRepository.IsFinished(job.State))
        {
            throw SelfServiceException.Conflict($"Only an unfinished job can be cancelled; this one is {job.State}.");
        }

        if (await lifecycle.CancelAsync(job.Id, $"Cancelled by {actor.Label}.", cancellationToken) == JobCancelOutcome.NotCancellable)
        {
            throw SelfServiceException.Conflict("The job finished before it could be cancelled.");
        }

        return (await GetAsync(actor, jobId, cancellationToken)).Job;
    }

    /// <summary>Retries the job as a new attempt (with the chain members its failure stopped); returns the new attempt.</summary>
    public async Task<JobView> RetryAsync(SelfServiceActor actor, Guid jobId, CancellationToken cancellationToken)
    {
        if (!actor.IsStaff)
        {
            throw new PortalAccessException("Only the helpdesk can retry jobs.");
        }

        var job = (await VisibleJobAsync(actor, jobId, cancellationToken)).Job;
        if (job.Superseded)
        {
            throw SelfServiceException.Conflict($"This attempt was already retried; retry the newest attempt of {job.ApplicationId} instead.");
        }

        if (job.State is not (JobState.Failed or JobState.RolledBack or JobState.Cancelled or JobState.Interrupted))
        {
            throw SelfServiceException.Conflict($"Only a failed, rolled-back, interrupted or cancelled job can be retried; this one is {job.State}.");
        }

        if (await jobs.HasActiveJobAsync(job.MachineId, job.ApplicationId, cancellationToken))
        {
            throw SelfServiceException.Conflict("The application already has an unfinished job on this machine; wait until it is done.");
        }

        var created = await lifecycle.RetryAsync(job.Id, $"retried by {actor.Label}", cancellationToken)
            ?? throw SelfServiceException.Conflict("The job could not be queued again; it may have been retried by someone else.");
        return (await GetAsync(actor, created[0].Id, cancellationToken)).Job;
    }

    private async Task<JobFilter> FilterAsync(SelfServiceActor actor, JobQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = new JobFilter
        {
            ApplicationId = query.ApplicationId,
            States = query.State is { } state ? [state] : null,
            Limit = Math.Clamp(query.Limit, 1, 1000),
            Offset = Math.Max(0, query.Offset),
        };
        if (query.MachineId is { } machineId)
        {
            await access.GetSummaryAsync(actor, machineId, cancellationToken);
            return filter with { MachineId = machineId };
        }

        return actor.IsStaff ? filter : filter with { MachineOwnerId = actor.UserId };
    }

    private async Task<JobListing> VisibleJobAsync(SelfServiceActor actor, Guid jobId, CancellationToken cancellationToken)
    {
        var listing = await listings.GetAsync(jobId, cancellationToken)
            ?? throw SelfServiceException.NotFound($"There is no job with id {jobId}.");
        var machine = await machines.GetSummaryAsync(listing.Job.MachineId, cancellationToken);
        if (machine is null || !MachineAccess.CanUse(actor, machine))
        {
            throw new PortalAccessException("This job runs on another user's machine; you can only see jobs on your own machines.");
        }

        return listing;
    }
}
