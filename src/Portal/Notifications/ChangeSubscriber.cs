namespace Portal.Notifications;

/// <summary>
/// One subscriber's queue: bounded, coalescing by key, drained by one pump at a time on the thread pool. No task is
/// parked while the queue is empty, so an idle subscription costs a few objects.
/// </summary>
internal sealed class ChangeSubscriber<TChange>(Func<TChange, Task> onChanged, Func<TChange, object> coalesceKeyOf, ILogger logger)
    where TChange : notnull
{
    private readonly Lock _gate = new();
    private readonly LinkedList<(object Key, TChange Change)> _queue = new();
    private readonly Dictionary<object, LinkedListNode<(object Key, TChange Change)>> _queued = [];
    private bool _pumping;
    private bool _closed;

    public void Enqueue(TChange change)
    {
        var key = coalesceKeyOf(change);
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            if (_queued.TryGetValue(key, out var node))
            {
                node.Value = (key, change);
            }
            else
            {
                if (_queue.Count >= ChangeNotifier<TChange>.QueueCapacity)
                {
                    _queued.Remove(_queue.First!.Value.Key);
                    _queue.RemoveFirst();
                }

                _queued[key] = _queue.AddLast((key, change));
            }

            if (_pumping)
            {
                return;
            }

            _pumping = true;
        }

        _ = Task.Run(PumpAsync);
    }

    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
            _queue.Clear();
            _queued.Clear();
        }
    }

    private async Task PumpAsync()
    {
        while (true)
        {
            TChange change;
            lock (_gate)
            {
                if (_queue.Count == 0 || _closed)
                {
                    _pumping = false;
                    return;
                }

                var first = _queue.First!.Value;
                _queue.RemoveFirst();
                _queued.Remove(first.Key);
                change = first.Change;
            }

            try
            {
                await onChanged(change);
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "A subscriber failed to handle {Change}", change);
            }
        }
    }
}
