using Catalog.Packaging;

namespace ClientAgent.Capture;

/// <summary>
/// The snapshot packager (Kaseya-style capture): <see cref="StartAsync"/> records the state of some directory trees,
/// the operator installs software by hand, <see cref="FinishAsync"/> scans again and packages the difference —
/// new and changed files as payload, deletions, INI/config key changes as settings, new .desktop files as
/// shortcuts, environment files as variables, new directories — with paths rewritten to macros.
/// </summary>
public sealed class CapturePackager(TimeProvider timeProvider)
{
    /// <summary>Scans <paramref name="roots"/> and writes the state file; returns how many paths it recorded.</summary>
    public async Task<int> StartAsync(
        IReadOnlyList<string> roots, IReadOnlyList<string> excludes, string statePath, MachinePlatform platform, CancellationToken cancellationToken = default)
    {
        if (roots.Count == 0)
        {
            throw new CaptureException("Give at least one --root to capture");
        }

        var rules = new ExcludeRules(excludes);
        var normalized = roots.Select(SnapshotScanner.NormalizeRoot).Distinct(StringComparer.Ordinal).ToList();
        var header = new SnapshotHeader
        {
            Roots = normalized,
            Excludes = rules.Patterns,
            CreatedAt = timeProvider.GetUtcNow(),
            Platform = platform.Platform,
        };
        var entries = new SnapshotScanner(rules).Scan(normalized, cancellationToken);
        return await SnapshotFile.WriteAsync(statePath, header, entries, cancellationToken);
    }

    /// <summary>Scans again, packages the difference into <see cref="CaptureRequest.OutPath"/>.</summary>
    public async Task<CaptureResult> FinishAsync(CaptureRequest request, CancellationToken cancellationToken = default)
    {
        var (header, before) = await SnapshotFile.ReadAsync(request.StatePath, cancellationToken);
        var rules = new ExcludeRules(header.Excludes.Concat(request.Excludes));
        var after = new SnapshotScanner(rules).Scan(header.Roots, cancellationToken);
        var changes = SnapshotDiff.Compute(before, after, rules);
        var captured = Describe(changes, request, header.Roots);
        if (IsEmpty(captured.Manifest))
        {
            throw new CaptureException($"Nothing changed under {string.Join(", ", header.Roots)} since the capture started; no package written");
        }

        var package = await PackageWriter.WriteAsync(
            captured.Manifest, new DirectoryPackageContent(captured.Manifest, "/"), request.OutPath, request.Compression, cancellationToken);
        return new CaptureResult(package, captured.Warnings);
    }

    /// <summary>Turns the snapshot differences into a manifest (payload sources are the paths without their leading '/').</summary>
    /// <param name="roots">The capture roots: only the part of a path below its root is judged as noise.</param>
    public CapturedChanges Describe(SnapshotChanges changes, CaptureRequest request, IReadOnlyList<string> roots)
    {
        var macros = request.Macros;
        var files = new List<PackageFile>();
        var directories = new List<PackageDirectory>();
        var settings = new List<PackageSetting>();
        var variables = new List<PackageEnvironmentVariable>();
        var shortcuts = new List<PackageShortcut>();
        var warnings = new List<string>();
        var noise = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);

        void Noise(string path)
        {
            var root = roots.Where(r => path.StartsWith(r == "/" ? "/" : r + "/", StringComparison.Ordinal)).MaxBy(r => r.Length) ?? "";
            if (NoiseDetector.SuggestExclude(path[root.Length..]) is { } glob)
            {
                (noise.TryGetValue(glob, out var list) ? list : noise[glob] = []).Add(path);
            }
        }

        void AddFile(SnapshotEntry entry) => files.Add(new PackageFile(entry.Path.TrimStart('/'), macros.ToTarget(entry.Path), entry.Size, "", entry.Mode)
        {
            ModifiedAt = new DateTimeOffset(entry.ModifiedTicks, TimeSpan.Zero),
        });

        foreach (var entry in changes.Added)
        {
            Noise(entry.Path);
            switch (entry.Kind)
            {
                case SnapshotEntryKind.Directory:
                    directories.Add(new PackageDirectory(macros.ToTarget(entry.Path), entry.Mode));
                    break;
                case SnapshotEntryKind.Link:
                    warnings.Add($"warning: skipped symbolic link {entry.Path} -> {entry.LinkTarget} (packages carry regular files only)");
                    break;
                default:
                    if (entry.Environment is { } environment)
                    {
                        variables.AddRange(environment.Select(v => new PackageEnvironmentVariable(v.Key, v.Value)));
                    }
                    else if (ToShortcut(entry, macros) is { } shortcut)
                    {
                        shortcuts.Add(shortcut);
                    }
                    else
                    {
                        AddFile(entry);
                    }

                    break;
            }
        }

