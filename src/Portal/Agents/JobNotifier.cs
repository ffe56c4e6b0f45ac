using Portal.Notifications;

namespace Portal.Agents;

/// <summary>Pushes job changes (state, phase, percent, message) to live pages and tests.</summary>
public sealed class JobNotifier(ILogger<JobNotifier> logger) : ChangeNotifier<JobChanged>(logger)
{
    public IDisposable Subscribe(Guid jobId, Func<JobChanged, Task> onChanged) =>
        Subscribe(change => change.JobId == jobId ? onChanged(change) : Task.CompletedTask);
}
