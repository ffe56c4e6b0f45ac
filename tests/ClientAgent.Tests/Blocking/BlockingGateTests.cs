using System.Collections.Concurrent;
using System.Diagnostics;
using ClientAgent.Blocking;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClientAgent.Tests.Blocking;

/// <summary>Real processes (a copy of <c>sleep</c> under a blocking name, run from a temp directory) against the gate.</summary>
public sealed class BlockingGateTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly List<Process> _started = [];

    private readonly BlockingGate _gate = new(
        new BlockingProcessScanner(), TimeProvider.System, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(5), NullLogger.Instance);

    [Fact]
    public async Task A_self_service_job_waits_blocked_until_the_user_allows_and_then_only_the_named_program_is_ended()
    {
        var name = "blk" + Guid.NewGuid().ToString("N")[..8];
        var blocker = StartCopyOfSleep(name);
        var bystander = StartCopyOfSleep("oth" + Guid.NewGuid().ToString("N")[..8]);
        var reported = new ConcurrentQueue<IReadOnlyList<string>>();
        var job = Guid.NewGuid();

        var clearing = _gate.ClearAsync(job, [name], terminate: false, reported.Enqueue, CancellationToken.None);
        await WaitUntilAsync(() => !reported.IsEmpty);
        var stillWaiting = !clearing.IsCompleted;
        var otherJob = _gate.Allow(Guid.NewGuid());
        var allowed = _gate.Allow(job);
        var outcome = await clearing.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(stillWaiting);
        Assert.Equal([name], Assert.Single(reported));
        Assert.False(otherJob);
        Assert.True(allowed);
        Assert.True(outcome.Waited);
        Assert.Equal(blocker.Id, Assert.Single(outcome.Ended).Pid);
        Assert.True(blocker.WaitForExit(10_000));
        Assert.False(bystander.HasExited);
    }

    [Fact]
    public async Task A_blocked_job_goes_on_by_itself_when_the_program_is_closed()
    {
        var name = "blk" + Guid.NewGuid().ToString("N")[..8];
        var blocker = StartCopyOfSleep(name);
        var reported = new ConcurrentQueue<IReadOnlyList<string>>();

        var clearing = _gate.ClearAsync(Guid.NewGuid(), [name], terminate: false, reported.Enqueue, CancellationToken.None);
        await WaitUntilAsync(() => !reported.IsEmpty);
        blocker.Kill();
        var outcome = await clearing.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(outcome.Waited);
        Assert.Empty(outcome.Ended);
    }

    [Fact]
    public async Task A_blocked_job_that_is_cancelled_ends_nothing()
    {
        var name = "blk" + Guid.NewGuid().ToString("N")[..8];
        var blocker = StartCopyOfSleep(name);
        var reported = new ConcurrentQueue<IReadOnlyList<string>>();
        using var cancel = new CancellationTokenSource();

        var clearing = _gate.ClearAsync(Guid.NewGuid(), [name], terminate: false, reported.Enqueue, cancel.Token);
        await WaitUntilAsync(() => !reported.IsEmpty);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => clearing.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.False(blocker.HasExited);
    }

    [Fact]
    public async Task A_required_job_ends_the_program_at_once_and_it_is_started_again_the_same_way()
    {
        var name = "blk" + Guid.NewGuid().ToString("N")[..8];
        var blocker = StartCopyOfSleep(name, "600");
        var reported = new ConcurrentQueue<IReadOnlyList<string>>();

        var outcome = await _gate.ClearAsync(Guid.NewGuid(), [name], terminate: true, reported.Enqueue, CancellationToken.None);
        Assert.True(blocker.WaitForExit(10_000));
        var notes = ProcessRelauncher.Relaunch(outcome.Ended);
        var again = Assert.Single(new BlockingProcessScanner().Find([name]));
        _started.Add(Process.GetProcessById(again.Pid));

        Assert.Empty(reported);
        var ended = Assert.Single(outcome.Ended);
        Assert.StartsWith($"{name} started again as user", Assert.Single(notes));
        Assert.NotEqual(ended.Pid, again.Pid);
        Assert.Equal((ended.Executable, ended.Uid, ended.WorkingDirectory), (again.Executable, again.Uid, again.WorkingDirectory));
        Assert.Equal(["600"], again.Arguments);
        Assert.Equal(_temp.Path, again.WorkingDirectory);
        Assert.Equal("marker-value", again.Environment["BLOCKING_TEST_MARKER"]);
    }

    [Fact]
    public void The_scanner_never_matches_a_name_with_a_path()
    {
        StartCopyOfSleep("blk" + Guid.NewGuid().ToString("N")[..8]);

        Assert.Empty(new BlockingProcessScanner().Find(["/usr/bin/sleep", "", _temp.Path]));
    }

    private Process StartCopyOfSleep(string name, string seconds = "600")
    {
        var copy = Path.Combine(_temp.Path, name);
        File.Copy(File.Exists("/usr/bin/sleep") ? "/usr/bin/sleep" : "/bin/sleep", copy);
        var start = new ProcessStartInfo(copy, [seconds]) { WorkingDirectory = _temp.Path, UseShellExecute = false };
        start.Environment["BLOCKING_TEST_MARKER"] = "marker-value";
        var process = Process.Start(start)!;
        _started.Add(process);
        return process;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 600 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition(), "the condition never came true");
    }

    public void Dispose()
    {
        foreach (var process in _started)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill();
                    process.WaitForExit(5_000);
                }
            }
            catch (InvalidOperationException)
            {
            }

            process.Dispose();
        }

        _temp.Dispose();
    }
}
