using Catalog.Applications;
using Catalog.Jobs;
using Catalog.Macros;
using Catalog.Packaging;
using Catalog.Versioning;
using ClientAgent.Platform;

namespace ClientAgent.Engine;

/// <summary>
/// Installs a new version over the installed one (ZENworks' version upgrade): the same checks as an install, plus
/// the receipt it replaces must be the one the job names (application, name and version) and the version order must
/// be allowed (<see cref="UpgradeRules"/>, re-checked here because the portal's word is not enough for a root agent).
/// Then, in one journal: pre-install scripts → what only the old version had is removed (<see cref="UpgradeApplier"/>)
/// → the new version is applied (<see cref="InstallApplier"/>) → post-install scripts → one commit that writes the new
/// receipt. Any failure (or a crash) rolls the journal back: the old version's files and its receipt, exactly.
/// The old version's uninstall scripts do not run: the product stays installed.
/// </summary>
public sealed class UpgradeEngine(AgentStateDirectory state, TimeProvider timeProvider, IShortcutWriter shortcutWriter)
{
    public UpgradeEngine(AgentStateDirectory state)
        : this(state, TimeProvider.System, new DesktopEntryShortcutWriter())
    {
    }

    public async Task<EngineResult> UpgradeAsync(UpgradeOptions upgrade, IProgress<EngineProgress> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upgrade);
        var options = upgrade.Install;
        var manifest = options.Package.Manifest;
        var title = $"{manifest.Name} {manifest.Version}";
        var (engineLock, failure) = await InstallPreflight.CheckAndLockAsync(options, state, $"The update to {title}", progress, cancellationToken);
        if (failure is not null)
        {
            return failure;
        }

        using (engineLock)
        {
            new RecoveryService(state).RecoverWhileLocked(CancellationToken.None);
            Receipt old;
            InstallPlan plan;
            PathGuard guard;
            try
            {
                old = CheckReceipt(upgrade, manifest);
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

            return await ApplyAsync(options, old, plan, guard, title, progress, cancellationToken);
        }
    }

