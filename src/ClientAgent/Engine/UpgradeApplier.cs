using Catalog.Applications;
using Catalog.Packaging;
using ClientAgent.Platform;

namespace ClientAgent.Engine;

/// <summary>
/// The two halves of an in-place upgrade inside one journal, around <see cref="InstallApplier"/>:
/// <see cref="RemoveOldOnly"/> takes away what only the old version had (before the new version is applied), and
/// <see cref="MergeReceipt"/> writes the new version's receipt so that uninstalling it later restores the machine as
/// it was before the first version.
/// <list type="bullet">
/// <item>A file only the old version had is removed when unchanged since it was installed (a changed one is kept and
/// reported); a file it had overwritten gets its original back.</item>
/// <item>A file both versions ship is replaced like a fresh install would write it; only when the user changed it does
/// the new package's copy attribute decide (<c>IfNotExists</c> keeps the user's copy, <c>Always</c> replaces it, ...),
/// and its receipt entry keeps the original that was there before the first version.</item>
/// <item>Every setting the old version made goes back to its value before the first version (unless the user changed
/// it since), then the new version's settings apply: settings move to the new values and remember the first original.</item>
/// <item>Shortcuts, environment files and deletions of the old version are undone, then redone by the new one.</item>
/// </list>
/// Nothing here writes the receipt: the commit does, so a failure or crash rolls back to the exact old receipt.
/// </summary>
internal sealed class UpgradeApplier(Journal journal, IProgress<EngineProgress> progress)
{
    /// <summary>An upgrade removes what the old version created whatever its copy attribute: that version is going away.</summary>
    private static readonly UninstallPolicy RemoveOldVersion = new()
    {
        RemoveChangedFiles = false,
        RemovableCopyAttributes = Enum.GetValues<CopyAttribute>(),
        RemovableSettingAttributes = Enum.GetValues<SettingAttribute>(),
    };

    /// <summary>
    /// The old version's files the user changed that the new version ships too: left in place for the new package's
    /// copy attribute to decide (set by <see cref="RemoveOldOnly"/>).
    /// </summary>
    public IReadOnlyList<ReceiptFile> LeftInPlace { get; private set; } = [];

    /// <summary>
    /// The old version's links the new version ships with the same text and that are still exactly that link: left
    /// alone (not removed and recreated), their receipt entries carried over with the original they replaced.
    /// </summary>
    public IReadOnlyList<ReceiptLink> LinksKeptInPlace { get; private set; } = [];

    /// <summary>
    /// Undoes the old version except the files the user changed that the new version also ships: unchanged files go
    /// (their originals come back) and are written afresh by the new version, so an upgrade leaves what a fresh
    /// install would.
    /// </summary>
    public void RemoveOldOnly(Receipt old, InstallPlan plan, CancellationToken cancellationToken)
    {
        var shipped = Shipped(plan);
        LeftInPlace = [.. old.Files.Where(f => shipped.Contains(f.Path) && ChangedSinceInstall(f))];
        var leftPaths = LeftInPlace.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var wanted = plan.Links.ToDictionary(l => l.Path, l => l.LinkTarget, StringComparer.Ordinal);
        LinksKeptInPlace = [.. old.Links.Where(l => wanted.TryGetValue(l.Path, out var text) && text == l.LinkTarget && StillTheLink(l))];
        var keptLinks = LinksKeptInPlace.Select(l => l.Path).ToHashSet(StringComparer.Ordinal);
        var partial = old with
        {
            Files = [.. old.Files.Where(f => !leftPaths.Contains(f.Path))],
            Links = [.. old.Links.Where(l => !keptLinks.Contains(l.Path))],
            DirectoriesCreated = [.. old.DirectoriesCreated.Where(d => !HoldsAny(d, plan))],
        };
        new UninstallApplier(journal, RemoveOldVersion, progress).Apply(partial, cancellationToken);
    }

    /// <summary>
    /// The new receipt: <paramref name="installed"/> (what <see cref="InstallApplier"/> collected, backups already
    /// pointing where the commit keeps them) where each file left in place keeps the old receipt's original (what was
    /// there before the first version) and stays claimed even when the new package's copy attribute kept the user's
    /// copy; directories the old version created that are still in use stay listed.
    /// </summary>
    public static Receipt MergeReceipt(Receipt old, Receipt installed, InstallPlan plan, IReadOnlyList<ReceiptFile> leftInPlace)
    {
        var left = leftInPlace.ToDictionary(f => f.Path, StringComparer.Ordinal);
        var written = installed.Files.Select(f => left.TryGetValue(f.Path, out var before)
            ? f with { PreExisted = before.PreExisted, BackupPath = before.BackupPath }
            : f).ToList();
        var writtenPaths = written.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var keptInPlace = leftInPlace.Where(f => !writtenPaths.Contains(f.Path) && File.Exists(f.Path));
        var directories = installed.DirectoriesCreated
            .Concat(old.DirectoriesCreated.Where(d => HoldsAny(d, plan) && Directory.Exists(d)))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(d => d.Length)
            .ThenBy(d => d, StringComparer.Ordinal)
            .ToList();
        var created = directories.ToHashSet(StringComparer.Ordinal);
        return installed with
        {
            Files = [.. keptInPlace.Concat(written)],
            DirectoriesCreated = directories,
            // What the first version found (modes, times) wins: removing the old version put it back before the new
            // version recorded its own, so both agree except on items the new version does not touch any more, and
            // uninstalling the new version must still leave those as they were before the first version.
            ModesChanged = [.. old.ModesChanged.Concat(installed.ModesChanged)
                .Where(m => !created.Contains(m.Path))
                .DistinctBy(m => m.Path, StringComparer.Ordinal)],
            Times = [.. old.Times.Concat(installed.Times)
                .Where(t => !created.Contains(t.Path))
                .DistinctBy(t => t.Path, StringComparer.Ordinal)],
            Roots = [.. installed.Roots.Concat(old.Roots).Distinct(StringComparer.Ordinal)],
        };
    }