        foreach (var (old, entry) in changes.Changed)
        {
            Noise(entry.Path);
            if (entry.Kind == SnapshotEntryKind.Link)
            {
                warnings.Add($"warning: skipped changed symbolic link {entry.Path} -> {entry.LinkTarget} (packages carry regular files only)");
            }
            else if (entry.Kind == SnapshotEntryKind.Directory)
            {
                directories.Add(new PackageDirectory(macros.ToTarget(entry.Path), entry.Mode));
            }
            else if (entry.Environment is { } now && old.Environment is { } was && old.Kind == SnapshotEntryKind.File)
            {
                variables.AddRange(now.Where(v => !was.TryGetValue(v.Key, out var value) || value != v.Value)
                    .Select(v => new PackageEnvironmentVariable(v.Key, v.Value)));
                warnings.AddRange(was.Keys.Where(name => !now.ContainsKey(name))
                    .Select(name => $"warning: environment variable {name} was removed from {entry.Path}; packages cannot remove variables, so it is not recorded"));
            }
            else if (entry.Settings is { } current && old.Settings is { } previous && old.Kind == SnapshotEntryKind.File)
            {
                settings.AddRange(DiffSettings(macros.ToTarget(entry.Path), previous, current));
            }
            else
            {
                AddFile(entry);
            }
        }

        var deletions = new List<string>();
        string? lastDeleted = null;
        foreach (var entry in changes.Removed)
        {
            Noise(entry.Path);
            if (lastDeleted is not null && entry.Path.StartsWith(lastDeleted + "/", StringComparison.Ordinal))
            {
                continue;
            }

            deletions.Add(macros.ToTarget(entry.Path));
            lastDeleted = entry.Path;
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
            Settings = settings,
            EnvironmentVariables = variables,
            Shortcuts = shortcuts,
            Deletions = deletions,
        };
        return new CapturedChanges(manifest, warnings);
    }

    private static IEnumerable<PackageSetting> DiffSettings(string file, IReadOnlyList<ConfigValue> before, IReadOnlyList<ConfigValue> after)
    {
        var old = before.ToDictionary(v => (v.Section, v.Key), v => v.Value);
        var current = after.Select(v => (v.Section, v.Key)).ToHashSet();
        foreach (var value in after)
        {
            if (!old.TryGetValue((value.Section, value.Key), out var was) || was != value.Value)
            {
                yield return new PackageSetting(file, value.Section, value.Key, value.Value, SettingAttribute.CreateAlways);
            }
        }

        foreach (var value in before.Where(v => !current.Contains((v.Section, v.Key))))
        {
            yield return new PackageSetting(file, value.Section, value.Key, value.Value, SettingAttribute.Delete);
        }
    }

    private static PackageShortcut? ToShortcut(SnapshotEntry entry, CaptureMacros macros)
    {
        if (!entry.Path.EndsWith(".desktop", StringComparison.Ordinal) || entry.Settings is not { } settings)
        {
            return null;
        }

        string? Get(string key) => settings.FirstOrDefault(s => s.Section == "Desktop Entry" && s.Key == key)?.Value;
        var exec = Get("Exec");
        if (string.IsNullOrWhiteSpace(exec))
        {
            return null;
        }

        var space = exec.IndexOf(' ');
        var program = space < 0 ? exec : exec[..space];
        var command = (program.StartsWith('/') ? macros.ToTarget(program) : program) + (space < 0 ? "" : exec[space..]);
        var location = macros.ToTarget(entry.Path[..entry.Path.LastIndexOf('/')] is { Length: > 0 } parent ? parent : "/");
        var name = Get("Name") ?? Path.GetFileNameWithoutExtension(entry.Path);
        return new PackageShortcut(location, name, command, Get("Icon") ?? "", Get("Comment") ?? "");
    }

    private static bool IsEmpty(PackageManifest manifest) =>
        manifest.Files.Count + manifest.Directories.Count + manifest.Settings.Count + manifest.EnvironmentVariables.Count
        + manifest.Shortcuts.Count + manifest.Deletions.Count == 0;
}
