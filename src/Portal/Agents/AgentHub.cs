using Catalog.Agents;
using Catalog.Events;
using Catalog.Jobs;
using Catalog.Machines;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Portal.Agents.Data;

namespace Portal.Agents;

/// <summary>
/// The hub agents connect to (<c>/hubs/agent</c>). Each connection joins its machine's group; on connect the portal
/// records when and from where the machine was seen and pushes every deliverable job again (at-least-once delivery).
/// </summary>
[Authorize(AuthenticationSchemes = AgentAuthentication.SchemeName)]
public sealed partial class AgentHub(
    AgentConnectionRegistry registry,
    AgentMachineStore machines,
    AgentJobStore jobs,
    AgentApplicationStore applications,
    JobDispatcher dispatcher,
    ForceCachePlanner forceCache,
    JobNotifier notifier,
    EventReporter reporter,
    TimeProvider time,
    ILogger<AgentHub> logger) : Hub
{
    private Guid MachineId => Guid.Parse(Context.User!.FindFirst(AgentAuthentication.MachineIdClaim)!.Value);

    public override async Task OnConnectedAsync()
    {
        var machineId = MachineId;
        registry.Add(machineId, Context);
        await Groups.AddToGroupAsync(Context.ConnectionId, AgentGroups.Machine(machineId), Context.ConnectionAborted);
        var address = Context.GetHttpContext()?.Connection.RemoteIpAddress?.ToString() ?? "";
        await machines.RecordSeenAsync(machineId, time.GetUtcNow(), address, Context.ConnectionAborted);
        var pushed = await dispatcher.PushDeliverableAsync(machineId, Clients.Caller, Context.ConnectionAborted);
        LogConnected(machineId, address, pushed);
        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        registry.Remove(MachineId, Context.ConnectionId);
        LogDisconnected(MachineId, exception?.Message ?? "closed");
        await base.OnDisconnectedAsync(exception);
    }

    public async Task Inventory(Inventory inventory)
    {
        var current = await machines.GetAsync(MachineId, Context.ConnectionAborted);
        // Usage arrives separately: keep the last-used times the portal already knows.
        var lastUsed = current?.Inventory?.Applications.Where(a => a.LastUsedAt is not null)
            .ToDictionary(a => a.ApplicationId, a => a.LastUsedAt) ?? [];
        var merged = inventory with
        {
            ReportedAt = time.GetUtcNow(),
            Applications = inventory.Applications
                .Select(a => a.LastUsedAt is null && lastUsed.TryGetValue(a.ApplicationId, out var at) ? a with { LastUsedAt = at } : a)
                .ToList(),
        };
        await machines.SaveInventoryAsync(MachineId, merged, Context.ConnectionAborted);
        if (current is not null)
        {
            await forceCache.PlanAsync(current with { Inventory = merged }, Context.ConnectionAborted);
        }
    }

    public async Task Ack(Guid jobId)
    {
        if (await OwnJobAsync(jobId) is { } job && await jobs.MarkDeliveredAsync(jobId, time.GetUtcNow(), Context.ConnectionAborted))
        {
            await notifier.PublishAsync(new JobChanged(jobId, job.MachineId, JobState.Delivered, null, 0, "Delivered to the agent."));
        }
    }

    public async Task Progress(Guid jobId, JobPhase phase, int percent, string message)
    {
        if (await OwnJobAsync(jobId) is { } job
            && await jobs.UpdateProgressAsync(jobId, phase, percent, message, time.GetUtcNow(), Context.ConnectionAborted))
        {
            if (job.Phase != phase)
            {
                await jobs.AddEventAsync(new JobEvent { JobId = jobId, At = time.GetUtcNow(), Message = $"{phase}: {message}" }, Context.ConnectionAborted);
            }

            await notifier.PublishAsync(new JobChanged(jobId, job.MachineId, JobState.Running, phase, Math.Clamp(percent, 0, 100), message));
        }
    }

    public async Task Completed(Guid jobId, JobState outcome, string detail)
    {
        if (AgentJobStore.IsFinished(outcome))
        {
            await dispatcher.CompleteAsync(MachineId, jobId, outcome, detail, Context.ConnectionAborted);
        }
    }

    public async Task JobLog(Guid jobId, JobEventLevel level, string message)
    {
        if (await OwnJobAsync(jobId) is not null)
        {
            await jobs.AddEventAsync(new JobEvent { JobId = jobId, At = time.GetUtcNow(), Level = level, Message = message }, Context.ConnectionAborted);
        }
    }

    public async Task Event(AgentEvent agentEvent)
    {
        var machine = await machines.GetAsync(MachineId, Context.ConnectionAborted);
        var application = agentEvent.ApplicationId is { } applicationId
            ? await applications.GetAsync(applicationId, Context.ConnectionAborted)
            : null;
        await reporter.ReportAsync(new ReportedEvent
        {
            Type = agentEvent.Type,
            At = agentEvent.At == default ? time.GetUtcNow() : agentEvent.At,
            User = agentEvent.User,
            Machine = machine?.Name ?? "",
            MachineId = MachineId,
            MachineAddress = machine?.Address ?? "",
            ApplicationName = application?.Name ?? agentEvent.ApplicationName,
            ApplicationId = agentEvent.ApplicationId,
            Version = application?.Version ?? agentEvent.Version,
            JobId = agentEvent.JobId,
            Message = agentEvent.Message,
        }, application?.Reporting, Context.ConnectionAborted);
    }

    public async Task Usage(IReadOnlyList<UsageReport> reports)
    {
        var machine = await machines.GetAsync(MachineId, Context.ConnectionAborted);
        if (machine?.Inventory is not { } inventory)
        {
            return;
        }

        var byApplication = reports.GroupBy(r => r.ApplicationId).ToDictionary(g => g.Key, g => g.Max(r => r.LastUsedAt));
        var updated = inventory with
        {
            Applications = inventory.Applications
                .Select(a => byApplication.TryGetValue(a.ApplicationId, out var at) && (a.LastUsedAt is null || at > a.LastUsedAt)
                    ? a with { LastUsedAt = at }
                    : a)
                .ToList(),
        };
        await machines.SaveInventoryAsync(MachineId, updated, Context.ConnectionAborted);
    }

    private async Task<Job?> OwnJobAsync(Guid jobId)
    {
        var job = await jobs.GetAsync(jobId, Context.ConnectionAborted);
        return job?.MachineId == MachineId ? job : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Agent of machine {MachineId} connected from {Address}; {Pushed} job(s) pushed")]
    private partial void LogConnected(Guid machineId, string address, int pushed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Agent of machine {MachineId} disconnected: {Reason}")]
    private partial void LogDisconnected(Guid machineId, string reason);
}
