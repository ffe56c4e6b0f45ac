using System.Collections.Concurrent;
using System.Threading.Channels;
using Catalog.Agents;
using Catalog.Events;
using Catalog.Jobs;
using ClientAgent.Connection;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ClientAgent.Service;

/// <summary>
/// The agent service (<c>clientagent run</c>): replays interrupted journals, then stays connected to the portal's hub
/// (reconnecting with jittered back-off), reports inventory on every (re)connect and usage periodically, and runs the
/// jobs it is sent one at a time from a bounded channel. A job it already finished is acknowledged and its stored
/// outcome reported again, never run twice. Every report goes through the <see cref="AgentOutbox"/>, so what is said
/// while (re)connecting is sent, in order, once connected; <see cref="JobOutcomes"/> keeps each outcome
/// until the portal confirms it, and reports a job a crash or power loss interrupted as rolled back after the restart.
/// </summary>
public sealed partial class AgentService(
    AgentServiceOptions options,
    PortalAddresses portals,
    IAgentEngine engine,
    PackageDownloader downloader,
    InventoryCollector inventory,
    UsageMonitor usage,
    TimeProvider time,
    ILogger<AgentService> logger) : BackgroundService
{
    private readonly Channel<JobMessage> _jobs = Channel.CreateBounded<JobMessage>(
        new BoundedChannelOptions(256) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Jobs queued or running here, with the running one's cancellation source.</summary>
    private readonly ConcurrentDictionary<Guid, CancellationTokenSource?> _active = new();
    private readonly ConcurrentDictionary<Guid, bool> _cancelled = new();
    private readonly TrackedProcesses _processes = new(options.StateDirectory);
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly AgentOutbox _outbox = new(OutboxCapacity, time, logger);
    private readonly InventoryDelta _delta = new();
    private readonly JobOutcomes _outcomes = new(engine, options.StateDirectory, logger);
    private readonly ReconnectAdvice _advice = new(time);
    private HubConnection? _connection;
    private readonly Blocking.BlockingGate _blocking = new(
        new Blocking.BlockingProcessScanner(), time, options.BlockingRecheckInterval, TimeSpan.FromSeconds(5), logger);

    /// <summary>Reports kept while the portal is unreachable (progress ticks, logs, usage; outcomes are also on disk).</summary>
    internal const int OutboxCapacity = 2048;

    /// <summary>Completes when the agent first connected to the portal.</summary>
    public Task Connected => _connected.Task;

    public HubConnectionState State => _connection?.State ?? HubConnectionState.Disconnected;

    /// <summary>A job is queued or running here.</summary>
    public bool IsBusy => !_active.IsEmpty;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await _outcomes.RecoverAsync(stoppingToken);

        _connection = AgentHubConnection.Create(
            portals, options.Credentials.Credential, options.RetryPolicy, options.ConfigureConnection, _advice);
        _connection.On<JobMessage>(AgentHubMethods.RunJob, job => EnqueueAsync(job, stoppingToken));
        _connection.On<Guid>(AgentHubMethods.CancelJob, Cancel);
        // A plain handler (no result): a lambda returning the bool would register a client-result handler instead.
        _connection.On<Guid>(BlockingHubMethods.AllowTermination, jobId => { _blocking.Allow(jobId); });
        _connection.On(AgentHubMethods.RequestInventory, () =>
        {
            _delta.Forget();
            return ReportInventoryAsync(stoppingToken);
        });
        _connection.Reconnecting += error =>
        {
            _outbox.Close();
            LogReconnecting(error?.Message ?? "connection lost");
            return Task.CompletedTask;
        };
        _connection.Reconnected += _ =>
        {
            LogReconnected(portals.Current.AbsoluteUri);
            return OnConnectedAsync(stoppingToken);
        };
        _connection.Closed += async error =>
        {
            _outbox.Close();
            if (!stoppingToken.IsCancellationRequested)
            {
                LogClosed(error?.Message ?? "closed");
                await ConnectAsync(stoppingToken, afterClose: true);
            }
        };

        try
        {
            var connection = _connection;
            await Task.WhenAll(
                _outbox.RunAsync(() => connection.State == HubConnectionState.Connected, (send, token) => _outcomes.SendAsync(connection, send, token), stoppingToken),
                ConnectAsync(stoppingToken),
                ProcessJobsAsync(stoppingToken),
                ReportUsageAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await _connection.DisposeAsync();
        }
    }

    /// <param name="afterClose">The portal closed the connection: when it sent a reconnect hint, the first attempt
    /// waits within the hint's spread too, so its agents don't all come back at one instant.</param>
    private async Task ConnectAsync(CancellationToken stoppingToken, bool afterClose = false)
    {
        var retry = new HintedRetryPolicy(options.RetryPolicy, _advice, JitteredBackoffRetryPolicy.BaseDelay);
        var first = 0L;
        if (afterClose && _advice.Current() is not null)
        {
            var spread = retry.NextRetryDelay(new RetryContext { PreviousRetryCount = 0 }) ?? TimeSpan.Zero;
            LogHinted(spread);
            await Task.Delay(spread, time, stoppingToken);
            first = 1;
        }

        for (var attempt = first; ; attempt++)
        {
            try
            {
                await _connection!.StartAsync(stoppingToken);
                LogConnected(portals.Current.AbsoluteUri);
                _connected.TrySetResult();
                await OnConnectedAsync(stoppingToken);
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                var delay = retry.NextRetryDelay(new RetryContext { PreviousRetryCount = attempt, RetryReason = ex })
                    ?? TimeSpan.FromSeconds(30);
                LogConnectFailed(string.Join(", ", portals.All.Select(p => p.AbsoluteUri)), ex.Message, delay);
                await Task.Delay(delay, time, stoppingToken);
            }
        }
    }

    /// <summary>(Re)connected: release what waited, report every outcome the portal has not confirmed, then the inventory.</summary>
    private async Task OnConnectedAsync(CancellationToken stoppingToken)
    {
        _advice.Clear();
        foreach (var send in _outcomes.Unconfirmed())
        {
            _outbox.Post(send);
        }

        _outbox.Open();
        await ReportInventoryAsync(stoppingToken);
    }

    private async Task EnqueueAsync(JobMessage job, CancellationToken stoppingToken)
    {
        // Pushed again after a reconnect while it is still queued or running here: it is already being handled.
        if (_active.TryAdd(job.JobId, null))
        {
            await _jobs.Writer.WriteAsync(job, stoppingToken);
        }
    }

    private void Cancel(Guid jobId)
    {
        _cancelled[jobId] = true;
        if (_active.TryGetValue(jobId, out var running) && running is not null)
        {
            LogCancelling(jobId);
            running.Cancel();
        }
    }

    private async Task ProcessJobsAsync(CancellationToken stoppingToken)
    {
        await foreach (var job in _jobs.Reader.ReadAllAsync(stoppingToken))
        {
            using var jobCancellation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            _active[job.JobId] = jobCancellation;
            try
            {
                await RunAsync(job, jobCancellation.Token, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogJobCrashed(ex, job.JobId);
            }
            finally
            {
                _active.TryRemove(job.JobId, out _);
            }
        }
    }

    private async Task RunAsync(JobMessage job, CancellationToken cancellationToken, CancellationToken stoppingToken)
    {
        Send(AgentHubMethods.Ack, [job.JobId]);
        if (engine.Finished(job.JobId) is { } done)
        {
            LogAlreadyFinished(job.JobId, done.Outcome);
            _outbox.Post(_outcomes.Record(job.JobId, done));
            return;
        }

        LogRunning(job.Kind, job.ApplicationName, job.ApplicationVersion, job.JobId);
        var reporter = new JobReporter(this, job, time);
        AgentJobResult result;
        try
        {
            if (_cancelled.ContainsKey(job.JobId))
            {
                result = new AgentJobResult(JobState.Cancelled, "Cancelled by the portal before it started.");
            }
            else
            {
                result = job.Kind switch
                {
                    JobKind.Install => await InstallAsync(job, reporter, cancellationToken),
                    JobKind.Upgrade => await InstallAsync(job, reporter, cancellationToken),
                    JobKind.Uninstall => await UninstallAsync(job, reporter, cancellationToken),
                    JobKind.Cache => await CacheAsync(job, reporter, cancellationToken),
                    _ => new AgentJobResult(JobState.Failed, $"This agent does not know job kind {job.Kind}."),
                };
            }
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            result = new AgentJobResult(JobState.Cancelled, "Cancelled by the portal.");
        }
        catch (PackageDownloadException ex)
        {
            result = new AgentJobResult(JobState.Failed, ex.Message);
        }

        if (stoppingToken.IsCancellationRequested)
        {
            // Stopped mid-job: the engine rolled back; the portal delivers the job again after the restart.
            return;
        }

        engine.MarkFinished(job.JobId, result);
        LogFinished(job.JobId, result.Outcome, result.Message);
        _outbox.Post(_outcomes.Record(job.JobId, result));
        await ReportInventoryAsync(stoppingToken);
    }

    private async Task<AgentJobResult> InstallAsync(JobMessage job, JobReporter reporter, CancellationToken cancellationToken)
    {
        var package = await DownloadAsync(job, reporter, cancellationToken);
        var blocking = await ClearBlockingAsync(job, reporter, cancellationToken);
        var result = await engine.InstallAsync(job, package, options.MacroOverrides, reporter, cancellationToken);
        if (result.Outcome == JobState.Succeeded)
        {
            _processes.Set(job.ApplicationId, job.ProcessNames);
        }

        RelaunchEnded(job, blocking, reporter);
        return result;
    }

    private async Task<AgentJobResult> UninstallAsync(JobMessage job, JobReporter reporter, CancellationToken cancellationToken)
    {
        await ClearBlockingAsync(job, reporter, cancellationToken);
        var result = await engine.UninstallAsync(job, options.MacroOverrides, reporter, cancellationToken);
        if (result.Outcome == JobState.Succeeded)
        {
            _processes.Remove(job.ApplicationId);
        }

        return result;
    }

    private async Task<AgentJobResult> CacheAsync(JobMessage job, JobReporter reporter, CancellationToken cancellationToken)
    {
        try
        {
            await DownloadAsync(job, reporter, cancellationToken);
        }
        catch (PackageDownloadException ex)
        {
            reporter.Event(EventType.CacheFailure, ex.Message);
            return new AgentJobResult(JobState.Failed, ex.Message);
        }

        var message = $"Package of {job.ApplicationName} {job.ApplicationVersion} is in the agent's cache.";
        reporter.Event(EventType.CacheSuccess, message);
        return new AgentJobResult(JobState.Succeeded, message);
    }

    /// <summary>Before anything changes: waits (Blocked) while a blocking program runs, or ends it for a required job.</summary>
    private async Task<Blocking.BlockingOutcome> ClearBlockingAsync(JobMessage job, JobReporter reporter, CancellationToken cancellationToken)
    {
        var outcome = await _blocking.ClearAsync(
            job.JobId, job.BlockingProcesses, job.TerminateBlocking, names => Send(BlockingHubMethods.Blocked, [job.JobId, names]), cancellationToken);
        var phase = job.Kind == JobKind.Uninstall ? JobPhase.Uninstalling : JobPhase.Verifying;
        if (outcome.Ended.Count > 0)
        {
            reporter.Report(new JobProgress(phase, 100,
                $"Ended {string.Join(", ", outcome.Ended.Select(p => p.Description))}: {(job.TerminateBlocking ? "required software past its deadline" : "the user allowed it")}.",
                JobEventLevel.Warning, EventType.ProcessTermination));
        }

        if (outcome.Waited || outcome.Ended.Count > 0)
        {
            reporter.Report(new JobProgress(phase, 100, "No blocking program runs any more; going on."));
        }

        return outcome;
    }

    /// <summary>A required job starts again what it ended (a user who allowed closing them starts them when they want).</summary>
    private static void RelaunchEnded(JobMessage job, Blocking.BlockingOutcome blocking, JobReporter reporter)
    {
        if (!job.TerminateBlocking || blocking.Ended.Count == 0)
        {
            return;
        }

        foreach (var note in Blocking.ProcessRelauncher.Relaunch(blocking.Ended))
        {
            reporter.Report(new JobProgress(JobPhase.Verifying, 100, note, JobEventLevel.Warning));
        }
    }

    private async Task<string> DownloadAsync(JobMessage job, JobReporter reporter, CancellationToken cancellationToken)
    {
        reporter.Report(new JobProgress(JobPhase.Downloading, 0, $"Downloading the package of {job.ApplicationName} {job.ApplicationVersion}."));
        var path = await downloader.DownloadAsync(
            job.PackageSha256,
            job.PackageSize,
            job.Sources,
            note => reporter.Report(new JobProgress(JobPhase.Downloading, 0, note, JobEventLevel.Warning)),
            new CallbackProgress<int>(percent => reporter.Report(new JobProgress(JobPhase.Downloading, percent, "Downloading the package."))),
            cancellationToken);
        reporter.Report(new JobProgress(JobPhase.Verifying, 100, $"Package verified (SHA-256 {job.PackageSha256})."));
        return path;
    }

    private async Task ReportInventoryAsync(CancellationToken cancellationToken)
    {
        try
        {
            var report = await inventory.CollectAsync(engine.Installed(), engine.SpecialMacros(options.MacroOverrides), cancellationToken);
            Send(AgentHubMethods.Inventory, [_delta.Prepare(report)]);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogInventoryFailed(ex);
        }
    }

    private async Task ReportUsageAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.UsageInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var seen = usage.Scan(_processes.Load());
                if (seen.Count > 0)
                {
                    IReadOnlyList<UsageReport> reports = seen.Select(p => new UsageReport(p.Key, p.Value)).ToList();
                    Send(AgentHubMethods.Usage, [reports]);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                LogUsageFailed(ex);
            }
        }
    }

    /// <summary>Queues a report for the portal; sent in order as soon as (or once again) connected.</summary>
    internal void Send(string method, object?[] arguments) => _outbox.Post(new HubSend(method, arguments));

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to the portal at {Portal}")]
    private partial void LogConnected(string portal);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not connect to the portal at {Portal} ({Error}); next attempt in {Delay}")]
    private partial void LogConnectFailed(string portal, string error, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Information, Message = "The portal asked its agents to come back spread out: next attempt in {Delay}")]
    private partial void LogHinted(TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconnected to the portal at {Portal}")]
    private partial void LogReconnected(string portal);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection to the portal lost ({Reason}); reconnecting")]
    private partial void LogReconnecting(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection to the portal closed ({Reason}); connecting again")]
    private partial void LogClosed(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} was already finished here ({Outcome}): reporting it again, not running it")]
    private partial void LogAlreadyFinished(Guid jobId, JobState outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Kind} of {Application} {Version} (job {JobId}) starting")]
    private partial void LogRunning(JobKind kind, string application, string version, Guid jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} finished: {Outcome} {Message}")]
    private partial void LogFinished(Guid jobId, JobState outcome, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cancelling job {JobId} at the portal's request")]
    private partial void LogCancelling(Guid jobId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId} failed unexpectedly")]
    private partial void LogJobCrashed(Exception ex, Guid jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Collecting the inventory failed")]
    private partial void LogInventoryFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scanning processes for usage failed")]
    private partial void LogUsageFailed(Exception ex);
}
