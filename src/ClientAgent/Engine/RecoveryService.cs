namespace ClientAgent.Engine;

/// <summary>
/// At agent start (and before each job) resolves every journal left by a crash: committed jobs are finished, the
/// others rolled back. Skipped while another process holds the job lock (its journal is live, not abandoned).
/// </summary>
public sealed class RecoveryService(AgentStateDirectory state)
{
    /// <summary>Resolves abandoned journals; returns one <see cref="RecoveredJob"/> per journal resolved.</summary>
    public Task<IReadOnlyList<RecoveredJob>> RecoverAsync(CancellationToken cancellationToken = default)
    {
        using var engineLock = EngineLock.TryAcquire(state);
        if (engineLock is null)
        {
            return Task.FromResult<IReadOnlyList<RecoveredJob>>([]);
        }

        return Task.FromResult(RecoverWhileLocked(cancellationToken));
    }

    /// <summary>For callers that already hold the <see cref="EngineLock"/>.</summary>
    internal IReadOnlyList<RecoveredJob> RecoverWhileLocked(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(state.Journal))
        {
            return [];
        }

        var resolved = new List<RecoveredJob>();
        foreach (var directory in Directory.EnumerateDirectories(state.Journal).Order(StringComparer.Ordinal).ToList())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = JournalRollback.ResolveDetailed(state, directory);
            var name = result.Name ?? Path.GetFileName(directory);
            var what = result.Name is null ? name : $"{result.Operation} of {result.Name}";
            var job = result.JobId is { } id ? $" (job {id})" : "";
            var summary = result.Committed
                ? $"Finished the interrupted {what}{job}"
                : $"Rolled back the interrupted {what}{job}";
            if (result.Kept.Count > 0)
            {
                summary += $"; kept {result.Kept.Count} item(s): {string.Join("; ", result.Kept)}";
            }

            resolved.Add(new RecoveredJob(result.JobId, name, result.Operation, !result.Committed, summary, result.Kept));
        }

        return resolved;
    }
}
