namespace ClientAgent.Engine;

/// <summary>
/// One job at a time per machine: <c>job.lock</c> in the state directory opened with <see cref="FileShare.None"/>
/// (an exclusive lock between processes too) and held until disposed.
/// </summary>
public sealed class EngineLock : IDisposable
{
    private readonly FileStream _stream;

    private EngineLock(FileStream stream) => _stream = stream;

    /// <summary>Waits (polling) until no other job holds the lock, or the token is cancelled.</summary>
    public static async Task<EngineLock> AcquireAsync(AgentStateDirectory state, IProgress<EngineProgress>? progress, CancellationToken cancellationToken)
    {
        var reported = false;
        while (true)
        {
            if (TryAcquire(state) is { } acquired)
            {
                return acquired;
            }

            if (!reported && progress is not null)
            {
                progress.Report(new EngineProgress(Catalog.Jobs.JobPhase.Installing, 0, "Waiting for another install or uninstall on this machine to finish"));
                reported = true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }

    /// <summary>Takes the lock if it is free; null when another job holds it.</summary>
    public static EngineLock? TryAcquire(AgentStateDirectory state)
    {
        Directory.CreateDirectory(state.Root);
        try
        {
            return new EngineLock(new FileStream(state.LockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => _stream.Dispose();
}
