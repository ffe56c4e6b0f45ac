using Catalog.Agents;
using Catalog.Applications;
using Catalog.Events;
using Catalog.Jobs;
using Microsoft.AspNetCore.SignalR;
using Portal.AgentLink;
using Portal.Cluster;
using Portal.Data;
using Portal.Identity;
using Portal.Operations;
using Portal.Scheduling;
using Portal.Reporting;

namespace Portal.Jobs;

/// <summary>
/// The one job lifecycle: creates chains from the plan the install service computed, delivers them to agents, records
/// acknowledgement, progress and completion, cancels, retries as a new attempt, and notes an agent that went away.
/// Every transition is one transaction in <see cref="JobRepository"/>; changes are published and pushed after the
/// commit. The hub, the API and the pages all come through here.
/// </summary>
public sealed partial class JobLifecycle(
    JobRepository jobs,
    JobEventRepository events,
    ApplicationRepository applications,
    MachineRepository machines,
    UserDirectory users,
    IHubContext<AgentHub> hub,
    JobNotifier notifier,
    EventReporter reporter,
    ClusterBus cluster,
    PortalMetrics metrics,
    MaintenanceWindowGate windowGate,
    TimeProvider time,
    ILogger<JobLifecycle> logger)
{
    /// <summary>How many attempts an install interrupted by the agent's crash gets before it waits for a person.</summary>
    public const int MaxAutomaticAttempts = 3;

    private const string AutomaticRetry = "the agent was interrupted during the previous attempt and rolled it back";

    /// <summary>
    /// Stores the install chain in the given order (dependencies first, the target last; the target gets the answers)
    /// and pushes its first job. Returns the chain in order.
    /// </summary>
    public async Task<IReadOnlyList<Job>> CreateInstallChainAsync(
        Guid? userId, Guid machineId, IReadOnlyList<Application> order, IReadOnlyDictionary<string, string> answers,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.Count == 0)
        {
            throw new ArgumentException("An install chain needs at least one application.", nameof(order));
        }

        if (order.FirstOrDefault(a => a.Package is null) is { } missing)
        {
            throw new InvalidOperationException($"Application '{missing.Name} {missing.Version}' has no package yet.");
        }

        var target = order[^1];
        var chain = order.Select(app => new Job
        {
            MachineId = machineId,
            ApplicationId = app.Id,
            Kind = JobKind.Install,
            Answers = app.Id == target.Id ? answers : new Dictionary<string, string>(),
            RequestedBy = userId,
        }).ToList();
        var history = order.Count > 1 ? $"Queued: {target.Name} with {order.Count - 1} dependenc{(order.Count == 2 ? "y" : "ies")}." : "Queued.";
        var stored = await jobs.CreateChainAsync(chain, history, cancellationToken);
        PublishAll(stored);
        await PushAsync(stored[0], order[0], cancellationToken);
        return stored;
    }

    /// <summary>
    /// Stores a chain prepared by <see cref="InstallChainBuilder"/> (upgrades, supersedence) in the given order and
    /// pushes its first job. Returns the stored chain in order.
    /// </summary>
    public async Task<IReadOnlyList<Job>> CreateChainAsync(
        IReadOnlyList<(Job Job, Application Application)> chain, string history, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chain);
        if (chain.Where(c => c.Job.Kind != JobKind.Uninstall && c.Application.Package is null).Select(c => c.Application).FirstOrDefault() is { } missing)
        {
            throw new InvalidOperationException($"Application '{missing.Name} {missing.Version}' has no package yet.");
        }

        var stored = await jobs.CreateChainAsync([.. chain.Select(c => c.Job)], history, cancellationToken);
        PublishAll(stored);
        await PushAsync(stored[0], chain[0].Application, cancellationToken);
        return stored;
    }

    public Task<Job> CreateUninstallAsync(Guid? userId, Guid machineId, Application application, CancellationToken cancellationToken) =>
        CreateSingleAsync(userId, machineId, application, JobKind.Uninstall, cancellationToken);

    /// <summary>A force-cache job: the agent downloads the package into its cache ahead of time.</summary>
    public Task<Job> CreateCacheAsync(Guid machineId, Application application, CancellationToken cancellationToken) =>
        application.Package is null
            ? throw new InvalidOperationException($"Application '{application.Name} {application.Version}' has no package to cache.")
            : CreateSingleAsync(null, machineId, application, JobKind.Cache, cancellationToken);

    /// <summary>Pushes every deliverable job of the machine to the given client (called when an agent connects).</summary>
    public async Task<int> PushDeliverableAsync(Guid machineId, IClientProxy client, CancellationToken cancellationToken)
    {
        // An interruption whose automatic new attempt was never created (the portal stopped between the two) gets it
        // now, before the machine's deliverable jobs are read.
        foreach (var interrupted in await jobs.ListUnretriedInterruptionsAsync(machineId, MaxAutomaticAttempts, cancellationToken))
        {
            if (await jobs.RetryAsync(interrupted.Id, AutomaticRetry, cancellationToken) is { } created)
            {
                PublishAll(created);
            }
        }

        var count = 0;
        var deliverable = await jobs.ListDeliverableAsync(machineId, cancellationToken);
        var held = await windowGate.HeldChainsAsync(machineId, deliverable, cancellationToken);
        foreach (var job in deliverable)
        {
            if (MaintenanceWindowGate.Holds(held, job))
            {
                continue; // a required install waits for the machine's next maintenance window
            }

            var application = await applications.GetAsync(job.ApplicationId, cancellationToken);
            if (application is null)
            {
                await CompleteAsync(machineId, job.Id, JobState.Failed, "The application no longer exists in the catalog.", cancellationToken);
                continue;
            }

            await client.SendAsync(AgentHubMethods.RunJob, JobMessageFactory.Create(job, application), cancellationToken);
            metrics.JobPushed(job.Id);
            count++;
        }

        return count;
    }

    /// <summary>The agent received the job.</summary>
    public async Task AcknowledgeAsync(Guid machineId, Guid jobId, CancellationToken cancellationToken)
    {
        if (await OwnJobAsync(machineId, jobId, cancellationToken) is not null
            && await jobs.MarkDeliveredAsync(jobId, time.GetUtcNow(), cancellationToken) is { } delivered)
        {
            metrics.JobAcknowledged(jobId);
            notifier.Publish(JobChanged.From(delivered));
        }
    }

    /// <summary>Progress from the agent; ignored for another machine's job and once the job has finished.</summary>
    public async Task ProgressAsync(Guid machineId, Guid jobId, JobPhase phase, int percent, string message, CancellationToken cancellationToken)
    {
        if (await OwnJobAsync(machineId, jobId, cancellationToken) is not null
            && await jobs.UpdateProgressAsync(jobId, phase, percent, Bounded(message), time.GetUtcNow(), cancellationToken) is { } running)
        {
            notifier.Publish(JobChanged.From(running));
        }
    }

    /// <summary>A history line from the agent (script output, warnings) for one of its own jobs.</summary>
    public async Task LogAsync(Guid machineId, Guid jobId, JobEventLevel level, string message, CancellationToken cancellationToken)
    {
        if (await OwnJobAsync(machineId, jobId, cancellationToken) is not null)
        {
            await events.AddAsync(new JobEvent { JobId = jobId, At = time.GetUtcNow(), Level = level, Message = Bounded(message) }, cancellationToken);
        }
    }

    /// <summary>
    /// Records an agent's final report once (repeats are ignored), reports the event, and moves the chain on: the next
    /// job is pushed after a success, the rest is stopped after a failure. An install the agent's crash interrupted
    /// gets a new attempt at once (up to <see cref="MaxAutomaticAttempts"/>).
    /// </summary>
    public async Task<bool> CompleteAsync(Guid machineId, Guid jobId, JobState outcome, string detail, CancellationToken cancellationToken)
    {
        if (!JobRepository.IsFinished(outcome))
        {
            return false;
        }

        if (await OwnJobAsync(machineId, jobId, cancellationToken) is not { } job)
        {
            LogUnknownJob(jobId, machineId);
            return false;
        }

        var application = await applications.GetAsync(job.ApplicationId, cancellationToken);
        var name = application?.Name ?? job.ApplicationId.ToString();
        var transition = await jobs.CompleteAsync(
            jobId, outcome, Bounded(detail), time.GetUtcNow(),
            failed => $"Not run: dependency '{name}' did not {(failed.Kind == JobKind.Install ? "install" : "complete")} ({outcome}: {Bounded(detail)}).",
            cancellationToken);
        if (transition is null)
        {
            return false;
        }

        PublishAll(transition.Changed);
        metrics.JobFinished(outcome);
        await ReportCompletionAsync(transition.Job, outcome, detail, application, cancellationToken);
        if (transition.Next is { } next && await applications.GetAsync(next.ApplicationId, cancellationToken) is { } nextApplication)
        {
            await PushAsync(next, nextApplication, cancellationToken);
        }

        if (outcome == JobState.Interrupted && transition.Job.Attempt < MaxAutomaticAttempts)
        {
            await RetryAsync(jobId, AutomaticRetry, cancellationToken);
        }

        return true;
    }

    /// <summary>
    /// Cancels a job: one the agent has not started is cancelled at once (with the rest of its chain); a running one is
    /// stopped by its agent, which rolls it back and reports the outcome.
    /// </summary>
    public async Task<JobCancelOutcome> CancelAsync(Guid jobId, string reason, CancellationToken cancellationToken)
    {
        var job = await jobs.GetAsync(jobId, cancellationToken);
        if (job is null || JobRepository.IsFinished(job.State))
        {
            return JobCancelOutcome.NotCancellable;
        }

        if (await jobs.CancelAsync(jobId, reason, cancellationToken) is { } transition)
        {
            PublishAll(transition.Changed);
            await hub.Clients.Group(AgentGroups.Machine(job.MachineId)).SendAsync(AgentHubMethods.CancelJob, jobId, cancellationToken);
            cluster.Publish(ClusterMessageKind.CancelJob, job.MachineId, jobId.ToString());
            return JobCancelOutcome.Cancelled;
        }

        // Running on the agent: it cancels, rolls back through its journal and reports RolledBack or Cancelled.
        await events.AddAsync(
            new JobEvent
            {
                JobId = jobId,
                At = time.GetUtcNow(),
                Level = JobEventLevel.Warning,
                Message = $"Cancel requested: {reason} The agent rolls back what it changed.",
            },
            cancellationToken);

        await hub.Clients.Group(AgentGroups.Machine(job.MachineId)).SendAsync(AgentHubMethods.CancelJob, jobId, cancellationToken);
        cluster.Publish(ClusterMessageKind.CancelJob, job.MachineId, jobId.ToString());
        notifier.Publish(JobChanged.From(job with { Message = "Cancelling: the agent is rolling back." }));
        return JobCancelOutcome.Requested;
    }

    /// <summary>
    /// Retries a failed, rolled-back, cancelled or interrupted job as a new attempt, together with the later chain
    /// members its failure stopped, and pushes the first of them. Null when the job cannot be retried.
    /// </summary>
    public async Task<IReadOnlyList<Job>?> RetryAsync(Guid jobId, string by, CancellationToken cancellationToken)
    {
        var created = await jobs.RetryAsync(jobId, by, cancellationToken);
        if (created is null)
        {
            return null;
        }

        PublishAll(created);
        var deliverable = await jobs.ListDeliverableAsync(created[0].MachineId, cancellationToken);
        foreach (var job in created.Where(c => deliverable.Any(d => d.Id == c.Id)))
        {
            if (await applications.GetAsync(job.ApplicationId, cancellationToken) is { } application)
            {
                await PushAsync(job, application, cancellationToken);
            }
        }

        return created;
    }

    /// <summary>The machine's agent disconnected: its started jobs say so until the agent is back and reports.</summary>
    public async Task AgentWentOfflineAsync(Guid machineId, CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow();
        var message = $"The agent went offline at {at:HH:mm:ss} UTC during this job; waiting for it to come back and report.";
        foreach (var job in await jobs.MarkAgentOfflineAsync(machineId, message, at, cancellationToken))
        {
            notifier.Publish(JobChanged.From(job));
        }
    }

    private async Task<Job> CreateSingleAsync(Guid? userId, Guid machineId, Application application, JobKind kind, CancellationToken cancellationToken)
    {
        var job = new Job { MachineId = machineId, ApplicationId = application.Id, Kind = kind, RequestedBy = userId };
        var stored = (await jobs.CreateChainAsync([job], "Queued.", cancellationToken))[0];
        notifier.Publish(JobChanged.From(stored));
        await PushAsync(stored, application, cancellationToken);
        return stored;
    }

    private async Task<Job?> OwnJobAsync(Guid machineId, Guid jobId, CancellationToken cancellationToken)
    {
        var job = await jobs.GetAsync(jobId, cancellationToken);
        return job?.MachineId == machineId ? job : null;
    }

    private async Task ReportCompletionAsync(Job job, JobState outcome, string detail, Application? application, CancellationToken cancellationToken)
    {
        var success = outcome == JobState.Succeeded;
        EventType? type = job.Kind switch
        {
            JobKind.Install or JobKind.Upgrade => success ? EventType.DistributionSuccess : EventType.DistributionFailure,
            JobKind.Uninstall => success ? EventType.UninstallSuccess : EventType.UninstallFailure,
            _ => null, // cache jobs: the agent reports CacheSuccess/CacheFailure itself
        };
        if (type is null || outcome == JobState.Cancelled)
        {
            return;
        }

        var machine = await machines.GetSummaryAsync(job.MachineId, cancellationToken);
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

    private async Task PushAsync(Job job, Application application, CancellationToken cancellationToken)
    {
        await hub.Clients.Group(AgentGroups.Machine(job.MachineId))
            .SendAsync(AgentHubMethods.RunJob, JobMessageFactory.Create(job, application), cancellationToken);
        metrics.JobPushed(job.Id);
    }

    private void PublishAll(IEnumerable<Job> changed)
    {
        foreach (var job in changed)
        {
            notifier.Publish(JobChanged.From(job));
        }
    }

    /// <summary>Agent-supplied text is stored at most 4,000 characters long.</summary>
    private static string Bounded(string? text) =>
        string.IsNullOrEmpty(text) ? "" : text.Length <= 4000 ? text : string.Concat(text.AsSpan(0, 3999), "…");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} reported by machine {MachineId} is not that machine's job")]
    private partial void LogUnknownJob(Guid jobId, Guid machineId);
}
