using Catalog.Machines;
using Catalog.Macros;
using Catalog.Packaging;
using ClientAgent.Platform;

namespace ClientAgent.Engine;

/// <summary>The checks made before anything changes: OS family, prompted answers, free space per volume.</summary>
public static class InstallPreflight
{
    private const long Megabyte = 1024 * 1024;

    public static void CheckOs(PackageManifest manifest)
    {
        var host = HostPlatform.CurrentOsFamily;
        if (manifest.Platform.OsFamily != host)
        {
            throw new EngineFailureException(
                $"{manifest.Name} {manifest.Version} was built for {manifest.Platform.OsFamily}; this machine runs {host}.");
        }
    }

    public static async Task CheckPackageHashAsync(InstallOptions options, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(options.ExpectedSha256) || options.Package is not PackageArchive archive)
        {
            return;
        }

        var actual = await PackageHash.ComputeAsync(archive.Path, cancellationToken);
        if (!string.Equals(actual, options.ExpectedSha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new EngineFailureException($"Package file {archive.Path} has SHA-256 {actual}; the catalog expects {options.ExpectedSha256.ToLowerInvariant()}.");
        }
    }

    /// <summary>Re-validates the prompted answers with the catalog's <see cref="PromptAnswerValidator"/> against this machine.</summary>
    /// <summary>
    /// What an install and an upgrade both do before they change anything: check the package's OS and hash, then
    /// take the engine lock. Returns the lock, or the failure (<paramref name="what"/> names the job in it: "The install
    /// of Editor 2.0", "The update to Editor 2.0") when the package is refused or the job was cancelled meanwhile.
    /// </summary>
    public static async Task<(EngineLock? Lock, EngineResult? Failure)> CheckAndLockAsync(
        InstallOptions options, AgentStateDirectory state, string what, IProgress<EngineProgress> progress, CancellationToken cancellationToken)
    {
        try
        {
            CheckOs(options.Package.Manifest);
            await CheckPackageHashAsync(options, cancellationToken);
            state.EnsureCreated();
        }
        catch (OperationCanceledException)
        {
            return (null, new EngineResult(EngineOutcome.Failed, $"{what} was cancelled; nothing was changed."));
        }
        catch (EngineFailureException exception)
        {
            return (null, new EngineResult(EngineOutcome.Failed, exception.Message));
        }

        try
        {
            return (await EngineLock.AcquireAsync(state, progress, cancellationToken), null);
        }
        catch (OperationCanceledException)
        {
            return (null, new EngineResult(EngineOutcome.Failed, $"{what} was cancelled while waiting for another job; nothing was changed."));
        }
    }

    public static void CheckAnswers(
        IReadOnlyList<MacroDefinition> macros, IReadOnlyDictionary<string, string> answers, Inventory machine, IReadOnlySet<string>? usedInPaths = null)
    {
        var errors = PromptAnswerValidator.Validate(macros, answers, machine, usedInPaths);
        if (errors.Count > 0)
        {
            throw new EngineFailureException(string.Join("; ", errors.Select(e => e.Message)) + ".");
        }
    }

    /// <summary>
    /// Checks every folder prompt on the real file system, after <see cref="CheckAnswers"/> confined it lexically:
    /// no existing component between its allowed parent and the folder may be a symbolic link (or anything but a
    /// directory), so the folder's real path is inside the parent. Returns every expanded allowed parent (they are
    /// install roots for <see cref="PathGuard"/>).
    /// </summary>
    public static IReadOnlyList<string> CheckFolders(IReadOnlyList<MacroDefinition> macros, IMacroResolver resolver)
    {
        var parents = new List<string>();
        foreach (var folder in macros.OfType<PromptedFolderMacro>())
        {
            var value = resolver.Expand($"%{folder.Name}%");
            var allowed = folder.AllowedParents.Select(p => FolderPaths.Tidy(resolver.Expand(p))).ToList();
            parents.AddRange(allowed);
            var parent = FolderPrompts.ParentOf(value, allowed, HostPlatform.CurrentOsFamily)
                ?? throw new EngineFailureException($"The answer to \"{folder.Prompt}\" must be a folder inside {string.Join(" or ", allowed)}; '{value}' is not.");
            var guard = new PathGuard([parent]);
            if (guard.FindLink(Path.TrimEndingDirectorySeparator(value), includeLast: true) is { } link)
            {
                throw new EngineFailureException(
                    $"The answer to \"{folder.Prompt}\" leads through {link}, which is a symbolic link; choose a folder inside {parent} that is not reached through a link.");
            }

            for (var current = Path.TrimEndingDirectorySeparator(value); current.Length > parent.Length; current = Path.GetDirectoryName(current)!)
            {
                if (File.Exists(current))
                {
                    throw new EngineFailureException($"The answer to \"{folder.Prompt}\" names {value}, but {current} is a file, not a folder.");
                }
            }
        }

        return parents;
    }

    /// <summary>
    /// Refuses the plan before anything is written when any target would be reached through a symbolic link below its
    /// install root, or a settings file is itself a link (settings are edited in place). The applier checks again as
    /// it goes, for links planted after this point.
    /// </summary>
    public static void CheckLinks(InstallPlan plan, PathGuard guard)
    {
        foreach (var path in plan.Files.Select(f => f.Target)
                     .Concat(plan.Shortcuts.Select(s => s.Path))
                     .Concat(plan.EnvironmentFile is { } environment ? [environment.Path] : [])
                     .Concat(plan.Deletions)
                     .Concat(plan.Links.Select(l => l.Path)))
        {
            guard.Check(path, includeLast: false);
        }

        foreach (var (path, _) in plan.Directories)
        {
            guard.Check(path, includeLast: true);
        }

        foreach (var file in plan.Settings.Select(s => s.File).Distinct(StringComparer.Ordinal))
        {
            guard.Check(file, includeLast: true);
        }
    }

    /// <summary>
    /// Checks each volume the payload goes to holds its files plus <paramref name="marginBytes"/> (the prompted
    /// macros' minimum free MB is checked with the answers).
    /// </summary>
    public static void CheckFreeSpace(InstallPlan plan, long marginBytes)
    {
        var drives = DriveInfo.GetDrives();
        var needs = new Dictionary<string, (DriveInfo Drive, long Bytes)>(StringComparer.Ordinal);
        foreach (var directory in plan.Files.GroupBy(f => Path.GetDirectoryName(f.Target) ?? f.Target, StringComparer.Ordinal))
        {
            var drive = VolumeSpace.VolumeOf(directory.Key, drives);
            var key = drive.RootDirectory.FullName;
            var bytes = directory.Sum(f => f.File.Size);
            needs[key] = needs.TryGetValue(key, out var existing) ? (drive, existing.Bytes + bytes) : (drive, bytes + marginBytes);
        }

        foreach (var (_, (drive, bytes)) in needs)
        {
            var free = drive.AvailableFreeSpace;
            if (free < bytes)
            {
                var (need, has) = Catalog.Requirements.RequirementDescriber.Sizes(Ceiling(bytes), free / Megabyte);
                throw new EngineFailureException($"Needs {need} free on {drive.RootDirectory.FullName}; {has} free.");
            }
        }
    }

    private static long Ceiling(long bytes) => (bytes + Megabyte - 1) / Megabyte;
}