    /// <summary>The receipt to replace, after checking it is the one the job was made for.</summary>
    private Receipt CheckReceipt(UpgradeOptions upgrade, PackageManifest manifest)
    {
        var receipts = new ReceiptStore(state);
        var options = upgrade.Install;
        var expectedId = upgrade.FromApplicationId ?? options.ApplicationId;
        var old = (expectedId is { } id ? receipts.Get(id.ToString("D")) : null) ?? receipts.Get(manifest.Name)
            ?? throw new EngineFailureException($"{manifest.Name} is not installed on this machine, so there is nothing to update; install it instead.");
        if (old.ApplicationId is { } installedId && expectedId is { } jobId && installedId != jobId)
        {
            throw new EngineFailureException(
                $"The installed {old.Name} belongs to another catalog application ({installedId}) than this update ({jobId}); nothing was changed.");
        }

        if (!string.Equals(old.Name.Trim(), manifest.Name.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            throw new EngineFailureException(
                $"The package is {manifest.Name}, but the installed application is {old.Name}; an update must be the same product. Nothing was changed.");
        }

        if (!string.Equals(old.Version.Trim(), upgrade.FromVersion.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            throw new EngineFailureException(
                $"{old.Name} {old.Version} is installed, but this update was made for version {upgrade.FromVersion}; nothing was changed. Refresh the catalog and update again.");
        }

        if (upgrade.ToVersion is { } to && !string.Equals(to.Trim(), manifest.Version.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            throw new EngineFailureException(
                $"The package holds {manifest.Name} {manifest.Version}, but the job is for version {to}; nothing was changed.");
        }

        var decision = UpgradeRules.Decide(old.Name, old.Version, manifest.Version, upgrade.AllowDowngrade);
        return decision.IsAllowed ? old : throw new EngineFailureException(decision.Refusal! + " Nothing was changed.");
    }

    private async Task<EngineResult> ApplyAsync(
        InstallOptions options, Receipt old, InstallPlan plan, PathGuard guard, string title, IProgress<EngineProgress> progress,
        CancellationToken cancellationToken)
    {
        var roots = guard.Roots.Concat(old.Roots).Distinct(StringComparer.Ordinal).ToList();
        var journal = Journal.Begin(state, options.JobId, JournalOperation.Upgrade, plan.Manifest.Name, roots);
        var scripts = new ScriptRunner(Path.Combine(journal.Directory, "scripts"));
        try
        {
            journal.RecordStamps(UpgradeApplier.Touched(old, plan));
            progress.Report(new EngineProgress(JobPhase.Installing, 0, $"Updating {old.Name} {old.Version} to {plan.Manifest.Version}"));
            foreach (var (script, body) in plan.ScriptsFor(ScriptStage.PreInstall))
            {
                await scripts.RunAsync(script, body, progress, cancellationToken);
            }

            var upgrader = new UpgradeApplier(journal, progress);
            upgrader.RemoveOldOnly(old, plan, cancellationToken);
            var applier = new InstallApplier(options.Package, journal, guard, progress);
            applier.KeepLinksInPlace(upgrader.LinksKeptInPlace);
            await applier.ApplyAsync(plan, cancellationToken);
            foreach (var (script, body) in plan.ScriptsFor(ScriptStage.PostInstall))
            {
                await scripts.RunAsync(script, body, progress, cancellationToken);
            }

            cancellationToken.ThrowIfCancellationRequested();
            var receipt = Commit(options, old, plan, guard, journal, applier, upgrader.LeftInPlace);
            progress.Report(new EngineProgress(JobPhase.Installing, 100, $"Updated {old.Name} {old.Version} to {plan.Manifest.Version}"));
            return new EngineResult(EngineOutcome.Succeeded, $"Updated {old.Name} from {old.Version} to {plan.Manifest.Version}.", receipt);
        }
        catch (Exception exception)
        {
            journal.Dispose();
            var reason = EngineFailureException.Describe(exception);
            progress.Report(new EngineProgress(JobPhase.RollingBack, 0, $"Rolling back the update to {title}: {reason}", JobEventLevel.Warning));
            try
            {
                if (JournalRollback.Resolve(state, journal.Directory, progress))
                {
                    return new EngineResult(EngineOutcome.Succeeded, $"Updated {old.Name} from {old.Version} to {plan.Manifest.Version}.",
                        new ReceiptStore(state).Get(plan.Manifest.Name));
                }
            }
            catch (Exception rollbackFailure)
            {
                return new EngineResult(EngineOutcome.Failed,
                    $"The update to {title} failed ({reason}) and its rollback stopped: {rollbackFailure.Message}. It is retried at the next start.");
            }

            progress.Report(new EngineProgress(JobPhase.RollingBack, 100, $"Rolled back to {old.Name} {old.Version}"));
            return new EngineResult(EngineOutcome.RolledBack,
                $"The update to {title} failed and was rolled back; {old.Name} {old.Version} is installed as before: {reason}");
        }
        finally
        {
            journal.Dispose();
        }
    }

    /// <summary>
    /// One commit line: the merged receipt, the backups to keep (new ones from the journal, the first version's
    /// originals from the old backup directories) in a directory of this job, and the old directories to delete.
    /// </summary>
    private Receipt Commit(
        InstallOptions options, Receipt old, InstallPlan plan, PathGuard guard, Journal journal, InstallApplier applier, IReadOnlyList<ReceiptFile> leftInPlace)
    {
        var receipts = new ReceiptStore(state);
        var receiptDirectory = Path.GetDirectoryName(receipts.BackupDirectoryFor(plan.Manifest.Name))!;
        var backupDirectory = Path.Combine(receiptDirectory, $"backup-{options.JobId:N}");
        var moves = new List<BackupMove>();
        string? Keep(string? backup, string prefix)
        {
            if (backup is null)
            {
                return null;
            }

            var kept = Path.Combine(backupDirectory, prefix + Path.GetFileName(backup));
            moves.Add(new BackupMove(backup, kept));
            return kept;
        }

        var oldBackups = UpgradeApplier.OldBackups(old);
        var installed = new Receipt
        {
            Name = plan.Manifest.Name,
            Version = plan.Manifest.Version,
            Publisher = plan.Manifest.Publisher,
            ApplicationId = options.ApplicationId ?? old.ApplicationId,
            JobId = options.JobId,
            InstalledAt = timeProvider.GetUtcNow(),
            Files = applier.Files.Select(f => f with { BackupPath = Keep(f.BackupPath, "") }).ToList(),
            DirectoriesCreated = applier.CreatedDirectories,
            Settings = applier.Settings,
            SettingFilesCreated = applier.SettingFilesCreated,
            EnvironmentFiles = applier.EnvironmentFiles.Select(f => f with { BackupPath = Keep(f.BackupPath, "") }).ToList(),
            Shortcuts = applier.Shortcuts.Select(f => f with { BackupPath = Keep(f.BackupPath, "") }).ToList(),
            Deletions = applier.Deletions.Select(d => d with { BackupPath = Keep(d.BackupPath, "")! }).ToList(),
            // A link kept in place still points at the old receipt's original: that one is inherited below.
            Links = applier.Links.Select(l => oldBackups.Contains(l.BackupPath ?? "") ? l : l with { BackupPath = Keep(l.BackupPath, "") }).ToList(),
            ModesChanged = applier.ModesChanged,
            SettingFilesEdited = applier.SettingFilesEdited.Select(f => f with { BackupPath = Keep(f.BackupPath, "") }).ToList(),
            Times = applier.Times,
            UninstallScripts = plan.Scripts
                .Where(s => s.Script.Stage is ScriptStage.PreUninstall or ScriptStage.PostUninstall && plan.Manifest.Scripts.Contains(s.Script))
                .Select(s => s.Script with { Body = s.Body })
                .ToList(),
            Roots = guard.Roots,
        };

        // The merge puts the first version's originals back on the files both versions claim; those move too.
        var merged = UpgradeApplier.MergeReceipt(old, installed, plan, leftInPlace);
        var inherited = UpgradeApplier.InheritedBackups(old, merged)
            .Distinct(StringComparer.Ordinal)
            .Select((path, index) => (From: path, To: Path.Combine(backupDirectory, $"original-{index:D6}")))
            .ToDictionary(p => p.From, p => p.To, StringComparer.Ordinal);
        moves.AddRange(inherited.Select(p => new BackupMove(p.Key, p.Value)));
        var receipt = merged with
        {
            Files = [.. merged.Files.Select(f => f.BackupPath is { } b && inherited.TryGetValue(b, out var to) ? f with { BackupPath = to } : f)],
            Links = [.. merged.Links.Select(l => l.BackupPath is { } b && inherited.TryGetValue(b, out var to) ? l with { BackupPath = to } : l)],
        };
        var obsolete = Directory.Exists(receiptDirectory)
            ? Directory.EnumerateDirectories(receiptDirectory).Where(d => !string.Equals(d, backupDirectory, StringComparison.Ordinal)).ToList()
            : [];
        journal.Append(new JournalEntry
        {
            Kind = JournalEntryKind.Commit,
            Name = receipt.Name,
            Receipt = receipt,
            BackupMoves = moves,
            DeleteAfterCommit = obsolete,
        });
        journal.Dispose();
        JournalRollback.Resolve(state, journal.Directory);
        return receipt;
    }
}
