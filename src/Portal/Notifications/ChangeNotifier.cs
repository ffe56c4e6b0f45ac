using System.Collections.Immutable;

namespace Portal.Notifications;

/// <summary>
/// Pushes changes to whoever listens (Blazor pages, tests), so nothing polls. <see cref="Subscribe"/> returns an
/// <see cref="IDisposable"/> that ends the subscription; a failing subscriber does not stop the others.
/// </summary>
public abstract class ChangeNotifier<TChange>(ILogger logger)
{
    private ImmutableList<Func<TChange, Task>> _subscribers = [];

    public IDisposable Subscribe(Func<TChange, Task> onChanged)
    {
        ImmutableInterlocked.Update(ref _subscribers, list => list.Add(onChanged));
        return new Subscription(() => ImmutableInterlocked.Update(ref _subscribers, list => list.Remove(onChanged)));
    }

    public async Task PublishAsync(TChange change)
    {
        foreach (var subscriber in _subscribers)
        {
            try
            {
                await subscriber(change);
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "A subscriber failed to handle {Change}", change);
            }
        }
    }
}
