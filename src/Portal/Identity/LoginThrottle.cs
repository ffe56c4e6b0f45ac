using System.Collections.Concurrent;

namespace Portal.Identity;

/// <summary>
/// Slows password guessing per account <em>and client address</em>: after <see cref="FreeFailures"/> failures within
/// <see cref="Window"/>, that pair waits <see cref="FirstBlock"/>, doubling with each further block up to
/// <see cref="MaximumBlock"/>. Someone guessing from their own machine is held back without locking the real owner
/// (or the administrator) out from theirs; Identity's account-wide lockout stays only as a backstop against guessing
/// from many addresses (see <c>PortalIdentityExtensions</c>, docs/security.md). State is in memory per node and
/// bounded to <see cref="MaximumEntries"/> pairs.
/// </summary>
public sealed class LoginThrottle(TimeProvider time)
{
    public const int FreeFailures = 5;
    public const int MaximumEntries = 100_000;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan FirstBlock = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaximumBlock = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>How long this pair must wait before its next attempt, or null when it may try now.</summary>
    public TimeSpan? RetryAfter(string email, string? client)
    {
        if (!_entries.TryGetValue(Key(email, client), out var entry))
        {
            return null;
        }

        lock (entry)
        {
            var wait = entry.BlockedUntil - time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : null;
        }
    }

    public void Failed(string email, string? client)
    {
        var now = time.GetUtcNow();
        if (_entries.Count >= MaximumEntries)
        {
            Prune(now);
        }

        var entry = _entries.GetOrAdd(Key(email, client), _ => new Entry());
        lock (entry)
        {
            if (now - entry.WindowStart > Window && entry.BlockedUntil < now)
            {
                entry.WindowStart = now;
                entry.Failures = 0;
            }

            entry.Failures++;
            if (entry.Failures >= FreeFailures)
            {
                var block = TimeSpan.FromTicks(Math.Min(MaximumBlock.Ticks, FirstBlock.Ticks << Math.Min(entry.Blocks, 10)));
                entry.BlockedUntil = now + block;
                entry.Blocks++;
                entry.Failures = 0;
                entry.WindowStart = now;
            }
        }
    }

    public void Succeeded(string email, string? client) => _entries.TryRemove(Key(email, client), out _);

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, entry) in _entries)
        {
            if (entry.BlockedUntil < now && now - entry.WindowStart > Window)
            {
                _entries.TryRemove(key, out _);
            }
        }
    }

    private static string Key(string email, string? client) => email.Trim().ToUpperInvariant() + "\n" + (client ?? "unknown");

    private sealed class Entry
    {
        public DateTimeOffset WindowStart { get; set; }
        public int Failures { get; set; }
        public int Blocks { get; set; }
        public DateTimeOffset BlockedUntil { get; set; }
    }
}
