using Microsoft.AspNetCore.SignalR.Client;

namespace ClientAgent.Connection;

/// <summary>
/// Reconnects forever with capped exponential back-off and full jitter: the n-th retry waits a random time in
/// [0, min(cap, base * 2^n)], so a portal restart isn't met by every agent at the same instant.
/// </summary>
public sealed class JitteredBackoffRetryPolicy(TimeSpan baseDelay, TimeSpan maxDelay, Random? random = null) : IRetryPolicy
{
    private readonly Random _random = random ?? Random.Shared;

    /// <summary>Base delay of the default policy (also the base of a portal-hinted back-off).</summary>
    public static readonly TimeSpan BaseDelay = TimeSpan.FromSeconds(1);

    public static JitteredBackoffRetryPolicy Default { get; } = new(BaseDelay, TimeSpan.FromSeconds(60));

    public TimeSpan? NextRetryDelay(RetryContext retryContext) => DelayFor(retryContext.PreviousRetryCount);

    public TimeSpan DelayFor(long previousRetryCount)
    {
        var exponent = Math.Min(previousRetryCount, 30);
        var ceiling = Math.Min(maxDelay.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds(_random.NextDouble() * ceiling);
    }
}
