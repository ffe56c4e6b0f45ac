using Catalog.Applications;
using Catalog.Events;
using Catalog.Jobs;
using ClientAgent.Platform;

namespace ClientAgent.Engine;

/// <summary>
/// Uninstalls what a receipt lists: terminate the application's processes (if the policy says so) → pre-uninstall
/// scripts → remove only what the install created, restore what it overwrote or deleted → post-uninstall scripts →
/// delete the receipt. Journaled like an install: a failure or crash puts everything back.
/// </summary>
public sealed class UninstallEngine(AgentStateDirectory state, IProcessTerminator processTerminator)
{
    public UninstallEngine(AgentStateDirectory state)
        : this(state, new LinuxProcessTerminator())
    {
    }

    public async Task<EngineResult> UninstallAsync(
        string nameOrApplicationId,
        UninstallPolicy policy,
        IReadOnlyList<ApplicationScript> extraScripts,
        IProgress<EngineProgress> progress,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? macroOverrides = null,
        Guid? jobId = null,
        IReadOnlyList<string>? processNames = null)
    {
        EngineLock engineLock;
        try
        {
            state.EnsureCreated();
            engineLock = await EngineLock.AcquireAsync(state, progress, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return new EngineResult(EngineOutcome.Failed, $"The uninstall of {nameOrApplicationId} was cancelled while waiting for another job; nothing was changed.");
        }

        using (engineLock)
        {
            new RecoveryService(state).RecoverWhileLocked(CancellationToken.None);
            var receipt = new ReceiptStore(state).Get(nameOrApplicationId);
            if (receipt is null)
            {
                return new EngineResult(EngineOutcome.Failed, $"{nameOrApplicationId} is not installed on this machine.");
            }

            if (!policy.Enabled)
            {
                return new EngineResult(EngineOutcome.Failed, $"Uninstall is disabled for {receipt.Name}.");
            }

            var title = $"{receipt.Name} {receipt.Version}";
            List<(ApplicationScript Script, string Body)> scripts;
            try
            {
                var macros = EngineMacros.Build(state, [], new Dictionary<string, string>(), macroOverrides ?? new Dictionary<string, string>());
                scripts = receipt.UninstallScripts.Select(s => (s, s.Body))
                    .Concat(extraScripts.Select(s => (s, macros.Expand(s.Body))))
                    .ToList();
            }
            catch (EngineFailureException exception)
            {
                return new EngineResult(EngineOutcome.Failed, exception.Message);
            }

            if (policy.TerminateProcesses)
            {
                var installed = receipt.Files.Where(f => !f.PreExisted).Select(f => f.Path).ToList();
                var ended = await processTerminator.TerminateAsync(installed, processNames ?? [], cancellationToken);
                if (ended.Count > 0)
                {
                    progress.Report(new EngineProgress(JobPhase.Uninstalling, 0,
                        $"Terminated {ended.Count} running process(es) of {receipt.Name}: {string.Join(", ", ended)}",
                        JobEventLevel.Warning, EventType.ProcessTermination));
                }
            }

            return await ApplyAsync(receipt, policy, scripts, title, progress, jobId ?? Guid.NewGuid(), cancellationToken);
        }
    }

    private async Task<EngineResult> ApplyAsync(
        Receipt receipt,
        UninstallPolicy policy,
        List<(ApplicationScript Script, string Body)> scripts,
        string title,
        IProgress<EngineProgress> progress,
        Guid jobId,
        CancellationToken cancellationToken)
    {
        var journal = Journal.Begin(state, jobId, JournalOperation.Uninstall, receipt.Name, receipt.Roots);
        var runner = new ScriptRunner(Path.Combine(journal.Directory, "scripts"));
        try
        {
            foreach (var (script, body) in scripts.Where(s => s.Script.Stage == ScriptStage.PreUninstall))
            {
                await runner.RunAsync(script, body, progress, cancellationToken);
            }

            new UninstallApplier(journal, policy, progress).Apply(receipt, cancellationToken);
            foreach (var (script, body) in scripts.Where(s => s.Script.Stage == ScriptStage.PostUninstall))
            {
                await runner.RunAsync(script, body, progress, cancellationToken);
            }

            cancellationToken.ThrowIfCancellationRequested();
            journal.Append(new JournalEntry { Kind = JournalEntryKind.Commit, Name = receipt.Name });
            journal.Dispose();
            JournalRollback.Resolve(state, journal.Directory);
            progress.Report(new EngineProgress(JobPhase.Uninstalling, 100, $"Uninstalled {title}"));
            return new EngineResult(EngineOutcome.Succeeded, $"Uninstalled {title}.", receipt);
        }
        catch (Exception exception)
        {
            journal.Dispose();
            var reason = EngineFailureException.Describe(exception);
            progress.Report(new EngineProgress(JobPhase.RollingBack, 0, $"Rolling back the uninstall of {title}: {reason}", JobEventLevel.Warning));
            try
            {
                if (JournalRollback.Resolve(state, journal.Directory, progress))
                {
                    return new EngineResult(EngineOutcome.Succeeded, $"Uninstalled {title}.", receipt);
                }
            }
            catch (Exception rollbackFailure)
            {
                return new EngineResult(EngineOutcome.Failed,
                    $"The uninstall of {title} failed ({reason}) and its rollback stopped: {rollbackFailure.Message}. It is retried at the next start.");
            }

            return new EngineResult(EngineOutcome.RolledBack, $"The uninstall of {title} failed and was rolled back: {reason}");
        }
        finally
        {
            journal.Dispose();
        }
    }
}
