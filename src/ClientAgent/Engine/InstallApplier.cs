using System.Buffers;
using System.Security.Cryptography;
using Catalog.Jobs;
using Catalog.Packaging;
using ClientAgent.Platform;

namespace ClientAgent.Engine;

/// <summary>
/// Applies an <see cref="InstallPlan"/> through a <see cref="Journal"/> and collects what the receipt must list.
/// Copy attributes: <c>Always</c> overwrites (the old file is moved to the backup first); <c>IfNotExists</c> copies
/// only to a missing target; <c>IfNewer</c> copies when the target is missing or its last-write time (UTC) is older
/// than the package file's <see cref="PackageFile.ModifiedAt"/> (or, when absent, the manifest's <c>CreatedAt</c>);
/// <c>IfExists</c> only overwrites an existing target; <c>IfDifferent</c> copies when the target is missing or its
/// SHA-256 differs. A skipped file is not claimed by the receipt.
/// No write goes through a symbolic link below the install roots (<see cref="PathGuard"/>). A link found at a target
/// itself is never followed: <c>IfNotExists</c> keeps it, every other attribute moves the link (as a link) into the
/// backup and writes a regular file in its place, so a dangling link does not fail the install and rollback or
/// uninstall puts the link back. Files are created with <c>O_EXCL</c> semantics (<see cref="FileMode.CreateNew"/>),
/// which fails rather than follow a link planted after the check. Package modes lose setuid, setgid, sticky and
/// world-writable bits (<see cref="SafeMode"/>).
/// </summary>
internal sealed class InstallApplier(IPackageContent package, Journal journal, PathGuard guard, IProgress<EngineProgress> progress)
{
    /// <summary>The permission bits a package may set: rwx for owner, group and others, minus world-writable.</summary>
    public const int AllowedModeBits = 0b111_111_101;

    private const int BatchSize = 4096;
    private const int BufferSize = 1024 * 1024;

    private readonly Dictionary<string, ReceiptFile> _files = new(StringComparer.Ordinal);
    private readonly List<string> _createdDirectories = [];
    private readonly List<ReceiptSetting> _settings = [];
    private readonly List<string> _settingFilesCreated = [];
    private readonly List<ReceiptFile> _environmentFiles = [];
    private readonly List<ReceiptFile> _shortcuts = [];
    private readonly List<ReceiptDeletion> _deletions = [];
    private readonly List<ReceiptLink> _links = [];
    private readonly List<ReceiptFile> _settingFilesEdited = [];
    private readonly List<ReceiptMode> _modes = [];
    private readonly Dictionary<string, ReceiptTime> _times = new(StringComparer.Ordinal);
    private readonly HashSet<string> _created = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ReceiptLink> _inPlace = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _targetOfSource = new(StringComparer.Ordinal);
    private long _bytesDone;
    private long _bytesTotal;
    private int _lastPercent = -1;

    public IReadOnlyList<ReceiptFile> Files => [.. _files.Values];
    public IReadOnlyList<string> CreatedDirectories => _createdDirectories;
    public IReadOnlyList<ReceiptSetting> Settings => _settings;
    public IReadOnlyList<string> SettingFilesCreated => _settingFilesCreated;
    public IReadOnlyList<ReceiptFile> EnvironmentFiles => _environmentFiles;
    public IReadOnlyList<ReceiptFile> Shortcuts => _shortcuts;
    public IReadOnlyList<ReceiptDeletion> Deletions => _deletions;
    public IReadOnlyList<ReceiptLink> Links => _links;
    public IReadOnlyList<ReceiptFile> SettingFilesEdited => _settingFilesEdited;
    public IReadOnlyList<ReceiptMode> ModesChanged => _modes;
    public IReadOnlyList<ReceiptTime> Times => [.. _times.Values];

    /// <summary>
    /// Links an earlier version created that already hold exactly the text this plan wants (an upgrade keeps them): they
    /// are neither moved aside nor recreated, and their receipt entries (with the original they replaced) carry over.
    /// </summary>
    public void KeepLinksInPlace(IEnumerable<ReceiptLink> links)
    {
        foreach (var link in links)
        {
            _inPlace[link.Path] = link;
        }
    }

