using System.Collections.Immutable;

namespace Portal.Agents;

/// <summary>
/// Pushes job changes to whoever listens (Blazor pages, tests), so nothing polls. Subscribe returns an
/// <see cref="IDisposable"/> that ends the subscription. A failing subscriber does not stop the others.
/// </summary>
public sealed class JobNotifier(ILogger<JobNotifier> logger)
{
    private ImmutableList<Func<JobChanged, Task>> _subscribers = [];

    public IDisposable Subscribe(Func<JobChanged, Task> onChanged)
    {
        ImmutableInterlocked.Update(ref _subscribers, list => list.Add(onChanged));
        return new Subscription(() => ImmutableInterlocked.Update(ref _subscribers, list => list.Remove(onChanged)));
    }

    public IDisposable Subscribe(Guid jobId, Func<JobChanged, Task> onChanged) =>
        Subscribe(change => change.JobId == jobId ? onChanged(change) : Task.CompletedTask);

    public async Task PublishAsync(JobChanged change)
    {
        foreach (var subscriber in _subscribers)
        {
            try
            {
                await subscriber(change);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A subscriber to job {JobId} changes failed", change.JobId);
            }
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                dispose();
            }
        }
    }
}