    /// <summary>The paths of the old receipt's originals (backups) that the merged receipt still needs.</summary>
    public static IReadOnlyList<string> InheritedBackups(Receipt old, Receipt merged)
    {
        var oldBackups = OldBackups(old);
        return [.. merged.Files.Select(f => f.BackupPath).Concat(merged.Links.Select(l => l.BackupPath)).OfType<string>().Where(oldBackups.Contains)];
    }

    /// <summary>Where the old receipt keeps the originals of its files and links.</summary>
    public static HashSet<string> OldBackups(Receipt old) =>
        old.Files.Select(f => f.BackupPath).Concat(old.Links.Select(l => l.BackupPath)).OfType<string>().ToHashSet(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="link"/> is still the link the old version created (same text, not replaced).</summary>
    private static bool StillTheLink(ReceiptLink link) =>
        NoFollow.IsLink(link.Path) && new FileInfo(link.Path).LinkTarget == link.LinkTarget;

    /// <summary>
    /// Every existing directory or file whose mode or last-write time the upgrade may change: the directories holding
    /// what either version names (up to the first that exists), the directories themselves, and the files edited in
    /// place (settings). Payload files need no record: they are moved aside and back, which keeps their times.
    /// Recorded in the journal before anything changes, so a rollback leaves the old version's tree exactly.
    /// </summary>
    public static IEnumerable<string> Touched(Receipt old, InstallPlan plan)
    {
        var themselves = old.DirectoriesCreated
            .Concat(old.SettingFilesEdited.Select(f => f.Path))
            .Concat(old.SettingFilesCreated)
            .Concat(old.Settings.Select(s => s.File))
            .Concat(old.ModesChanged.Select(m => m.Path))
            .Concat(old.Times.Select(t => t.Path))
            .Concat(plan.Directories.Select(d => d.Path))
            .Concat(plan.Settings.Select(s => s.File));
        var inside = old.Files.Select(f => f.Path)
            .Concat(old.Links.Select(l => l.Path))
            .Concat(old.Shortcuts.Concat(old.EnvironmentFiles).Select(f => f.Path))
            .Concat(old.Deletions.Select(d => d.Path))
            .Concat(plan.Files.Select(f => f.Target))
            .Concat(plan.Links.Select(l => l.Path))
            .Concat(plan.Shortcuts.Select(s => s.Path))
            .Concat(plan.EnvironmentFile is { } environment ? [environment.Path] : [])
            .Concat(plan.Deletions);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in themselves.Where(seen.Add))
        {
            yield return item;
        }

        foreach (var item in themselves.Concat(inside))
        {
            // Up to the first directory that exists: creating the missing ones below it changes its time.
            for (var parent = Path.GetDirectoryName(item); parent is not null && seen.Add(parent); parent = Path.GetDirectoryName(parent))
            {
                yield return parent;
                if (NoFollow.IsRealDirectory(parent))
                {
                    break;
                }
            }
        }
    }

    /// <summary>A regular file whose content is no longer what the old version wrote.</summary>
    private static bool ChangedSinceInstall(ReceiptFile file) =>
        NoFollow.IsRealFile(file.Path)
        && !string.Equals(FileHashing.Sha256Of(file.Path), file.Sha256, StringComparison.OrdinalIgnoreCase);

    private static HashSet<string> Shipped(InstallPlan plan) =>
        plan.Files.Select(f => f.Target).ToHashSet(StringComparer.Ordinal);

    /// <summary>Whether the new plan puts a file or directory at or below <paramref name="directory"/>.</summary>
    private static bool HoldsAny(string directory, InstallPlan plan)
    {
        var prefix = Path.TrimEndingDirectorySeparator(directory) + Path.DirectorySeparatorChar;
        return plan.Files.Any(f => f.Target.StartsWith(prefix, StringComparison.Ordinal))
            || plan.Links.Any(l => l.Path.StartsWith(prefix, StringComparison.Ordinal))
            || plan.Directories.Any(d => d.Path == directory || d.Path.StartsWith(prefix, StringComparison.Ordinal));
    }
}
