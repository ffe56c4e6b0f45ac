using Catalog.Packaging;

namespace ClientAgent.Capture;

/// <summary>
/// The snapshot packager (Kaseya-style capture): <see cref="StartAsync"/> records the state of some directory trees,
/// the operator installs software by hand, <see cref="FinishAsync"/> scans again and packages the difference —
/// new and changed files (hard links kept as links), symbolic links as links, deletions (a path whose type changed is
/// deleted, then created anew), INI/config key changes as settings, environment files as variables, new directories —
/// with paths rewritten to macros and every literal <c>%</c> written as <c>%%</c>. <c>.desktop</c> files are files
/// like any other (exact bytes, name and mode). The state file itself is never captured.
/// </summary>
public sealed class CapturePackager(TimeProvider timeProvider)
{
    /// <summary>Scans <paramref name="roots"/> and writes the state file; returns how many paths it recorded and what it skipped.</summary>
    public async Task<(int Count, IReadOnlyList<string> Warnings)> StartAsync(
        IReadOnlyList<string> roots, IReadOnlyList<string> excludes, string statePath, MachinePlatform platform, CancellationToken cancellationToken = default)
    {
        if (roots.Count == 0)
        {
            throw new CaptureException("Give at least one --root to capture");
        }

        var rules = new ExcludeRules(excludes);
        var merged = SnapshotScanner.MergeRoots(roots);
        var header = new SnapshotHeader
        {
            Roots = merged,
            Excludes = rules.Patterns,
            CreatedAt = timeProvider.GetUtcNow(),
            Platform = platform.Platform,
        };
        var scanner = new SnapshotScanner(rules, OwnFiles(statePath));
        var count = await Task.Run(() => SnapshotFile.Write(statePath, header, writer => scanner.Walk(merged, writer, cancellationToken)), cancellationToken);
        return (count, scanner.Warnings);
    }

    /// <summary>Scans again, packages the difference into <see cref="CaptureRequest.OutPath"/>.</summary>
    public async Task<CaptureResult> FinishAsync(CaptureRequest request, CancellationToken cancellationToken = default)
    {
        var (header, before) = await SnapshotFile.ReadIndexAsync(request.StatePath, cancellationToken);
        var rules = new ExcludeRules(header.Excludes.Concat(request.Excludes));
        var scanner = new SnapshotScanner(rules, OwnFiles(request.StatePath).Append(request.OutPath));
        var comparer = new SnapshotComparer(before);
        await Task.Run(() => scanner.Walk(header.Roots, comparer, cancellationToken), cancellationToken);
        var changes = comparer.Result(rules);
        var captured = Describe(changes, request, header.Roots);
        if (IsEmpty(captured.Manifest))
        {
            throw new CaptureException($"Nothing changed under {string.Join(", ", header.Roots)} since the capture started; no package written");
        }

        var package = await PackageWriter.WriteAsync(
            captured.Manifest, new DirectoryPackageContent(captured.Manifest, "/"), request.OutPath, request.Compression, cancellationToken);
        return new CaptureResult(package, [.. scanner.Warnings, .. captured.Warnings]);
    }

    /// <summary>The capture's own files (state file and its temporary twin): never part of a snapshot.</summary>
    private static IEnumerable<string> OwnFiles(string statePath)
    {
        var full = Path.GetFullPath(statePath);
        return [full, full + ".tmp"];
    }

