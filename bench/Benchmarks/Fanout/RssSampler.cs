using Benchmarks.Requests;

namespace Benchmarks.Fanout;

/// <summary>Samples the (current) portal process's RSS every 200 ms and keeps the peak, so "throughout" is measured.</summary>
internal sealed class RssSampler : IDisposable
{
    private readonly Timer _timer;
    private double _peak;

    public RssSampler(Func<PortalProcess?> portal)
    {
        _timer = new Timer(_ =>
        {
            try
            {
                if (portal() is { } process)
                {
                    var rss = process.RssMb();
                    if (rss > Volatile.Read(ref _peak))
                    {
                        Volatile.Write(ref _peak, rss);
                    }
                }
            }
            catch (InvalidOperationException)
            {
                // The portal is between processes (storm restart).
            }
        }, null, TimeSpan.Zero, TimeSpan.FromMilliseconds(200));
    }

    public double PeakMb => Volatile.Read(ref _peak);

    public void Dispose() => _timer.Dispose();
}
