using Catalog.Agents;
using ClientAgent.Connection;
using Microsoft.AspNetCore.SignalR.Client;

namespace ClientAgent.Tests.Connection;

/// <summary>The portal's reconnect hint shapes the agent's reconnect delays, within limits the agent sets itself.</summary>
public sealed class HintedRetryPolicyTests
{
    private static readonly IRetryPolicy Fallback = new JitteredBackoffRetryPolicy(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));

    [Fact]
    public void WithAHint_TheFirstAttemptIsWithinTheSpread_AndLaterOnesWithinTheCap()
    {
        var time = new SteppedTime();
        var advice = new ReconnectAdvice(time);
        advice.Set(new ReconnectHint(SpreadMs: 3_000, CapMs: 4_000, ValidForMs: 60_000));
        var policy = new HintedRetryPolicy(Fallback, advice, TimeSpan.FromSeconds(1), new Random(1));

        var first = Enumerable.Range(0, 200).Select(_ => policy.NextRetryDelay(Context(0))!.Value).ToList();
        var later = Enumerable.Range(0, 200).Select(_ => policy.NextRetryDelay(Context(12))!.Value).ToList();

        Assert.All(first, d => Assert.InRange(d, TimeSpan.Zero, TimeSpan.FromSeconds(3)));
        Assert.Contains(first, d => d > TimeSpan.FromSeconds(1.5)); // spread out, not all at once
        Assert.All(later, d => Assert.InRange(d, TimeSpan.Zero, TimeSpan.FromSeconds(4)));
    }

    [Fact]
    public void AnExpiredOrClearedHint_LeavesTheAgentsOwnBackOff()
    {
        var time = new SteppedTime();
        var advice = new ReconnectAdvice(time);
        advice.Set(new ReconnectHint(SpreadMs: 1_000, CapMs: 1_000, ValidForMs: 10_000));
        var policy = new HintedRetryPolicy(new FixedPolicy(TimeSpan.FromSeconds(42)), advice, TimeSpan.FromSeconds(1));

        Assert.True(policy.NextRetryDelay(Context(5)) <= TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(TimeSpan.FromSeconds(42), policy.NextRetryDelay(Context(5)));

        advice.Set(new ReconnectHint(1_000, 1_000, 10_000));
        advice.Clear();
        Assert.Equal(TimeSpan.FromSeconds(42), policy.NextRetryDelay(Context(0)));
    }

    [Fact]
    public void AHintOutsideTheAgentsLimits_IsConfinedToThem()
    {
        var time = new SteppedTime();
        var advice = new ReconnectAdvice(time);

        advice.Set(new ReconnectHint(SpreadMs: int.MaxValue, CapMs: 0, ValidForMs: int.MaxValue));

        var hint = advice.Current()!.Value;
        Assert.Equal(ReconnectAdvice.MaxDelay, hint.Spread);
        Assert.Equal(ReconnectAdvice.MinCap, hint.Cap);
        time.Advance(ReconnectAdvice.MaxValidity);
        Assert.Null(advice.Current());

        advice.Set(new ReconnectHint(SpreadMs: -5, CapMs: -5, ValidForMs: 1_000));
        Assert.Equal(TimeSpan.Zero, advice.Current()!.Value.Spread);
    }

    private static RetryContext Context(long previous) => new() { PreviousRetryCount = previous };

    private sealed class FixedPolicy(TimeSpan delay) : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext retryContext) => delay;
    }

    private sealed class SteppedTime : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 12, 2, 8, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
