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

        foreach (var link in receipt.Links.Reverse())
        {
            RemoveLink(link);
        }

        var restoredWhole = RestoreSettingFiles(receipt);
        RevertSettings(receipt, restoredWhole);
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

        // After the created directories are gone, so an item whose type the install changed (a file that became a
        // directory) finds its place free again.
        foreach (var deletion in receipt.Deletions.Reverse())
        {
            Restore(deletion.BackupPath, deletion.Path, deletion.IsDirectory);
        }

        foreach (var mode in receipt.ModesChanged)
        {
            if (!OperatingSystem.IsWindows() && !Linked(mode.Path, includeLast: true) && NoFollow.IsRealDirectory(mode.Path))
            {
                File.SetUnixFileMode(mode.Path, (UnixFileMode)mode.PreviousMode);
            }
        }

        RestoreTimes(receipt.Times);
    }

    /// <summary>
    /// Puts back the last-write times the touched directories and edited files had before the install — a file's only
    /// when its content is back to what it was, a directory's always (its entries are back).
    /// </summary>
    private void RestoreTimes(IReadOnlyList<ReceiptTime> times)
    {
        foreach (var time in times)
        {
            if (Linked(time.Path, includeLast: true) || UnixFiles.Status(time.Path) is not { } status)
            {
                continue;
            }

            var restorable = time.Sha256 is null
                ? status.Type == UnixFileType.Directory
                : status.Type == UnixFileType.Regular && string.Equals(FileHashing.Sha256Of(time.Path), time.Sha256, StringComparison.OrdinalIgnoreCase);
            if (restorable)
            {
                UnixFiles.SetModifiedTime(time.Path, new DateTime(time.ModifiedTicks, DateTimeKind.Utc));
            }
        }
    }

    /// <summary>Removes a link the install created, only while it is still that link (same text); puts back what it replaced.</summary>
    private void RemoveLink(ReceiptLink link)
    {
        if (Linked(link.Path, includeLast: false) || !NoFollow.Exists(link.Path))
        {
            return;
        }

        if (new FileInfo(link.Path).LinkTarget != link.LinkTarget)
        {
            Kept($"Kept {link.Path}: it is no longer the link the install created (-> {link.LinkTarget})");
            return;
        }

        journal.MoveAway(link.Path);
        if (link.BackupPath is { } backup)
        {
            Restore(backup, link.Path, isDirectory: NoFollow.IsRealDirectory(backup));
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

    /// <summary>
    /// Puts back the pre-install copy of each edited setting file that is still exactly as the install left it (so
    /// order, comments, BOM and time come back byte for byte), when the policy reverts all its settings.
    /// </summary>
    private HashSet<string> RestoreSettingFiles(Receipt receipt)
    {
        var restored = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in receipt.SettingFilesEdited)
        {
            var allRevertible = receipt.Settings.Where(s => s.File == file.Path).All(s => policy.RemovableSettingAttributes.Contains(s.Attribute));
            if (!allRevertible || file.BackupPath is not { } backup || !NoFollow.IsRealFile(backup)
                || Linked(file.Path, includeLast: true) || !NoFollow.IsRealFile(file.Path)
                || !string.Equals(FileHashing.Sha256Of(file.Path), file.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            journal.MoveAway(file.Path);
            Restore(backup, file.Path, isDirectory: false);
            restored.Add(file.Path);
        }

        return restored;
    }

    private void RevertSettings(Receipt receipt, HashSet<string> restoredWhole)
    {
        foreach (var group in receipt.Settings.Reverse().GroupBy(s => s.File, StringComparer.Ordinal))
        {
            var path = group.Key;
            if (restoredWhole.Contains(path) || Linked(path, includeLast: true) || !NoFollow.IsRealFile(path))
            {
                continue;
            }

            var ini = IniFile.Load(path);
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
