using Catalog.Agents;

namespace ClientAgent.Connection;

/// <summary>
/// The latest <see cref="ReconnectHint"/> the portal sent, until it expires or the agent is connected again. The
/// agent re-checks what it was sent: spread and cap are confined to [0, <see cref="MaxDelay"/>] and validity to
/// <see cref="MaxValidity"/>, so a portal cannot park its agents or make them hammer it.
/// </summary>
public sealed class ReconnectAdvice(TimeProvider time)
{
    /// <summary>The longest spread or cap a hint may ask for.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(2);

    /// <summary>The longest a hint stays in force.</summary>
    public static readonly TimeSpan MaxValidity = TimeSpan.FromMinutes(10);

    /// <summary>The smallest cap a hint may set, so agents never retry a dead portal in a tight loop.</summary>
    public static readonly TimeSpan MinCap = TimeSpan.FromMilliseconds(500);

    private readonly Lock _gate = new();
    private (TimeSpan Spread, TimeSpan Cap, DateTimeOffset Until)? _current;

    /// <summary>Keeps the hint (the portal called <c>Reconnect</c>).</summary>
    public void Set(ReconnectHint hint)
    {
        ArgumentNullException.ThrowIfNull(hint);
        var spread = Clamp(TimeSpan.FromMilliseconds(hint.SpreadMs), TimeSpan.Zero, MaxDelay);
        var cap = Clamp(TimeSpan.FromMilliseconds(hint.CapMs), MinCap, MaxDelay);
        var validFor = Clamp(TimeSpan.FromMilliseconds(hint.ValidForMs), TimeSpan.Zero, MaxValidity);
        lock (_gate)
        {
            _current = (spread, cap, time.GetUtcNow() + validFor);
        }
    }

    /// <summary>Connected again: the hint has served.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _current = null;
        }
    }

    /// <summary>The hint in force now: spread of the first attempt and cap of later ones; null when none is.</summary>
    public (TimeSpan Spread, TimeSpan Cap)? Current()
    {
        lock (_gate)
        {
            if (_current is { } hint && time.GetUtcNow() < hint.Until)
            {
                return (hint.Spread, hint.Cap);
            }

            _current = null;
            return null;
        }
    }

    private static TimeSpan Clamp(TimeSpan value, TimeSpan min, TimeSpan max) => value < min ? min : value > max ? max : value;
}
