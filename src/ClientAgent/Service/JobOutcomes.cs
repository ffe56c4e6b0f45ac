using Catalog.Agents;
using Catalog.Jobs;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging;

namespace ClientAgent.Service;

/// <summary>
/// Gets every job outcome to the portal at least once: an outcome is recorded in the engine's finished store (so the
/// job is never run again under its id) and in <see cref="UnreportedCompletions"/> until the portal confirms its
/// <c>Completed</c> call; unconfirmed ones are queued again on every connect, also after the agent restarted. Jobs a
/// crash or power loss interrupted are recorded at start-up with what recovery did to them.
/// </summary>
internal sealed partial class JobOutcomes(IAgentEngine engine, string stateDirectory, ILogger logger)
{
    internal const string CrashRolledBack =
        "The agent stopped during the job (crash or power loss); the interrupted changes were rolled back at restart.";

    internal const string CrashFinished =
        "The agent stopped at the very end of the job (crash or power loss); its committed changes were completed at restart.";

    private readonly UnreportedCompletions _unreported = new(stateDirectory);

    /// <summary>Resolves the journals a crash left behind and records an honest outcome for each job they belonged to.</summary>
    public async Task RecoverAsync(CancellationToken cancellationToken)
    {
        foreach (var recovered in await engine.RecoverAsync(cancellationToken))
        {
            LogRecovered(recovered.Summary);
            if (recovered.JobId is { } jobId && engine.Finished(jobId) is null)
            {
                var result = recovered.RolledBack
                    ? new AgentJobResult(JobState.Interrupted, CrashRolledBack)
                    : new AgentJobResult(JobState.Succeeded, CrashFinished);
                engine.MarkFinished(jobId, result);
                _unreported.Add(jobId);
            }
        }
    }

    /// <summary>Marks the outcome as still to be confirmed; returns the call that reports it.</summary>
    public HubSend Record(Guid jobId, AgentJobResult result)
    {
        _unreported.Add(jobId);
        return Completed(jobId, result);
    }

    /// <summary>The calls reporting every outcome the portal has not confirmed yet (stored outcomes, oldest id first).</summary>
    public IEnumerable<HubSend> Unconfirmed()
    {
        foreach (var jobId in _unreported.List())
        {
            if (engine.Finished(jobId) is { } result)
            {
                yield return Completed(jobId, result);
            }
            else
            {
                _unreported.Remove(jobId);
            }
        }
    }

    /// <summary>
    /// Sends one outbox call. An outcome is invoked, so the portal has recorded it when this returns; one queued twice
    /// (again on a reconnect) and confirmed meanwhile is skipped.
    /// </summary>
    public async Task SendAsync(HubConnection connection, HubSend send, CancellationToken cancellationToken)
    {
        if (send.CompletedJobId is not { } jobId)
        {
            await connection.SendCoreAsync(send.Method, send.Arguments, cancellationToken);
            return;
        }

        if (!_unreported.Contains(jobId))
        {
            return;
        }

        try
        {
            await connection.InvokeCoreAsync(send.Method, send.Arguments, cancellationToken);
            _unreported.Remove(jobId);
        }
        catch (HubException ex)
        {
            // The portal got it but failed to record it: kept, and reported again on the next connect.
            LogCompletedRefused(jobId, ex.Message);
        }
    }

    private static HubSend Completed(Guid jobId, AgentJobResult result) =>
        new(AgentHubMethods.Completed, [jobId, result.Outcome, result.Message], jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recovery: {Line}")]
    private partial void LogRecovered(string line);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The portal could not record the outcome of job {JobId} ({Error}); reporting it again on the next connect")]
    private partial void LogCompletedRefused(Guid jobId, string error);
}
