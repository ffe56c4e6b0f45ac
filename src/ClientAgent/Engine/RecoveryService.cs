namespace ClientAgent.Engine;

/// <summary>
/// At agent start (and before each job) resolves every journal left by a crash: committed jobs are finished, the
/// others rolled back. Skipped while another process holds the job lock (its journal is live, not abandoned).
/// </summary>
public sealed class RecoveryService(AgentStateDirectory state)
{
    /// <summary>Resolves abandoned journals; returns one line per journal resolved.</summary>
    public Task<IReadOnlyList<string>> RecoverAsync(CancellationToken cancellationToken = default)
    {
        using var engineLock = EngineLock.TryAcquire(state);
        if (engineLock is null)
        {
            return Task.FromResult<IReadOnlyList<string>>([]);
        }

        return Task.FromResult(RecoverWhileLocked(cancellationToken));
    }

    /// <summary>For callers that already hold the <see cref="EngineLock"/>.</summary>
    internal IReadOnlyList<string> RecoverWhileLocked(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(state.Journal))
        {
            return [];
        }

        var resolved = new List<string>();
        foreach (var directory in Directory.EnumerateDirectories(state.Journal).Order(StringComparer.Ordinal).ToList())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var begin = Journal.Read(directory).FirstOrDefault();
            var what = begin is null ? Path.GetFileName(directory) : $"{begin.Operation} of {begin.Name} (job {begin.JobId})";
            var committed = JournalRollback.Resolve(state, directory);
            resolved.Add(committed ? $"Finished the interrupted {what}" : $"Rolled back the interrupted {what}");
        }

        return resolved;
    }
}
