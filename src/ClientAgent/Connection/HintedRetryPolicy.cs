using Microsoft.AspNetCore.SignalR.Client;

namespace ClientAgent.Connection;

/// <summary>
/// The agent's reconnect delays: while the portal's <see cref="ReconnectAdvice"/> is in force, the first attempt comes
/// at a random time within its spread and later ones within min(cap, base · 2^n) (full jitter); otherwise the agent's
/// own policy decides.
/// </summary>
public sealed class HintedRetryPolicy(IRetryPolicy fallback, ReconnectAdvice advice, TimeSpan baseDelay, Random? random = null) : IRetryPolicy
{
    private readonly Random _random = random ?? Random.Shared;

    public TimeSpan? NextRetryDelay(RetryContext retryContext)
    {
        ArgumentNullException.ThrowIfNull(retryContext);
        if (advice.Current() is not { } hint)
        {
            return fallback.NextRetryDelay(retryContext);
        }

        if (retryContext.PreviousRetryCount == 0)
        {
            return TimeSpan.FromMilliseconds(_random.NextDouble() * hint.Spread.TotalMilliseconds);
        }

        var exponent = Math.Min(retryContext.PreviousRetryCount, 30);
        var ceiling = Math.Min(hint.Cap.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds(_random.NextDouble() * ceiling);
    }
}
