using Catalog.Applications;
using Catalog.Jobs;
using Catalog.Packaging;
using ClientAgent.Platform;

namespace ClientAgent.Engine;

/// <summary>
/// Undoes a receipt through a journal. A file is removed only when the install created it, its copy attribute is in
/// <see cref="UninstallPolicy.RemovableCopyAttributes"/> and it is unchanged since (same SHA-256) unless
/// <see cref="UninstallPolicy.RemoveChangedFiles"/>; an overwritten file gets its backup back under the same rules.
/// Settings follow <see cref="UninstallPolicy.RemovableSettingAttributes"/>: a created key is removed (and a section the
/// install created, once empty), an overwritten or deleted value is restored, a value changed since install is kept.
/// Shortcuts and environment files go, deleted items come back, created directories go when empty.
/// Nothing is done through a symbolic link below the install roots the receipt recorded (<see cref="PathGuard"/>):
/// such an item is kept and reported, as is a directory that still holds anything the install did not create.
/// A backed-up link comes back as the same link.
/// </summary>
internal sealed class UninstallApplier(Journal journal, UninstallPolicy policy, IProgress<EngineProgress> progress)
{
    private PathGuard _guard = new([]);

    public void Apply(Receipt receipt, CancellationToken cancellationToken)
    {
        _guard = new PathGuard(receipt.Roots);
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
            if (Linked(directory, includeLast: true) || !Directory.Exists(directory))
            {
                continue;
            }

            var others = Directory.EnumerateFileSystemEntries(directory).Take(4).Select(Path.GetFileName).ToList();
            if (others.Count > 0)
            {
                Kept($"Kept {directory}: it holds items the install did not create ({string.Join(", ", others.Take(3))}{(others.Count > 3 ? ", ..." : "")})");
                continue;
            }

            journal.RecordRemovedDirectory(directory);
            Directory.Delete(directory, recursive: false);
        }
    }

    /// <summary>True (and reported) when a link below the install root stands between the uninstall and <paramref name="path"/>.</summary>
    private bool Linked(string path, bool includeLast)
    {
        if (_guard.FindLink(path, includeLast) is not { } link)
        {
            return false;
        }

        Kept($"Kept {path}: {link} is a symbolic link the install did not create, and uninstall does not follow links");
        return true;
    }

    private void Kept(string message) =>
        progress.Report(new EngineProgress(JobPhase.Uninstalling, 0, message, JobEventLevel.Warning));

    private void RemoveOrRestore(ReceiptFile file, bool alwaysRemovable)
    {
        if (Linked(file.Path, includeLast: false)
            || !NoFollow.Exists(file.Path) || (!alwaysRemovable && !policy.RemovableCopyAttributes.Contains(file.Attribute)))
        {
            return;
        }

        if (!NoFollow.IsRealFile(file.Path))
        {
            Kept($"Kept {file.Path}: it is no longer the file the install wrote");
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
        if (FileOperations.Exists(path) || !FileOperations.Exists(backup) || Linked(path, includeLast: false))
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
            FileOperations.CopyBack(backup, path);
        }
    }

    private void RevertSettings(Receipt receipt)
    {
        foreach (var group in receipt.Settings.Reverse().GroupBy(s => s.File, StringComparer.Ordinal))
        {
            var path = group.Key;
            if (Linked(path, includeLast: true) || !NoFollow.IsRealFile(path))
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
