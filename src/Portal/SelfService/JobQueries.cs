using Catalog.Data;
using Catalog.Jobs;
using Portal.Agents;

namespace Portal.SelfService;

/// <summary>
/// Jobs as an actor may see them (users: jobs on their own machines; staff: all), their events, and the two actions
/// on them: cancel (an unstarted job, by its machine's owner or staff) and retry (a failed one, staff only).
/// </summary>
public sealed class JobQueries(
    MachineAccess access,
    MachineRepository machines,
    ApplicationRepository applications,
    JobRepository jobs,
    JobEventRepository events,
    JobDispatcher dispatcher)
{
    public async Task<IReadOnlyList<JobView>> ListAsync(SelfServiceActor actor, JobQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var limit = Math.Clamp(query.Limit, 1, 1000);
        var filter = new JobFilter
        {
            ApplicationId = query.ApplicationId,
            States = query.State is { } state ? [state] : null,
            Limit = limit,
        };
        List<Job> found;
        if (query.MachineId is { } machineId)
        {
            await access.GetAsync(actor, machineId, cancellationToken);
            found = [.. await jobs.ListAsync(filter with { MachineId = machineId }, cancellationToken)];
        }
        else if (actor.IsStaff)
        {
            found = [.. await jobs.ListAsync(filter, cancellationToken)];
        }
        else
        {
            found = [];
            foreach (var machine in await access.ListAsync(actor, cancellationToken))
            {
                found.AddRange(await jobs.ListAsync(filter with { MachineId = machine.Id }, cancellationToken));
            }
        }

        var ordered = found.OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.ChainOrder).Take(limit).ToList();
        return await ToViewsAsync(ordered, cancellationToken);
    }

    public async Task<JobDetails> GetAsync(SelfServiceActor actor, Guid jobId, CancellationToken cancellationToken)
    {
        var job = await VisibleJobAsync(actor, jobId, cancellationToken);
        var history = await events.ListAsync(job.Id, cancellationToken);
        return new JobDetails(
            (await ToViewsAsync([job], cancellationToken))[0],
            history.OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => new JobEventView(e.At, e.Level.ToString(), e.Message)).ToList());
    }

    /// <summary>The job as a view if the actor may see it (null when unknown or not theirs) — for live updates.</summary>
    public async Task<JobView?> FindAsync(SelfServiceActor actor, Guid jobId, CancellationToken cancellationToken)
    {
        var job = await jobs.GetAsync(jobId, cancellationToken);
        if (job is null || await machines.GetAsync(job.MachineId, cancellationToken) is not { } machine || !MachineAccess.CanUse(actor, machine))
        {
            return null;
        }

        return (await ToViewsAsync([job], cancellationToken))[0];
    }

    public async Task<JobView> CancelAsync(SelfServiceActor actor, Guid jobId, CancellationToken cancellationToken)
    {
        var job = await VisibleJobAsync(actor, jobId, cancellationToken);
        if (job.State is not (JobState.Queued or JobState.Delivered))
        {
            throw SelfServiceException.Conflict($"Only a job that has not started can be cancelled; this one is {job.State}.");
        }

        if (!await dispatcher.CancelAsync(job.Id, $"Cancelled by {actor.Label}.", cancellationToken))
        {
            throw SelfServiceException.Conflict("The job finished before it could be cancelled.");
        }

        return (await GetAsync(actor, jobId, cancellationToken)).Job;
    }

    public async Task<JobView> RetryAsync(SelfServiceActor actor, Guid jobId, CancellationToken cancellationToken)
    {
        if (!actor.IsStaff)
        {
            throw new PortalAccessException("Only the helpdesk can retry jobs.");
        }

        var job = await VisibleJobAsync(actor, jobId, cancellationToken);
        if (job.State is not (JobState.Failed or JobState.RolledBack or JobState.Cancelled))
        {
            throw SelfServiceException.Conflict($"Only a failed, rolled-back or cancelled job can be retried; this one is {job.State}.");
        }

        if (await jobs.HasActiveJobAsync(job.MachineId, job.ApplicationId, cancellationToken))
        {
            throw SelfServiceException.Conflict("The application already has an unfinished job on this machine; wait until it is done.");
        }

        if (!await dispatcher.RetryAsync(job.Id, cancellationToken))
        {
            throw SelfServiceException.Conflict("The job could not be queued again; it may have been retried by someone else.");
        }

        return (await GetAsync(actor, jobId, cancellationToken)).Job;
    }

    private async Task<Job> VisibleJobAsync(SelfServiceActor actor, Guid jobId, CancellationToken cancellationToken)
    {
        var job = await jobs.GetAsync(jobId, cancellationToken)
            ?? throw SelfServiceException.NotFound($"There is no job with id {jobId}.");
        var machine = await machines.GetAsync(job.MachineId, cancellationToken);
        if (machine is null || !MachineAccess.CanUse(actor, machine))
        {
            throw new PortalAccessException("This job runs on another user's machine; you can only see jobs on your own machines.");
        }

        return job;
    }

    public async Task<IReadOnlyList<JobView>> ToViewsAsync(IReadOnlyList<Job> list, CancellationToken cancellationToken)
    {
        if (list.Count == 0)
        {
            return [];
        }

        var apps = (await applications.ListAsync(cancellationToken)).ToDictionary(a => a.Id);
        var names = (await machines.ListAsync(cancellationToken: cancellationToken)).ToDictionary(m => m.Id, m => m.Name);
        return list.Select(j =>
        {
            var app = apps.GetValueOrDefault(j.ApplicationId);
            return new JobView(
                j.Id, j.MachineId, names.GetValueOrDefault(j.MachineId) ?? j.MachineId.ToString(),
                j.ApplicationId, app?.Name ?? "(deleted application)", app?.Version ?? "",
                j.Kind.ToString(), j.State.ToString(), j.Phase?.ToString(), j.Percent, j.Message,
                j.ChainId, j.ChainOrder, j.Attempts, j.CreatedAt, j.UpdatedAt, j.CompletedAt);
        }).ToList();
    }
}
