using Catalog.Applications;
using Catalog.Jobs;
using Catalog.Macros;
using Catalog.Packaging;
using ClientAgent.Platform;

namespace ClientAgent.Engine;

/// <summary>
/// Installs a package: OS check → prompted answers re-validated → free space re-checked → pre-install scripts →
/// every change applied through the journal → post-install scripts → receipt. Any failure after the first change
/// (exception, script exit code or timeout, cancellation) rolls everything back through the journal.
/// </summary>
public sealed class InstallEngine(AgentStateDirectory state, TimeProvider timeProvider, IShortcutWriter shortcutWriter)
{
    public InstallEngine(AgentStateDirectory state)
        : this(state, TimeProvider.System, new DesktopEntryShortcutWriter())
    {
    }

    public async Task<EngineResult> InstallAsync(InstallOptions options, IProgress<EngineProgress> progress, CancellationToken cancellationToken)
    {
        var manifest = options.Package.Manifest;
        var title = $"{manifest.Name} {manifest.Version}";
        InstallPlan plan;
        PathGuard guard;
        var (engineLock, failure) = await InstallPreflight.CheckAndLockAsync(options, state, $"The install of {title}", progress, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        using (engineLock)
        {
            new RecoveryService(state).RecoverWhileLocked(CancellationToken.None);
            try
            {
                if (new ReceiptStore(state).Get(manifest.Name) is { } existing)
                {
                    throw new EngineFailureException($"{existing.Name} {existing.Version} is already installed; uninstall it first.");
                }

                var definitions = EngineMacros.Definitions(options.Macros, options.Answers, options.MacroOverrides);
                var special = EngineMacros.Special(state, options.MacroOverrides);
                var usedInPaths = PathMacroAnalysis.MacrosUsedIn(PackagePathTemplates.Of(manifest), definitions);
                InstallPreflight.CheckAnswers(definitions, options.Answers, EngineMacros.Machine(special), usedInPaths);
                var macros = EngineMacros.Build(state, options.Macros, options.Answers, options.MacroOverrides);
                var folderParents = InstallPreflight.CheckFolders(definitions, macros);
                guard = new PathGuard(special.Values.Concat(folderParents));
                plan = InstallPlan.Create(manifest, options.ExtraScripts, macros, shortcutWriter);
                InstallPreflight.CheckLinks(plan, guard);
                InstallPreflight.CheckFreeSpace(plan, options.FreeSpaceMarginBytes);
            }
            catch (EngineFailureException exception)
            {
                return new EngineResult(EngineOutcome.Failed, exception.Message);
            }

            return await ApplyAsync(options, plan, guard, title, progress, cancellationToken);
        }
    }

    private async Task<EngineResult> ApplyAsync(
        InstallOptions options, InstallPlan plan, PathGuard guard, string title, IProgress<EngineProgress> progress, CancellationToken cancellationToken)
    {
        var journal = Journal.Begin(state, options.JobId, JournalOperation.Install, plan.Manifest.Name, guard.Roots);
        var scripts = new ScriptRunner(Path.Combine(journal.Directory, "scripts"));
        try
        {
            foreach (var (script, body) in plan.ScriptsFor(ScriptStage.PreInstall))
            {
                await scripts.RunAsync(script, body, progress, cancellationToken);
            }

            var applier = new InstallApplier(options.Package, journal, guard, progress);
            await applier.ApplyAsync(plan, cancellationToken);
            foreach (var (script, body) in plan.ScriptsFor(ScriptStage.PostInstall))
            {
                await scripts.RunAsync(script, body, progress, cancellationToken);
            }

            cancellationToken.ThrowIfCancellationRequested();
            var receipt = Commit(options, plan, guard, journal, applier);
            progress.Report(new EngineProgress(JobPhase.Installing, 100, $"Installed {title}"));
            return new EngineResult(EngineOutcome.Succeeded, $"Installed {title}.", receipt);
        }
        catch (Exception exception)
        {
            journal.Dispose();
            var reason = EngineFailureException.Describe(exception);
            progress.Report(new EngineProgress(JobPhase.RollingBack, 0, $"Rolling back the install of {title}: {reason}", JobEventLevel.Warning));
            try
            {
                if (JournalRollback.Resolve(state, journal.Directory, progress))
                {
                    return new EngineResult(EngineOutcome.Succeeded, $"Installed {title}.", new ReceiptStore(state).Get(plan.Manifest.Name));
                }
            }
            catch (Exception rollbackFailure)
            {
                return new EngineResult(EngineOutcome.Failed,
                    $"The install of {title} failed ({reason}) and its rollback stopped: {rollbackFailure.Message}. It is retried at the next start.");
            }

            progress.Report(new EngineProgress(JobPhase.RollingBack, 100, $"Rolled back the install of {title}"));
            return new EngineResult(EngineOutcome.RolledBack, $"The install of {title} failed and was rolled back: {reason}");
        }
        finally
        {
            journal.Dispose();
        }
    }

    private Receipt Commit(InstallOptions options, InstallPlan plan, PathGuard guard, Journal journal, InstallApplier applier)
    {
        var receipts = new ReceiptStore(state);
        var backupDirectory = receipts.BackupDirectoryFor(plan.Manifest.Name);
        var moves = new List<BackupMove>();
        string? Keep(string? backup)
        {
            if (backup is null)
            {
                return null;
            }

            var kept = Path.Combine(backupDirectory, Path.GetFileName(backup));
            moves.Add(new BackupMove(backup, kept));
            return kept;
        }

        var receipt = new Receipt
        {
            Name = plan.Manifest.Name,
            Version = plan.Manifest.Version,
            Publisher = plan.Manifest.Publisher,
            ApplicationId = options.ApplicationId,
            JobId = options.JobId,
            InstalledAt = timeProvider.GetUtcNow(),
            Files = applier.Files.Select(f => f with { BackupPath = Keep(f.BackupPath) }).ToList(),
            DirectoriesCreated = applier.CreatedDirectories,
            Settings = applier.Settings,
            SettingFilesCreated = applier.SettingFilesCreated,
            EnvironmentFiles = applier.EnvironmentFiles.Select(f => f with { BackupPath = Keep(f.BackupPath) }).ToList(),
            Shortcuts = applier.Shortcuts.Select(f => f with { BackupPath = Keep(f.BackupPath) }).ToList(),
            Deletions = applier.Deletions.Select(d => d with { BackupPath = Keep(d.BackupPath)! }).ToList(),
            Links = applier.Links.Select(l => l with { BackupPath = Keep(l.BackupPath) }).ToList(),
            ModesChanged = applier.ModesChanged,
            SettingFilesEdited = applier.SettingFilesEdited.Select(f => f with { BackupPath = Keep(f.BackupPath) }).ToList(),
            Times = applier.Times,
            UninstallScripts = plan.Scripts
                .Where(s => s.Script.Stage is ScriptStage.PreUninstall or ScriptStage.PostUninstall && plan.Manifest.Scripts.Contains(s.Script))
                .Select(s => s.Script with { Body = s.Body })
                .ToList(),
            Roots = guard.Roots,
        };
        journal.Append(new JournalEntry { Kind = JournalEntryKind.Commit, Name = receipt.Name, Receipt = receipt, BackupMoves = moves });
        journal.Dispose();
        JournalRollback.Resolve(state, journal.Directory);
        return receipt;
    }
}
