using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace Portal.Notifications;

/// <summary>
/// Pushes changes to whoever listens (Blazor circuits, tests), so nothing polls. Subscribers listen to one key (a
/// machine, a job) or to everything. Publishing never waits for a subscriber: each one has its own bounded queue
/// that coalesces changes to the same thing (the newest progress tick replaces an older one still queued) and is
/// drained on the thread pool, so a slow circuit never holds up the agent's hub call that published. A failing
/// subscriber does not stop the others. With several portal nodes, changes made here are also handed to
/// <see cref="PublishedHere"/> (the cluster tells the other nodes), and a change another node made arrives through
/// <see cref="PublishFromPeer"/>, so a live page shows it whichever node its circuit is on.
/// </summary>
public abstract class ChangeNotifier<TChange>(ILogger logger) where TChange : notnull
{
    /// <summary>Changes one subscriber may have queued at once; beyond it the oldest queued change is dropped.</summary>
    public const int QueueCapacity = 256;

    private readonly ConcurrentDictionary<Guid, ImmutableList<ChangeSubscriber<TChange>>> _byKey = new();
    private ImmutableList<ChangeSubscriber<TChange>> _all = [];

    /// <summary>Listens to every change.</summary>
    public IDisposable Subscribe(Func<TChange, Task> onChanged)
    {
        var subscriber = new ChangeSubscriber<TChange>(onChanged, CoalesceKeyOf, logger);
        ImmutableInterlocked.Update(ref _all, list => list.Add(subscriber));
        return new Subscription(() =>
        {
            subscriber.Close();
            ImmutableInterlocked.Update(ref _all, list => list.Remove(subscriber));
        });
    }

    /// <summary>Listens to the changes of one thing (see <see cref="KeysOf"/>).</summary>
    public IDisposable Subscribe(Guid key, Func<TChange, Task> onChanged)
    {
        var subscriber = new ChangeSubscriber<TChange>(onChanged, CoalesceKeyOf, logger);
        _byKey.AddOrUpdate(key, _ => [subscriber], (_, list) => list.Add(subscriber));
        return new Subscription(() =>
        {
            subscriber.Close();
            while (_byKey.TryGetValue(key, out var list))
            {
                var remaining = list.Remove(subscriber);
                if (remaining.IsEmpty
                    ? ((ICollection<KeyValuePair<Guid, ImmutableList<ChangeSubscriber<TChange>>>>)_byKey).Remove(new(key, list))
                    : _byKey.TryUpdate(key, remaining, list))
                {
                    break;
                }
            }
        });
    }

    /// <summary>Raised for every change published on this node (not for those from other nodes), after its subscribers were queued.</summary>
    public event Action<TChange>? PublishedHere;

    /// <summary>Queues the change for its subscribers and returns at once.</summary>
    public void Publish(TChange change)
    {
        Deliver(change);
        PublishedHere?.Invoke(change);
    }

    /// <summary>A change another portal node made (re-read from the database here): queued for this node's subscribers only.</summary>
    public void PublishFromPeer(TChange change) => Deliver(change);

    private void Deliver(TChange change)
    {
        foreach (var subscriber in _all)
        {
            subscriber.Enqueue(change);
        }

        foreach (var key in KeysOf(change).Distinct())
        {
            if (_byKey.TryGetValue(key, out var list))
            {
                foreach (var subscriber in list)
                {
                    subscriber.Enqueue(change);
                }
            }
        }
    }

    /// <summary>Same as <see cref="Publish"/>; kept for callers in async flows. Never waits for subscribers.</summary>
    public Task PublishAsync(TChange change)
    {
        Publish(change);
        return Task.CompletedTask;
    }

    /// <summary>The keys a change is published under (e.g. its job and its machine).</summary>
    protected abstract IEnumerable<Guid> KeysOf(TChange change);

    /// <summary>Queued changes with the same coalescing key replace each other; the default keeps every change.</summary>
    protected virtual object CoalesceKeyOf(TChange change) => new object();
}
