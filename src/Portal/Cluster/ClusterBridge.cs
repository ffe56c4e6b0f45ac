using Catalog.Agents;
using Microsoft.AspNetCore.SignalR;
using Portal.AgentLink;
using Portal.Data;
using Portal.Jobs;
using Portal.SelfService;

namespace Portal.Cluster;

/// <summary>
/// Joins this node's change notifiers to the other nodes. Outgoing: every job, machine and uninstall-request change
/// published here becomes a <see cref="ClusterMessage"/> with the record's key. Incoming: the record is re-read by key
/// and published to this node's live pages; a queued job is pushed to its agent if the agent is connected here; a
/// cancel reaches the agent on this node; a revoked machine's connections here are dropped.
/// </summary>
public sealed partial class ClusterBridge(IServiceProvider services, ClusterBus bus, ILogger<ClusterBridge> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!bus.IsEnabled)
        {
            return Task.CompletedTask;
        }

        if (services.GetService<JobNotifier>() is { } jobs)
        {
            jobs.PublishedHere += change => bus.Publish(ClusterMessageKind.Job, change.JobId);
        }

        if (services.GetService<MachineNotifier>() is { } machines)
        {
            machines.PublishedHere += change => bus.Publish(ClusterMessageKind.Machine, change.MachineId, change.Kind.ToString());
        }

        if (services.GetService<UninstallRequestNotifier>() is { } requests)
        {
            requests.PublishedHere += change => bus.Publish(ClusterMessageKind.UninstallRequest, change.RequestId);
        }

        bus.Received += HandleAsync;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        bus.Received -= HandleAsync;
        return Task.CompletedTask;
    }

    private async Task HandleAsync(ClusterMessage message, CancellationToken cancellationToken)
    {
        switch (message.Kind)
        {
            case ClusterMessageKind.Job:
                if (await services.GetRequiredService<JobRepository>().GetAsync(message.Key, cancellationToken) is { } job)
                {
                    services.GetService<JobNotifier>()?.PublishFromPeer(JobChanged.From(job));
                    if (job.State == Catalog.Jobs.JobState.Queued)
                    {
                        await services.GetRequiredService<QueuedJobPusher>().PushAsync(job.MachineId, cancellationToken);
                    }
                }

                break;
            case ClusterMessageKind.Machine when Enum.TryParse<MachineChangeKind>(message.Detail, out var kind):
                services.GetService<MachineNotifier>()?.PublishFromPeer(new MachineChanged(message.Key, kind));
                break;
            case ClusterMessageKind.UninstallRequest:
                if (services.GetService<UninstallRequestNotifier>() is { } notifier
                    && await services.GetRequiredService<UninstallRequestRepository>().GetAsync(message.Key, cancellationToken) is { } request)
                {
                    notifier.PublishFromPeer(new UninstallRequestChanged(request.Id, request.MachineId, request.ApplicationId, request.State, request.DecisionReason));
                }

                break;
            case ClusterMessageKind.CancelJob when Guid.TryParse(message.Detail, out var jobId):
                if (services.GetRequiredService<AgentConnectionRegistry>().IsConnected(message.Key))
                {
                    await services.GetRequiredService<IHubContext<AgentHub>>().Clients.Group(AgentGroups.Machine(message.Key))
                        .SendAsync(AgentHubMethods.CancelJob, jobId, cancellationToken);
                }

                break;
            case ClusterMessageKind.RevokeMachine:
                if (services.GetRequiredService<AgentConnectionRegistry>().Disconnect(message.Key) > 0)
                {
                    LogRevokedHere(message.Key, message.Origin);
                }

                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dropped the connections of machine {MachineId}, revoked on node {Origin}")]
    private partial void LogRevokedHere(Guid machineId, string origin);
}