    public async Task ApplyAsync(InstallPlan plan, CancellationToken cancellationToken)
    {
        _bytesTotal = Math.Max(1, plan.PayloadBytes);
        Report($"Installing {plan.Manifest.Name} {plan.Manifest.Version}");

        // Deletions first: a path whose type changed (a file that became a directory) is deleted, then created anew.
        foreach (var path in plan.Deletions.Where(FileOperations.Exists))
        {
            guard.Check(path, includeLast: false);
            RememberParentTime(path);
            var isDirectory = NoFollow.IsRealDirectory(path);
            _deletions.Add(new ReceiptDeletion(path, journal.MoveAway(path), isDirectory));
        }

        foreach (var (path, mode) in plan.Directories)
        {
            guard.Check(path, includeLast: true);
            var existed = NoFollow.IsRealDirectory(path);
            EnsureDirectory(path);
            if (mode is { } bits && !OperatingSystem.IsWindows())
            {
                var safe = SafeMode(bits, path);
                var before = File.GetUnixFileMode(path);
                if (existed && before != safe && !_created.Contains(path) && !_modes.Any(m => m.Path == path))
                {
                    _modes.Add(new ReceiptMode(path, (int)before));
                }

                File.SetUnixFileMode(path, safe);
            }
        }

        foreach (var batch in plan.Files.Chunk(BatchSize))
        {
            await CopyBatchAsync(plan.Manifest, batch, cancellationToken);
        }

        ApplySettings(plan.Settings);
        if (plan.EnvironmentFile is { } environment)
        {
            _environmentFiles.Add(WriteSmallFile(environment));
        }

        foreach (var shortcut in plan.Shortcuts)
        {
            _shortcuts.Add(WriteSmallFile(shortcut));
        }

        foreach (var link in plan.Links)
        {
            CreateLink(link);
        }
    }

    /// <summary>
    /// Creates a symbolic link holding exactly the package's text. Whatever was at its place (a file, another link) is
    /// moved aside first and comes back at uninstall; a directory in the way fails the install. The link is created
    /// with <c>symlink(2)</c>, which never follows anything at the final component.
    /// </summary>
    private void CreateLink(PlannedLink link)
    {
        guard.Check(link.Path, includeLast: false);
        if (_inPlace.TryGetValue(link.Path, out var kept) && kept.LinkTarget == link.LinkTarget && !_files.ContainsKey(link.Path)
            && NoFollow.IsLink(link.Path) && new FileInfo(link.Path).LinkTarget == link.LinkTarget)
        {
            _links.RemoveAll(l => l.Path == link.Path);
            _links.Add(kept);
            return;
        }

        if (NoFollow.IsRealDirectory(link.Path))
        {
            throw new EngineFailureException($"Cannot create the link {link.Path}: a directory is in the way.");
        }

        RememberParentTime(link.Path);
        EnsureDirectory(Path.GetDirectoryName(link.Path)!);
        string? backup = null;
        if (FileOperations.Exists(link.Path))
        {
            backup = _files.Remove(link.Path, out var written) ? written.BackupPath : null;
            if (written is null)
            {
                backup = journal.MoveAway(link.Path);
            }
            else
            {
                File.Delete(link.Path); // a file this install wrote earlier at the same place: ours to replace
            }
        }
        else
        {
            journal.RecordCreatedFiles([link.Path]);
        }

        File.CreateSymbolicLink(link.Path, link.LinkTarget);
        _links.RemoveAll(l => l.Path == link.Path);
        _links.Add(new ReceiptLink(link.Path, link.LinkTarget, backup));
    }

    /// <summary>
    /// Remembers the last-write time of the directory holding <paramref name="path"/>, the first time the install is
    /// about to add or remove something in it, unless the install created that directory itself.
    /// </summary>
    private void RememberParentTime(string path)
    {
        if (Path.GetDirectoryName(path) is { } parent)
        {
            RememberTime(parent, withContent: false);
        }
    }

