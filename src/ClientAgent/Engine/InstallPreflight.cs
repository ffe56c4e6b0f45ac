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
    public static void CheckAnswers(IReadOnlyList<MacroDefinition> macros, IReadOnlyDictionary<string, string> answers, Inventory machine)
    {
        var errors = PromptAnswerValidator.Validate(macros, answers, machine);
        if (errors.Count > 0)
        {
            throw new EngineFailureException(string.Join("; ", errors.Select(e => e.Message)) + ".");
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
                throw new EngineFailureException(
                    $"Needs {Ceiling(bytes)} MB free on {drive.RootDirectory.FullName}; {free / Megabyte} MB free.");
            }
        }
    }

    private static long Ceiling(long bytes) => (bytes + Megabyte - 1) / Megabyte;
}
