using Portal.Hosting;
using Portal.Data;

namespace Portal.Operations;

/// <summary>
/// Counts the open jobs by state every <see cref="Interval"/> for <see cref="PortalMetrics"/>, so a scrape of
/// <c>/metrics</c> never waits for the database and scrapes from many collectors cost one query per interval.
/// </summary>
public sealed partial class JobStateSampler(JobRepository jobs, PortalMetrics metrics, TimeProvider time, ILogger<JobStateSampler> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicPass.RunAsync(
            Interval, time, firstPassNow: true, async token => metrics.SetOpenJobs(await jobs.CountUnfinishedAsync(token)), LogSampleFailed, stoppingToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Counting open jobs for /metrics failed")]
    private partial void LogSampleFailed(Exception ex);
}
