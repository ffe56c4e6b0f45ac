using Catalog.Agents;
using Catalog.Events;
using Catalog.Machines;
using Portal.Data;
using Portal.Identity;
using Portal.Jobs;
using Portal.Reporting;

namespace Portal.AgentLink;

/// <summary>
/// What an agent reports about its own machine — connection, inventory, usage, events — checked, stored, then
/// published. An agent speaks only for itself: events name its own jobs or applications it has, and the time and user
/// of an event come from the portal's records, never from the agent.
/// </summary>
public sealed class MachineReports(
    MachineRepository machines,
    JobRepository jobs,
    ApplicationRepository applications,
    UserDirectory users,
    ForceCachePlanner forceCache,
    MachineNotifier notifier,
    EventReporter reporter,
    TimeProvider time)
{
    /// <summary>Event types an agent reports itself; job outcomes arrive through Completed, filter events from the portal.</summary>
    public static IReadOnlySet<EventType> AgentEventTypes { get; } = new HashSet<EventType>
    {
        EventType.CacheSuccess, EventType.CacheFailure, EventType.ProcessTermination, EventType.LaunchSuccess, EventType.LaunchFailure,
    };

    public async Task ConnectedAsync(Guid machineId, string address, CancellationToken cancellationToken)
    {
        await machines.RecordSeenAsync(machineId, time.GetUtcNow(), address, cancellationToken);
        notifier.Publish(new MachineChanged(machineId, MachineChangeKind.Connected));
    }

    public async Task DisconnectedAsync(Guid machineId, CancellationToken cancellationToken)
    {
        await machines.TouchAsync(machineId, time.GetUtcNow(), cancellationToken);
        notifier.Publish(new MachineChanged(machineId, MachineChangeKind.Disconnected));
    }

    /// <summary>
    /// Stores the inventory (keeping the last-used times the portal knows), publishes it, plans force-cache jobs. An
    /// inventory that leaves its external-software list out as unchanged keeps the stored list when its digest matches;
    /// otherwise nothing is stored and the result is false: the agent is to send the whole inventory.
    /// </summary>
    public async Task<bool> InventoryAsync(Guid machineId, Inventory inventory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        if (InventoryValidator.FindProblem(inventory, time.GetUtcNow()) is { } problem)
        {
            throw new AgentReportRefusedException($"The inventory was refused: {problem}.");
        }

        // The stored list of external software is neither read nor needed here (it is most of an inventory's size).
        var current = await machines.GetWithoutSoftwareAsync(machineId, cancellationToken);
        if (current is null)
        {
            return true;
        }

        // Usage arrives separately: keep the last-used times the portal already knows.
        var lastUsed = current.Inventory?.Applications.Where(a => a.LastUsedAt is not null)
            .GroupBy(a => a.ApplicationId)
            .ToDictionary(g => g.Key, g => g.First().LastUsedAt) ?? [];
        var now = time.GetUtcNow();
        var merged = inventory with
        {
            ReportedAt = now,
            Applications = inventory.Applications
                .Select(a => a.LastUsedAt is null && lastUsed.TryGetValue(a.ApplicationId, out var at) ? a with { LastUsedAt = at } : a)
                .ToList(),
        };
        var listLeftOut = inventory.ExternalSoftwareDigest is not null && inventory.ExternalSoftware.Count == 0;
        if (listLeftOut)
        {
            if (!await machines.SaveInventoryKeepingSoftwareAsync(machineId, merged, inventory.ExternalSoftwareDigest!, now, cancellationToken))
            {
                return false;
            }
        }
        else
        {
            await machines.SaveInventoryAsync(machineId, merged, now, cancellationToken);
        }

        notifier.Publish(new MachineChanged(machineId, MachineChangeKind.Inventory));
        await forceCache.PlanAsync(current with { Inventory = merged }, softwareListLeftOut: listLeftOut, cancellationToken);
        return true;
    }

    /// <summary>Records when the machine's applications were last used (only applications it has, never in the future).</summary>
    public async Task UsageAsync(Guid machineId, IReadOnlyList<UsageReport> usage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(usage);
        var machine = await machines.GetWithoutSoftwareAsync(machineId, cancellationToken);
        if (UsageReportValidator.FindProblem(usage, machine?.Inventory?.Applications ?? [], time.GetUtcNow()) is { } problem)
        {
            throw new AgentReportRefusedException($"The usage report was refused: {problem}.");
        }

        if (machine?.Inventory is not { } inventory || usage.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        var byApplication = usage.ToDictionary(r => r.ApplicationId, r => r.LastUsedAt > now ? now : r.LastUsedAt);
        var changed = false;
        var applicationsUsed = inventory.Applications
            .Select(a =>
            {
                if (byApplication.TryGetValue(a.ApplicationId, out var at) && (a.LastUsedAt is null || at > a.LastUsedAt))
                {
                    changed = true;
                    return a with { LastUsedAt = at };
                }

                return a;
            })
            .ToList();
        if (changed)
        {
            await machines.SaveInventoryWithoutSoftwareAsync(machineId, inventory with { Applications = applicationsUsed }, now, cancellationToken);
            notifier.Publish(new MachineChanged(machineId, MachineChangeKind.Usage));
        }
    }

    /// <summary>
    /// Records an event the agent reports about one of its own jobs or an application it has or had a job for. The
    /// application, version, user and time come from the portal's records.
    /// </summary>
    public async Task EventAsync(Guid machineId, AgentEvent agentEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agentEvent);
        if (!AgentEventTypes.Contains(agentEvent.Type))
        {
            throw new AgentReportRefusedException(
                $"An agent may report {string.Join(", ", AgentEventTypes)} events; {agentEvent.Type} comes from the portal's own records.");
        }

        var machine = await machines.GetSummaryAsync(machineId, cancellationToken)
            ?? throw new AgentReportRefusedException("The machine is not enrolled.");
        Guid? applicationId = agentEvent.ApplicationId;
        Guid? requestedBy = null;
        if (agentEvent.JobId is { } jobId)
        {
            var job = await jobs.GetAsync(jobId, cancellationToken);
            if (job is null || job.MachineId != machineId)
            {
                throw new AgentReportRefusedException($"Job {jobId} is not a job of this machine.");
            }

            if (applicationId is not null && applicationId != job.ApplicationId)
            {
                throw new AgentReportRefusedException($"Job {jobId} is about another application than {applicationId}.");
            }

            applicationId = job.ApplicationId;
            requestedBy = job.RequestedBy;
        }
        else if (applicationId is { } id && !await jobs.HasAnyJobAsync(machineId, id, cancellationToken))
        {
            throw new AgentReportRefusedException($"Application {id} was never sent to this machine.");
        }

        var application = applicationId is { } known ? await applications.GetAsync(known, cancellationToken) : null;
        var user = requestedBy ?? machine.OwnerUserId;
        await reporter.ReportAsync(new ReportedEvent
        {
            Type = agentEvent.Type,
            At = time.GetUtcNow(),
            User = user is { } userId ? await users.FindEmailAsync(userId, cancellationToken) ?? "" : "",
            Machine = machine.Name,
            MachineId = machineId,
            MachineAddress = machine.Address,
            ApplicationName = application?.Name ?? "",
            ApplicationId = applicationId,
            Version = application?.Version ?? "",
            JobId = agentEvent.JobId,
            Message = agentEvent.Message.Length <= 4000 ? agentEvent.Message : agentEvent.Message[..4000],
        }, application?.Reporting, cancellationToken);
    }
}
