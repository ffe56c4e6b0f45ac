namespace Portal.Notifications;

/// <summary>Ends a subscription once, however often it is disposed.</summary>
internal sealed class Subscription(Action dispose) : IDisposable
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
