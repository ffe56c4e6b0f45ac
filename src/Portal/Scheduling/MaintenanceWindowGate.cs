using Catalog.Jobs;
using Catalog.Scheduling;
using Portal.Data;

namespace Portal.Scheduling;

/// <summary>
/// Keeps a required install (a chain the <see cref="RequiredInstallScheduler"/> queued inside a maintenance window)
/// from reaching its agent outside the machine's windows. An agent that was offline for the whole window and comes
/// back during working hours gets the install at the next window, not on connect; the scheduler pushes it when that
/// window opens. A chain the agent already acknowledged is not held: it is in progress on the machine.
/// </summary>
public sealed class MaintenanceWindowGate(
    RequiredInstallRepository required,
    MaintenanceWindowRepository windows,
    MachineRepository machines,
    JobRepository jobs,
    TimeProvider time)
{
    /// <summary>The chains of the machine's queued required installs that must wait for a window now (usually none).</summary>
    public async Task<IReadOnlySet<Guid>> HeldChainsAsync(Guid machineId, CancellationToken cancellationToken)
    {
        var queued = (await required.ForMachineAsync(machineId, cancellationToken)).Where(r => r.JobId is not null).ToList();
        if (queued.Count == 0)
        {
            return None;
        }

        var machine = await machines.GetWithoutSoftwareAsync(machineId, cancellationToken);
        var zone = MachineTimeZone.Resolve(machine?.Inventory?.TimeZone);
        if (MaintenanceSchedule.IsOpen(await windows.ForMachineAsync(machineId, cancellationToken), time.GetUtcNow(), zone))
        {
            return None;
        }

        var held = new HashSet<Guid>();
        foreach (var record in queued)
        {
            if (await jobs.GetAsync(record.JobId!.Value, cancellationToken) is { } job && !JobRepository.IsFinished(job.State))
            {
                held.Add(job.ChainId);
            }
        }

        return held;
    }

    /// <summary>No chain held.</summary>
    public static IReadOnlySet<Guid> None { get; } = new HashSet<Guid>();

    /// <summary>
    /// Whether a job could be held at all: one the portal queued itself (no user asked for it) that the agent has not
    /// acknowledged. A push asks <see cref="HeldChainsAsync"/> only when one is among the deliverable jobs, so the
    /// usual connect (no such job) costs no extra query.
    /// </summary>
    public static bool MayBeHeld(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return job.State == JobState.Queued && job.RequestedBy is null;
    }

    /// <summary>The chains to hold for these deliverable jobs (<see cref="None"/> without a query when none may be held).</summary>
    public async Task<IReadOnlySet<Guid>> HeldChainsAsync(Guid machineId, IReadOnlyList<Job> deliverable, CancellationToken cancellationToken) =>
        deliverable.Any(MayBeHeld) ? await HeldChainsAsync(machineId, cancellationToken) : None;

    /// <summary>Whether a deliverable job waits: a required chain's job the agent has not acknowledged yet.</summary>
    public static bool Holds(IReadOnlySet<Guid> heldChains, Job job)
    {
        ArgumentNullException.ThrowIfNull(heldChains);
        ArgumentNullException.ThrowIfNull(job);
        return MayBeHeld(job) && heldChains.Contains(job.ChainId);
    }
}
