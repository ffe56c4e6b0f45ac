using System.Collections.Immutable;

namespace Portal.SelfService;

/// <summary>
/// Pushes uninstall-request changes to live pages (the requester's catalog, the helpdesk queue) so nothing polls.
/// Subscribe returns an <see cref="IDisposable"/> that ends the subscription; a failing subscriber does not stop the others.
/// </summary>
public sealed class UninstallRequestNotifier(ILogger<UninstallRequestNotifier> logger)
{
    private ImmutableList<Func<UninstallRequestChanged, Task>> _subscribers = [];

    public IDisposable Subscribe(Func<UninstallRequestChanged, Task> onChanged)
    {
        ImmutableInterlocked.Update(ref _subscribers, list => list.Add(onChanged));
        return new Unsubscriber(() => ImmutableInterlocked.Update(ref _subscribers, list => list.Remove(onChanged)));
    }

    public async Task PublishAsync(UninstallRequestChanged change)
    {
        foreach (var subscriber in _subscribers)
        {
            try
            {
                await subscriber(change);
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "A subscriber to uninstall request {RequestId} changes failed", change.RequestId);
            }
        }
    }

    private sealed class Unsubscriber(Action dispose) : IDisposable
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
