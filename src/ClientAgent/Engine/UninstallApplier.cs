using Catalog.Applications;
using Catalog.Jobs;
using Catalog.Packaging;

namespace ClientAgent.Engine;

/// <summary>
/// Undoes a receipt through a journal. A file is removed only when the install created it, its copy attribute is in
/// <see cref="UninstallPolicy.RemovableCopyAttributes"/> and it is unchanged since (same SHA-256) unless
/// <see cref="UninstallPolicy.RemoveChangedFiles"/>; an overwritten file gets its backup back under the same rules.
/// Settings follow <see cref="UninstallPolicy.RemovableSettingAttributes"/>: a created key is removed (and a section the
/// install created, once empty), an overwritten or deleted value is restored, a value changed since install is kept.
/// Shortcuts and environment files go, deleted items come back, created directories go when empty.
/// </summary>
internal sealed class UninstallApplier(Journal journal, UninstallPolicy policy, IProgress<EngineProgress> progress)
{
    public void Apply(Receipt receipt, CancellationToken cancellationToken)
    {
        var total = Math.Max(1, receipt.Files.Count + receipt.Shortcuts.Count + receipt.EnvironmentFiles.Count);
        var done = 0;
        foreach (var file in receipt.Shortcuts.Concat(receipt.EnvironmentFiles).Reverse())
        {
            RemoveOrRestore(file, alwaysRemovable: true);
        }

        foreach (var file in receipt.Files.Reverse())
        {
            cancellationToken.ThrowIfCancellationRequested();
            RemoveOrRestore(file, alwaysRemovable: false);
            if (++done % 200 == 0)
            {
                progress.Report(new EngineProgress(JobPhase.Uninstalling, 100 * done / total, $"Removed {done} of {total} files"));
            }
        }

        RevertSettings(receipt);
        foreach (var deletion in receipt.Deletions.Reverse())
        {
            Restore(deletion.BackupPath, deletion.Path, deletion.IsDirectory);
        }

        foreach (var directory in receipt.DirectoriesCreated.Reverse())
        {
            if (Directory.Exists(directory) && !Directory.EnumerateFileSystemEntries(directory).Any())
            {
                journal.RecordRemovedDirectory(directory);
                Directory.Delete(directory);
            }
        }
    }

    private void RemoveOrRestore(ReceiptFile file, bool alwaysRemovable)
    {
        if (!File.Exists(file.Path) || (!alwaysRemovable && !policy.RemovableCopyAttributes.Contains(file.Attribute)))
        {
            return;
        }

        if (!policy.RemoveChangedFiles && !string.Equals(FileHashing.Sha256Of(file.Path), file.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            progress.Report(new EngineProgress(JobPhase.Uninstalling, 0, $"Kept {file.Path}: it changed after the install", JobEventLevel.Warning));
            return;
        }

        journal.MoveAway(file.Path);
        if (file.PreExisted && file.BackupPath is { } backup)
        {
            Restore(backup, file.Path, isDirectory: false);
        }
    }

    /// <summary>Copies a kept backup back to where it came from (the receipt's copy stays until commit).</summary>
    private void Restore(string backup, string path, bool isDirectory)
    {
        if (FileOperations.Exists(path) || !FileOperations.Exists(backup))
        {
            return;
        }

        if (isDirectory)
        {
            journal.RecordCreatedDirectories([path]);
            FileOperations.CopyDirectory(backup, path);
        }
        else
        {
            journal.RecordCreatedFiles([path]);
            File.Copy(backup, path);
        }
    }

    private void RevertSettings(Receipt receipt)
    {
        foreach (var group in receipt.Settings.Reverse().GroupBy(s => s.File, StringComparer.Ordinal))
        {
            var path = group.Key;
            if (!File.Exists(path))
            {
                continue;
            }

            var ini = IniFile.Parse(File.ReadAllText(path));
            var changed = false;
            foreach (var setting in group.Where(s => policy.RemovableSettingAttributes.Contains(s.Attribute)))
            {
                var current = ini.Get(setting.Section, setting.Key);
                if (current != setting.Value && !policy.RemoveChangedFiles)
                {
                    progress.Report(new EngineProgress(JobPhase.Uninstalling, 0,
                        $"Kept [{setting.Section}] {setting.Key} in {path}: it changed after the install", JobEventLevel.Warning));
                    continue;
                }

                if (setting.PreviousValue is { } previous)
                {
                    ini.Set(setting.Section, setting.Key, previous);
                }
                else
                {
                    ini.Remove(setting.Section, setting.Key);
                    if (setting.SectionCreated)
                    {
                        ini.RemoveSectionIfEmpty(setting.Section);
                    }
                }

                changed = true;
            }

            if (!changed)
            {
                continue;
            }

            if (ini.IsEmpty && receipt.SettingFilesCreated.Contains(path))
            {
                journal.MoveAway(path);
            }
            else
            {
                journal.CopyToBackup(path);
                ini.Save(path);
            }
        }
    }
}
