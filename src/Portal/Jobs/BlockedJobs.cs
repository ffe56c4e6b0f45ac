using Catalog.Agents;
using Catalog.Jobs;
using Microsoft.AspNetCore.SignalR;
using Portal.AgentLink;
using Portal.Data;

namespace Portal.Jobs;

/// <summary>
/// The job lifecycle's two steps for blocking programs: the agent reports a job Blocked (with the programs it found),
/// and the portal tells the agent that the user allows ending them. Like every transition: one conditional update,
/// published after commit.
/// </summary>
public sealed partial class BlockedJobs(
    JobRepository jobs,
    JobEventRepository events,
    IHubContext<AgentHub> hub,
    JobNotifier notifier,
    TimeProvider time,
    ILogger<BlockedJobs> logger)
{
    public const int MaximumProcessNames = 32;
    public const int MaximumProcessNameLength = 255;

    /// <summary>The agent found these blocking programs running; ignored for another machine's job or a finished one.</summary>
    public async Task<Job?> ReportAsync(Guid machineId, Guid jobId, IReadOnlyList<string>? processNames, CancellationToken cancellationToken)
    {
        var names = (processNames ?? [])
            .Where(n => !string.IsNullOrWhiteSpace(n) && n.Length <= MaximumProcessNameLength && !n.Any(char.IsControl))
            .Distinct(StringComparer.Ordinal)
            .Take(MaximumProcessNames)
            .ToList();
        var job = await jobs.GetAsync(jobId, cancellationToken);
        if (job?.MachineId != machineId || names.Count == 0)
        {
            LogIgnored(jobId, machineId);
            return null;
        }

        var message = $"Waiting for {string.Join(", ", names)} to close: {(names.Count == 1 ? "it is" : "they are")} running and must not be while "
            + $"{(job.Kind == JobKind.Uninstall ? "removing" : "installing")}. Close {(names.Count == 1 ? "it" : "them")}, or let the portal close {(names.Count == 1 ? "it" : "them")}.";
        var blocked = await jobs.MarkBlockedAsync(jobId, message, time.GetUtcNow(), cancellationToken);
        if (blocked is not null)
        {
            notifier.Publish(JobChanged.From(blocked));
        }

        return blocked;
    }

    /// <summary>Passes the user's permission to end the blocking programs to the job's agent (it re-checks which ones).</summary>
    public async Task AllowTerminationAsync(Job job, string by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        await events.AddAsync(
            new JobEvent { JobId = job.Id, At = time.GetUtcNow(), Level = JobEventLevel.Info, Message = $"{by} allowed closing the blocking programs." },
            cancellationToken);
        await hub.Clients.Group(AgentGroups.Machine(job.MachineId)).SendAsync(BlockingHubMethods.AllowTermination, job.Id, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Blocked report for job {JobId} from machine {MachineId} ignored (not its job, or no program named)")]
    private partial void LogIgnored(Guid jobId, Guid machineId);
}
