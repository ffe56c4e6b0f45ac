using Catalog.Agents;
using Catalog.Jobs;
using Microsoft.AspNetCore.SignalR;
using Portal.AgentLink;
using Portal.Data;
using Portal.Jobs;
using Portal.Operations;
using Portal.Scheduling;

namespace Portal.Cluster;

/// <summary>
/// Pushes a machine's queued, deliverable jobs to its agent when the agent is connected to this node: how a job created
/// on another node reaches it. Delivered and running jobs are left alone (the agent has them); a repeated push is
/// harmless, the agent ignores a job it already has. A required install outside the machine's maintenance windows
/// waits (<see cref="MaintenanceWindowGate"/>).
/// </summary>
public sealed class QueuedJobPusher(
    AgentConnectionRegistry registry,
    JobRepository jobs,
    ApplicationRepository applications,
    IHubContext<AgentHub> hub,
    PortalMetrics metrics,
    MaintenanceWindowGate windowGate)
{
    /// <summary>Returns how many jobs were pushed (0 when the agent is not connected here).</summary>
    public async Task<int> PushAsync(Guid machineId, CancellationToken cancellationToken)
    {
        if (!registry.IsConnected(machineId))
        {
            return 0;
        }

        var pushed = 0;
        var deliverable = await jobs.ListDeliverableAsync(machineId, cancellationToken);
        var held = await windowGate.HeldChainsAsync(machineId, deliverable, cancellationToken);
        foreach (var job in deliverable)
        {
            if (job.State == JobState.Queued && !MaintenanceWindowGate.Holds(held, job) && await applications.GetAsync(job.ApplicationId, cancellationToken) is { } application)
            {
                await hub.Clients.Group(AgentGroups.Machine(machineId))
                    .SendAsync(AgentHubMethods.RunJob, JobMessageFactory.Create(job, application), cancellationToken);
                metrics.JobPushed(job.Id);
                pushed++;
            }
        }

        return pushed;
    }
}
