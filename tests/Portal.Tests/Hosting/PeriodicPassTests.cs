using Portal.Hosting;

namespace Portal.Tests.Hosting;

/// <summary>The sweeps' loop: a failed pass is reported and the next one still runs; stopping ends the loop quietly.</summary>
public sealed class PeriodicPassTests
{
    [Fact]
    public async Task AFailedPass_IsReported_AndTheNextPassStillRuns_UntilStopped()
    {
        using var stopping = new CancellationTokenSource();
        var passes = 0;
        var failures = new List<Exception>();
        var thirdPass = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var loop = PeriodicPass.RunAsync(TimeSpan.FromMilliseconds(20), TimeProvider.System, firstPassNow: true, _ =>
        {
            var pass = Interlocked.Increment(ref passes);
            if (pass == 3)
            {
                thirdPass.TrySetResult();
            }

            return pass == 1 ? throw new InvalidOperationException("first pass fails") : Task.CompletedTask;
        }, failures.Add, stopping.Token);

        await thirdPass.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await stopping.CancelAsync();
        await loop.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("first pass fails", Assert.Single(failures).Message);
        Assert.True(loop.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task WithoutAFirstPassNow_NothingRunsBeforeTheFirstInterval()
    {
        using var stopping = new CancellationTokenSource();
        var passes = 0;
        var loop = PeriodicPass.RunAsync(TimeSpan.FromHours(1), TimeProvider.System, firstPassNow: false, _ =>
        {
            Interlocked.Increment(ref passes);
            return Task.CompletedTask;
        }, _ => { }, stopping.Token);

        await Task.Delay(TimeSpan.FromMilliseconds(100));
        await stopping.CancelAsync();
        await loop.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, passes);
    }
}
