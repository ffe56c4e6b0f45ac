using System.Globalization;

namespace Benchmarks.Requests;

/// <summary>Latencies of one kind of request on one store, in milliseconds, with nearest-rank percentiles.</summary>
internal sealed class RequestTimings(string request)
{
    private readonly List<double> _milliseconds = [];

    public string Request { get; } = request;

    public int Count => _milliseconds.Count;

    public void Add(TimeSpan elapsed) => _milliseconds.Add(elapsed.TotalMilliseconds);

    public double Percentile(double percent)
    {
        if (_milliseconds.Count == 0)
        {
            return double.NaN;
        }

        var sorted = _milliseconds.Order().ToList();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    public static string Format(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
