using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace ClientAgent.Blocking;

/// <summary>
/// Holds a job before it changes anything while one of its blocking programs runs. A job a user asked for waits
/// (reported Blocked), re-checking every <c>recheckInterval</c>, until the programs are gone, the user allows ending
/// them (<see cref="Allow"/>) or the job is cancelled. A required job past its deadline ends them at once. Either way
/// only processes that match the job's own list are ended, each re-checked (same pid, same start time, same name)
/// just before it is signalled: a permission from the portal names a job, never a process.
/// </summary>
public sealed partial class BlockingGate(
    BlockingProcessScanner scanner, TimeProvider time, TimeSpan recheckInterval, TimeSpan gracePeriod, ILogger logger)
{
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource> _allowed = new();

    /// <summary>The user allowed ending the blocking programs of this job; false when no such job waits here.</summary>
    public bool Allow(Guid jobId)
    {
        var waiting = _allowed.TryGetValue(jobId, out var allowed) && allowed.TrySetResult();
        LogAllowed(jobId, waiting);
        return waiting;
    }

    /// <summary>Returns once no blocking program runs; the processes it ended (to start again) are in the outcome.</summary>
    public async Task<BlockingOutcome> ClearAsync(
        Guid jobId, IReadOnlyList<string> names, bool terminate, Action<IReadOnlyList<string>> reportBlocked, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(reportBlocked);
        if (names.Count == 0)
        {
            return BlockingOutcome.None;
        }

        var allowed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _allowed[jobId] = allowed;
        try
        {
            IReadOnlyList<string>? reported = null;
            while (true)
            {
                var running = scanner.Find(names);
                if (running.Count == 0)
                {
                    return new BlockingOutcome(reported is not null, []);
                }

                if (terminate || allowed.Task.IsCompleted)
                {
                    return new BlockingOutcome(reported is not null, await TerminateAsync(running, cancellationToken));
                }

                var current = running.Select(p => p.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                if (reported is null || !reported.SequenceEqual(current))
                {
                    LogBlocked(jobId, string.Join(", ", current));
                    reportBlocked(current);
                    reported = current;
                }

                await Task.WhenAny(Task.Delay(recheckInterval, time, cancellationToken), allowed.Task);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        finally
        {
            _allowed.TryRemove(jobId, out _);
        }
    }

    private async Task<IReadOnlyList<RunningProcess>> TerminateAsync(IReadOnlyList<RunningProcess> running, CancellationToken cancellationToken)
    {
        var ended = new List<RunningProcess>();
        foreach (var process in running)
        {
            if (scanner.Recheck(process) is null)
            {
                continue; // gone, or the pid now belongs to another process: never signal that one
            }

            await SignalAsync(process.Pid, "TERM", cancellationToken);
            var deadline = time.GetUtcNow() + gracePeriod;
            while (scanner.Recheck(process) is not null && time.GetUtcNow() < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), time, cancellationToken);
            }

            if (scanner.Recheck(process) is not null)
            {
                await SignalAsync(process.Pid, "KILL", cancellationToken);
            }

            LogEnded(process.Description);
            ended.Add(process);
        }

        return ended;
    }

    private static async Task SignalAsync(int pid, string signal, CancellationToken cancellationToken)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", [$"-{signal}", pid.ToString(CultureInfo.InvariantCulture)])
        {
            UseShellExecute = false,
            RedirectStandardError = true,
        });
        if (kill is not null)
        {
            await kill.StandardError.ReadToEndAsync(cancellationToken);
            await kill.WaitForExitAsync(cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} waits: blocking programs running ({Names})")]
    private partial void LogBlocked(Guid jobId, string names);

    [LoggerMessage(Level = LogLevel.Information, Message = "Permission to end the blocking programs of job {JobId} (waiting here: {Waiting})")]
    private partial void LogAllowed(Guid jobId, bool waiting);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ended blocking program {Process}")]
    private partial void LogEnded(string process);
}