    /// <summary>Turns the snapshot differences into a manifest (payload sources are the paths without their leading '/').</summary>
    /// <param name="roots">The capture roots: only the part of a path below its root is judged as noise.</param>
    public CapturedChanges Describe(SnapshotChanges changes, CaptureRequest request, IReadOnlyList<string> roots)
    {
        var macros = request.Macros;
        var files = new List<PackageFile>();
        var directories = new List<PackageDirectory>();
        var links = new List<PackageLink>();
        var settings = new List<PackageSetting>();
        var variables = new List<PackageEnvironmentVariable>();
        var warnings = new List<string>();
        var noise = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        var firstOfInode = new Dictionary<(ulong Device, ulong Inode), string>();
        var deleted = new List<string>();

        void Noise(string path)
        {
            var root = roots.Where(r => SnapshotScanner.IsInside(path, r)).MaxBy(r => r.Length);
            if (root is not null && NoiseDetector.SuggestExclude(root, path) is { } glob)
            {
                (noise.TryGetValue(glob, out var list) ? list : noise[glob] = []).Add(path);
            }
        }

        void AddFile(SnapshotEntry entry)
        {
            var source = entry.Path.TrimStart('/');
            string? hardLinkOf = null;
            if (entry.LinkCount > 1 && entry.Inode != 0)
            {
                if (firstOfInode.TryGetValue((entry.Device, entry.Inode), out var first))
                {
                    hardLinkOf = first;
                }
                else
                {
                    firstOfInode[(entry.Device, entry.Inode)] = source;
                }
            }

            files.Add(new PackageFile(source, macros.ToTarget(entry.Path), entry.Size, "", entry.Mode)
            {
                ModifiedAt = new DateTimeOffset(entry.ModifiedTicks, TimeSpan.Zero),
                HardLinkOf = hardLinkOf,
            });
        }

        void AddNew(SnapshotEntry entry)
        {
            switch (entry.Kind)
            {
                case SnapshotEntryKind.Directory:
                    directories.Add(new PackageDirectory(macros.ToTarget(entry.Path), entry.Mode));
                    break;
                case SnapshotEntryKind.Link:
                    links.Add(new PackageLink(macros.ToTarget(entry.Path), entry.LinkTarget ?? ""));
                    break;
                default:
                    if (entry.Environment is { } environment)
                    {
                        variables.AddRange(environment.Select(v => new PackageEnvironmentVariable(v.Key, CaptureMacros.Escape(v.Value))));
                    }
                    else
                    {
                        AddFile(entry);
                    }

                    break;
            }
        }

        foreach (var entry in changes.Added)
        {
            Noise(entry.Path);
            AddNew(entry);
        }

        foreach (var (old, entry) in changes.Changed)
        {
            Noise(entry.Path);
            if (entry.Kind != old.Kind)
            {
                // A file became a directory (or a link, or the reverse): the old item goes, then the new one comes.
                deleted.Add(entry.Path);
                AddNew(entry);
            }
            else if (entry.Kind == SnapshotEntryKind.Link)
            {
                links.Add(new PackageLink(macros.ToTarget(entry.Path), entry.LinkTarget ?? ""));
            }
            else if (entry.Kind == SnapshotEntryKind.Directory)
            {
                directories.Add(new PackageDirectory(macros.ToTarget(entry.Path), entry.Mode));
            }
            else if (entry.Environment is { } now && old.Environment is { } was)
            {
                variables.AddRange(now.Where(v => !was.TryGetValue(v.Key, out var value) || value != v.Value)
                    .Select(v => new PackageEnvironmentVariable(v.Key, CaptureMacros.Escape(v.Value))));
                warnings.AddRange(was.Keys.Where(name => !now.ContainsKey(name))
                    .Select(name => $"warning: environment variable {name} was removed from {entry.Path}; packages cannot remove variables, so it is not recorded"));
            }
            else if (entry.Settings is { } current && old.Settings is { } previous && entry.Mode == old.Mode)
            {
                settings.AddRange(DiffSettings(macros.ToTarget(entry.Path), previous, current));
            }
            else
            {
                AddFile(entry);
            }
        }

        foreach (var entry in changes.Removed)
        {
            Noise(entry.Path);
            deleted.Add(entry.Path);
        }

        var deletions = new List<string>();
        string? lastDeleted = null;
        foreach (var path in deleted.Order(StringComparer.Ordinal))
        {
            if (lastDeleted is not null && SnapshotScanner.IsInside(path, lastDeleted))
            {
                continue; // only the top-most deleted path: deleting it takes everything beneath
            }

            deletions.Add(macros.ToTarget(path));
            lastDeleted = path;
        }

        foreach (var (glob, paths) in noise)
        {
            var examples = string.Join(", ", paths.Take(3)) + (paths.Count > 3 ? $" and {paths.Count - 3} more" : "");
            warnings.Add($"warning: {paths.Count} change(s) look like noise ({examples}); leave them out with --exclude '{glob}'");
        }

        var manifest = new PackageManifest
        {
            Name = request.Name,
            Version = request.Version,
            Publisher = request.Publisher,
            Platform = request.Platform.Platform,
            CreatedAt = timeProvider.GetUtcNow(),
            Files = files,
            Directories = directories,
            Links = links,
            Settings = settings,
            EnvironmentVariables = variables,
            Deletions = deletions,
        };
        return new CapturedChanges(manifest, warnings);
    }

    private static IEnumerable<PackageSetting> DiffSettings(string file, IReadOnlyList<ConfigValue> before, IReadOnlyList<ConfigValue> after)
    {
        static PackageSetting Setting(string file, ConfigValue value, SettingAttribute attribute) => new(
            file, CaptureMacros.Escape(value.Section), CaptureMacros.Escape(value.Key), CaptureMacros.Escape(value.Value), attribute);

        var old = before.ToDictionary(v => (v.Section, v.Key), v => v.Value);
        var current = after.Select(v => (v.Section, v.Key)).ToHashSet();
        foreach (var value in after)
        {
            if (!old.TryGetValue((value.Section, value.Key), out var was) || was != value.Value)
            {
                yield return Setting(file, value, SettingAttribute.CreateAlways);
            }
        }

        foreach (var value in before.Where(v => !current.Contains((v.Section, v.Key))))
        {
            yield return Setting(file, value, SettingAttribute.Delete);
        }
    }

    private static bool IsEmpty(PackageManifest manifest) =>
        manifest.Files.Count + manifest.Directories.Count + manifest.Links.Count + manifest.Settings.Count
        + manifest.EnvironmentVariables.Count + manifest.Shortcuts.Count + manifest.Deletions.Count == 0;
}
