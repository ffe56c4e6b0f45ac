namespace Portal.Hosting;

/// <summary>
/// The loop of the portal's background sweeps: a pass now (or after the first interval), then one per interval on the
/// injected clock until the host stops. A failed pass is reported and the next one runs as planned; stopping ends the
/// loop quietly.
/// </summary>
public static class PeriodicPass
{
    public static async Task RunAsync(
        TimeSpan interval, TimeProvider time, bool firstPassNow, Func<CancellationToken, Task> pass, Action<Exception> failed,
        CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(pass);
        ArgumentNullException.ThrowIfNull(failed);
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            if (!firstPassNow && !await timer.WaitForNextTickAsync(stoppingToken))
            {
                return;
            }

            do
            {
                try
                {
                    await pass(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    failed(ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
