using Portal.Notifications;

namespace Portal.Jobs;

/// <summary>
/// Pushes job changes (state, phase, percent, message) to live pages and tests, by job and by machine. Queued progress
/// ticks of one job coalesce: a slow page gets the newest state, not every tick.
/// </summary>
public sealed class JobNotifier(ILogger<JobNotifier> logger) : ChangeNotifier<JobChanged>(logger)
{
    protected override IEnumerable<Guid> KeysOf(JobChanged change) => [change.JobId, change.MachineId];

    protected override object CoalesceKeyOf(JobChanged change) => change.JobId;
}