    private void RememberTime(string path, bool withContent)
    {
        if (_times.ContainsKey(path) || _created.Contains(path) || UnixFiles.Status(path) is not { } status
            || status.Type is not (UnixFileType.Directory or UnixFileType.Regular))
        {
            return;
        }

        _times[path] = new ReceiptTime(path, status.ModifiedTicks, withContent ? FileHashing.Sha256Of(path) : null);
    }

    private async Task CopyBatchAsync(PackageManifest manifest, PlannedFile[] batch, CancellationToken cancellationToken)
    {
        var decisions = batch.Select(f => (Planned: f, Exists: Decide(manifest, f))).Where(d => d.Exists is not null).ToList();
        var newDirectories = new List<string>();
        var seenDirectories = new HashSet<string>(StringComparer.Ordinal);
        var created = new List<string>();
        foreach (var (planned, exists) in decisions)
        {
            var parent = Path.GetDirectoryName(planned.Target)!;
            guard.Check(planned.Target, includeLast: false);
            RememberParentTime(planned.Target);
            if (!seenDirectories.Contains(parent))
            {
                newDirectories.AddRange(MissingDirectories(parent).Where(seenDirectories.Add));
                seenDirectories.Add(parent);
            }

            if (exists == false && !_files.ContainsKey(planned.Target))
            {
                created.Add(planned.Target);
            }
        }

        journal.Append(newDirectories.Select(d => new JournalEntry { Kind = JournalEntryKind.DirectoryCreated, Path = d })
            .Concat(created.Select(p => new JournalEntry { Kind = JournalEntryKind.FileCreated, Path = p })));
        foreach (var directory in newDirectories)
        {
            RememberParentTime(directory);
            Directory.CreateDirectory(directory);
            _createdDirectories.Add(directory);
            _created.Add(directory);
        }

        foreach (var (planned, exists) in decisions)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var target = planned.Target;
            string? backup = null;
            if (exists == true && !_files.ContainsKey(target))
            {
                backup = journal.MoveAway(target);
            }

            var sha = TryHardLink(planned) ?? await CopyAsync(planned, cancellationToken);
            if (planned.File.ModifiedAt is { } modified)
            {
                File.SetLastWriteTimeUtc(target, modified.UtcDateTime);
            }

            _targetOfSource[planned.File.Source] = target;
            var previous = _files.GetValueOrDefault(target);
            _files[target] = previous is null
                ? new ReceiptFile(target, sha, planned.File.Attribute, backup is not null, backup)
                : previous with { Sha256 = sha, Attribute = planned.File.Attribute };
        }
    }

    /// <summary>
    /// Makes <paramref name="planned"/> a hard link of the file it names in <see cref="PackageFile.HardLinkOf"/> when this
    /// install wrote that file and it still holds the same content; returns the SHA-256, or null to copy instead.
    /// </summary>
    private string? TryHardLink(PlannedFile planned)
    {
        if (planned.File.HardLinkOf is not { } source || !_targetOfSource.TryGetValue(source, out var existing)
            || !_files.TryGetValue(existing, out var written) || !string.Equals(written.Sha256, planned.File.Sha256, StringComparison.OrdinalIgnoreCase)
            || !NoFollow.IsRealFile(existing) || _files.ContainsKey(planned.Target))
        {
            return null;
        }

        UnixFiles.HardLink(existing, planned.Target);
        _bytesDone += planned.File.Size;
        return written.Sha256;
    }

    /// <summary>Null: skip. False: create a new file. True: overwrite an existing one.</summary>
    private bool? Decide(PackageManifest manifest, PlannedFile planned)
    {
        var target = planned.Target;
        guard.Check(target, includeLast: false);
        if (NoFollow.IsRealDirectory(target))
        {
            throw new EngineFailureException($"Cannot write {target}: a directory is in the way.");
        }

        if (_files.ContainsKey(target))
        {
            return true;
        }

        if (NoFollow.IsLink(target))
        {
            // Never read through a link: it is replaced (and backed up as a link) unless the file may only be created.
            return planned.File.Attribute == CopyAttribute.IfNotExists ? null : true;
        }

        var exists = File.Exists(target);
        var copy = planned.File.Attribute switch
        {
            CopyAttribute.Always => true,
            CopyAttribute.IfNotExists => !exists,
            CopyAttribute.IfNewer => !exists || File.GetLastWriteTimeUtc(target) < (planned.File.ModifiedAt ?? manifest.CreatedAt).UtcDateTime,
            CopyAttribute.IfExists => exists,
            CopyAttribute.IfDifferent => !exists || !string.Equals(FileHashing.Sha256Of(target), planned.File.Sha256, StringComparison.OrdinalIgnoreCase),
            _ => throw new EngineFailureException($"Unknown copy attribute {planned.File.Attribute} on {planned.File.Source}."),
        };
        return copy ? exists : null;
    }

    private async Task<string> CopyAsync(PlannedFile planned, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            // A package archive verifies each payload's SHA-256 as it is read (and throws at its end): no second hash.
            var verifiedBySource = package is PackageArchive && planned.File.Sha256.Length > 0;
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            if (_files.ContainsKey(planned.Target))
            {
                // Written earlier in this install (a later entry for the same target wins): ours to replace.
                FileOperations.DeleteFileIfExists(planned.Target);
            }

            await using (var source = package.OpenPayload(planned.File))
            using (var target = new FileStream(planned.Target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1))
            {
                if (planned.File.Size > 0)
                {
                    target.SetLength(planned.File.Size);
                }

                int read;
                long written = 0;
                while ((read = await source.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
                {
                    if (!verifiedBySource)
                    {
                        hash.AppendData(buffer, 0, read);
                    }

                    target.Write(buffer, 0, read);
                    written += read;
                    _bytesDone += read;
                    Report(null);
                }

                if (written != planned.File.Size)
                {
                    target.SetLength(written);
                }
            }

            var sha = verifiedBySource ? planned.File.Sha256.ToLowerInvariant() : Convert.ToHexStringLower(hash.GetHashAndReset());
            if (planned.File.Sha256.Length > 0 && !string.Equals(sha, planned.File.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new EngineFailureException($"Payload file {planned.File.Source} does not match the SHA-256 in the manifest.");
            }

            if (planned.File.Mode is { } mode && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(planned.Target, SafeMode(mode, planned.Target));
            }

            return sha;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void ApplySettings(IReadOnlyList<PlannedSetting> settings)
    {
        foreach (var group in settings.GroupBy(s => s.File, StringComparer.Ordinal))
        {
            var path = group.Key;
            guard.Check(path, includeLast: false);
            if (NoFollow.IsLink(path))
            {
                throw new EngineFailureException($"Refused to edit the settings in {path}: it is a symbolic link, and settings are never written through links.");
            }

            var existed = File.Exists(path);
            var ini = IniFile.Load(path);
            var changes = new List<ReceiptSetting>();
            foreach (var setting in group)
            {
                var previous = ini.Get(setting.Section, setting.Key);
                var sectionExisted = ini.HasSection(setting.Section);
                switch (setting.Attribute)
                {
                    case Catalog.Packaging.SettingAttribute.CreateIfExists when previous is null:
                    case Catalog.Packaging.SettingAttribute.AddToSection when previous is not null:
                    case Catalog.Packaging.SettingAttribute.Delete when previous is null:
                        continue;
                    case Catalog.Packaging.SettingAttribute.Delete:
                        ini.Remove(setting.Section, setting.Key);
                        changes.Add(new ReceiptSetting(path, setting.Section, setting.Key, null, setting.Attribute, previous));
                        break;
                    default:
                        ini.Set(setting.Section, setting.Key, setting.Value);
                        changes.Add(new ReceiptSetting(path, setting.Section, setting.Key, setting.Value, setting.Attribute, previous, !sectionExisted));
                        break;
                }
            }

            if (changes.Count == 0)
            {
                continue;
            }

            string? backup = null;
            if (existed)
            {
                RememberTime(path, withContent: true);
                RememberParentTime(path); // uninstall may put the whole file back, which touches its directory
                backup = journal.CopyToBackup(path);
            }
            else
            {
                RememberParentTime(path);
                EnsureDirectory(Path.GetDirectoryName(path)!);
                journal.RecordCreatedFiles([path]);
                _settingFilesCreated.Add(path);
            }

            ini.Save(path);
            _settings.AddRange(changes);
            if (backup is not null)
            {
                // Uninstall puts this copy back whole (bytes, key order, BOM) when the file is still as the install left it.
                _settingFilesEdited.RemoveAll(f => f.Path == path);
                _settingFilesEdited.Add(new ReceiptFile(path, FileHashing.Sha256Of(path), CopyAttribute.Always, PreExisted: true, backup));
            }
        }
    }

    private ReceiptFile WriteSmallFile(PlannedWrite write)
    {
        guard.Check(write.Path, includeLast: false);
        RememberParentTime(write.Path);
        EnsureDirectory(Path.GetDirectoryName(write.Path)!);
        string? backup = null;
        if (FileOperations.Exists(write.Path))
        {
            backup = journal.MoveAway(write.Path);
        }
        else
        {
            journal.RecordCreatedFiles([write.Path]);
        }

        using (var stream = new FileStream(write.Path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1))
        {
            stream.Write(write.Content);
        }

        if (write.Mode is { } mode && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(write.Path, SafeMode((int)mode, write.Path));
        }

        return new ReceiptFile(write.Path, Convert.ToHexStringLower(SHA256.HashData(write.Content)), CopyAttribute.Always, backup is not null, backup);
    }

    /// <summary>
    /// <paramref name="mode"/> without setuid, setgid, sticky and world-writable bits: a package must not hand a
    /// user a root-owned setuid program or a file anyone may change. Stripping is reported as a warning.
    /// </summary>
    private UnixFileMode SafeMode(int mode, string path)
    {
        var safe = mode & AllowedModeBits;
        if (safe != mode)
        {
            progress.Report(new EngineProgress(JobPhase.Installing, Math.Max(0, _lastPercent),
                $"Installed {path} with mode {Convert.ToString(safe, 8)} instead of {Convert.ToString(mode, 8)}: setuid, setgid, sticky and world-writable bits are not installed",
                JobEventLevel.Warning));
        }

        return (UnixFileMode)safe;
    }

    private void EnsureDirectory(string path)
    {
        guard.Check(path, includeLast: true);
        var missing = MissingDirectories(path);
        if (missing.Count == 0)
        {
            return;
        }

        RememberParentTime(missing[0]);
        journal.RecordCreatedDirectories(missing);
        foreach (var directory in missing)
        {
            Directory.CreateDirectory(directory);
            _createdDirectories.Add(directory);
            _created.Add(directory);
        }
    }

    /// <summary>The ancestors of <paramref name="path"/> (and itself) that do not exist, outermost first.</summary>
    private static List<string> MissingDirectories(string path)
    {
        var missing = new List<string>();
        for (var current = path; current is not null && !Directory.Exists(current); current = Path.GetDirectoryName(current))
        {
            if (File.Exists(current) || NoFollow.IsLink(current))
            {
                throw new EngineFailureException($"Cannot create directory {current}: a file is in the way.");
            }

            missing.Add(current);
        }

        missing.Reverse();
        return missing;
    }

    private void Report(string? message)
    {
        var percent = (int)Math.Min(100, _bytesDone * 100 / _bytesTotal);
        if (message is null && percent == _lastPercent)
        {
            return;
        }

        _lastPercent = percent;
        progress.Report(new EngineProgress(JobPhase.Installing, percent, message ?? $"Copied {_bytesDone / (1024 * 1024)} of {_bytesTotal / (1024 * 1024)} MB"));
    }
}
