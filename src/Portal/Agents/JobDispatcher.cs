using Catalog.Agents;
using Catalog.Applications;
using Catalog.Data;
using Catalog.Dependencies;
using Catalog.Events;
using Catalog.Jobs;
using Catalog.Machines;
using Microsoft.AspNetCore.SignalR;
using Portal.Agents.Data;

namespace Portal.Agents;

/// <summary>
/// Creates jobs and gets them to agents: every job is stored first, then pushed to the machine's group if the agent is
/// connected (else it is delivered when the agent connects). Jobs created for one request form a chain (dependencies
/// first); the next job of a chain is pushed when the previous one succeeds, and a failure stops the chain.
/// </summary>
public sealed partial class JobDispatcher(
    IDbConnectionFactory connections,
    AgentJobStore jobs,
    AgentApplicationStore applications,
    AgentMachineStore machines,
    AgentUserStore users,
    IHubContext<AgentHub> hub,
    JobNotifier notifier,
    EventReporter reporter,
    TimeProvider time,
    ILogger<JobDispatcher> logger)
{
    /// <summary>
    /// Creates the install chain (<see cref="DependencyResolver"/>): applications this one depends on that the machine
    /// lacks come first, each as its own job, then the application itself. Returns the chain in order; the last job is <paramref name="application"/>'s.
    /// </summary>
    public async Task<IReadOnlyList<Job>> CreateInstallAsync(
        Guid? userId, Machine machine, Application application, IReadOnlyDictionary<string, string> answers, CancellationToken cancellationToken)
    {
        if (application.Package is null)
        {
            throw new InvalidOperationException($"Application '{application.Name} {application.Version}' has no package yet.");
        }

        var order = await InstallOrderAsync(machine, application, cancellationToken);
        var chainId = Guid.NewGuid();
        var now = time.GetUtcNow();
        var chain = order.Select((app, index) => new Job
        {
            MachineId = machine.Id,
            ApplicationId = app.Id,
            Kind = JobKind.Install,
            Answers = app.Id == application.Id ? answers : new Dictionary<string, string>(),
            RequestedBy = userId,
            ChainId = chainId,
            ChainOrder = index,
            CreatedAt = now,
            UpdatedAt = now,
        }).ToList();
        await jobs.InsertAsync(chain, cancellationToken);
        await PublishAsync(chain[0]);
        await PushAsync(chain[0], order[0], cancellationToken);
        return chain;
    }

    public async Task<Job> CreateUninstallAsync(Guid? userId, Machine machine, Application application, CancellationToken cancellationToken) =>
        await CreateSingleAsync(userId, machine, application, JobKind.Uninstall, cancellationToken);

    /// <summary>A force-cache job: the agent downloads the package into its cache ahead of time.</summary>
    public async Task<Job> CreateCacheAsync(Machine machine, Application application, CancellationToken cancellationToken) =>
        application.Package is null
            ? throw new InvalidOperationException($"Application '{application.Name} {application.Version}' has no package to cache.")
            : await CreateSingleAsync(null, machine, application, JobKind.Cache, cancellationToken);

    private async Task<Job> CreateSingleAsync(Guid? userId, Machine machine, Application application, JobKind kind, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var job = new Job
        {
            MachineId = machine.Id,
            ApplicationId = application.Id,
            Kind = kind,
            RequestedBy = userId,
            ChainId = Guid.NewGuid(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        await jobs.InsertAsync([job], cancellationToken);
        await PublishAsync(job);
        await PushAsync(job, application, cancellationToken);
        return job;
    }

    /// <summary>Cancels an unfinished job (and the rest of its chain) and tells the agent to stop it.</summary>
    public async Task<bool> CancelAsync(Guid jobId, string reason, CancellationToken cancellationToken)
    {
        var job = await jobs.GetAsync(jobId, cancellationToken);
        if (job is null || !await jobs.CompleteAsync(jobId, JobState.Cancelled, reason, time.GetUtcNow(), cancellationToken))
        {
            return false;
        }

        await jobs.AddEventAsync(new JobEvent { JobId = jobId, At = time.GetUtcNow(), Level = JobEventLevel.Warning, Message = $"Cancelled: {reason}" }, cancellationToken);
        await hub.Clients.Group(AgentGroups.Machine(job.MachineId)).SendAsync(AgentHubMethods.CancelJob, jobId, cancellationToken);
        await PublishAsync(job with { State = JobState.Cancelled, Message = reason });
        await StopChainAfterAsync(job, $"Not run: the job before it was cancelled ({reason}).", cancellationToken);
        return true;
    }

    /// <summary>Puts a failed, rolled-back or cancelled job back in the queue and pushes it.</summary>
    public async Task<bool> RetryAsync(Guid jobId, CancellationToken cancellationToken)
    {
        if (!await jobs.RequeueAsync(jobId, time.GetUtcNow(), cancellationToken))
        {
            return false;
        }

        var job = (await jobs.GetAsync(jobId, cancellationToken))!;
        await jobs.AddEventAsync(new JobEvent { JobId = jobId, At = time.GetUtcNow(), Message = "Queued again (retry)." }, cancellationToken);
        await PublishAsync(job);
        var deliverable = await jobs.ListDeliverableAsync(job.MachineId, cancellationToken);
        if (deliverable.Any(j => j.Id == jobId) && await applications.GetAsync(job.ApplicationId, cancellationToken) is { } application)
        {
            await PushAsync(job, application, cancellationToken);
        }

        return true;
    }

    /// <summary>Pushes every deliverable job of the machine to the given client (called when an agent connects).</summary>
    public async Task<int> PushDeliverableAsync(Guid machineId, IClientProxy client, CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var job in await jobs.ListDeliverableAsync(machineId, cancellationToken))
        {
            var application = await applications.GetAsync(job.ApplicationId, cancellationToken);
            if (application is null)
            {
                await CompleteAsync(machineId, job.Id, JobState.Failed, "The application no longer exists in the catalog.", cancellationToken);
                continue;
            }

            await client.SendAsync(AgentHubMethods.RunJob, JobMessageFactory.Create(job, application), cancellationToken);
            count++;
        }

        return count;
    }

    /// <summary>
    /// Records an agent's final report once (repeats are ignored), reports the event, and moves the chain on: the next
    /// job is pushed after a success, the rest is cancelled after a failure.
    /// </summary>
    public async Task<bool> CompleteAsync(Guid machineId, Guid jobId, JobState outcome, string detail, CancellationToken cancellationToken)
    {
        var job = await jobs.GetAsync(jobId, cancellationToken);
        if (job is null || job.MachineId != machineId)
        {
            LogUnknownJob(jobId, machineId);
            return false;
        }

        if (!await jobs.CompleteAsync(jobId, outcome, detail, time.GetUtcNow(), cancellationToken))
        {
            return false;
        }

        var level = outcome == JobState.Succeeded ? JobEventLevel.Info : JobEventLevel.Error;
        await jobs.AddEventAsync(new JobEvent { JobId = jobId, At = time.GetUtcNow(), Level = level, Message = $"{outcome}: {detail}" }, cancellationToken);
        await PublishAsync(job with { State = outcome, Message = detail, Percent = outcome == JobState.Succeeded ? 100 : job.Percent });
        var application = await applications.GetAsync(job.ApplicationId, cancellationToken);
        await ReportCompletionAsync(job, outcome, detail, application, cancellationToken);
        if (outcome == JobState.Succeeded)
        {
            var chain = await jobs.ListChainAsync(job.ChainId, cancellationToken);
            if (chain.FirstOrDefault(j => j.ChainOrder > job.ChainOrder && !AgentJobStore.IsFinished(j.State)) is { } next
                && await applications.GetAsync(next.ApplicationId, cancellationToken) is { } nextApplication)
            {
                await PushAsync(next, nextApplication, cancellationToken);
            }
        }
        else
        {
            var name = application?.Name ?? job.ApplicationId.ToString();
            await StopChainAfterAsync(job, $"Not run: dependency '{name}' did not install ({outcome}: {detail}).", cancellationToken);
        }

        return true;
    }

    private async Task StopChainAfterAsync(Job job, string reason, CancellationToken cancellationToken)
    {
        foreach (var later in (await jobs.ListChainAsync(job.ChainId, cancellationToken)).Where(j => j.ChainOrder > job.ChainOrder))
        {
            if (await jobs.CompleteAsync(later.Id, JobState.Cancelled, reason, time.GetUtcNow(), cancellationToken))
            {
                await PublishAsync(later with { State = JobState.Cancelled, Message = reason });
            }
        }
    }

    private async Task ReportCompletionAsync(Job job, JobState outcome, string detail, Application? application, CancellationToken cancellationToken)
    {
        var success = outcome == JobState.Succeeded;
        EventType? type = job.Kind switch
        {
            JobKind.Install => success ? EventType.DistributionSuccess : EventType.DistributionFailure,
            JobKind.Uninstall => success ? EventType.UninstallSuccess : EventType.UninstallFailure,
            _ => null, // cache jobs: the agent reports CacheSuccess/CacheFailure itself
        };
        if (type is null || outcome == JobState.Cancelled)
        {
            return;
        }

        var machine = await machines.GetAsync(job.MachineId, cancellationToken);
        var user = job.RequestedBy is { } userId ? await users.FindEmailAsync(userId, cancellationToken) ?? "" : "";
        await reporter.ReportAsync(new ReportedEvent
        {
            Type = type.Value,
            At = time.GetUtcNow(),
            User = user,
            Machine = machine?.Name ?? "",
            MachineId = job.MachineId,
            MachineAddress = machine?.Address ?? "",
            ApplicationName = application?.Name ?? "",
            ApplicationId = job.ApplicationId,
            Version = application?.Version ?? "",
            JobId = job.Id,
            Message = detail,
        }, application?.Reporting, cancellationToken);
    }

    private async Task PushAsync(Job job, Application application, CancellationToken cancellationToken) =>
        await hub.Clients.Group(AgentGroups.Machine(job.MachineId))
            .SendAsync(AgentHubMethods.RunJob, JobMessageFactory.Create(job, application), cancellationToken);

    private Task PublishAsync(Job job) =>
        notifier.PublishAsync(new JobChanged(job.Id, job.MachineId, job.State, job.Phase, job.Percent, job.Message));

    /// <summary>
    /// The install order from <see cref="DependencyResolver"/>: missing dependencies first, the target last; refused
    /// (unmet dependency, conflict, cycle) with the resolver's reason.
    /// </summary>
    private async Task<IReadOnlyList<Application>> InstallOrderAsync(Machine machine, Application target, CancellationToken cancellationToken)
    {
        var catalog = await applications.ListAsync(cancellationToken);
        if (catalog.All(a => a.Id != target.Id))
        {
            catalog = [.. catalog, target];
        }

        var external = await new ExternalSoftwareRepository(connections).GetCurrentAsync(cancellationToken);
        var plan = DependencyResolver.Resolve(target, catalog, machine.Inventory ?? new Inventory(), external);
        return plan.IsRefused
            ? throw new InvalidOperationException($"{target.Name} {target.Version} cannot be installed on {machine.Name}: {plan.Refusal}")
            : plan.InstallOrder;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} reported by machine {MachineId} is not that machine's job")]
    private partial void LogUnknownJob(Guid jobId, Guid machineId);
}
