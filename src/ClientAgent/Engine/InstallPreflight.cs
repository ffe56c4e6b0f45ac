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

    /// <summary>Re-validates the prompted answers the portal accepted: length, path safety, volumes that exist.</summary>
    public static void CheckAnswers(IReadOnlyList<MacroDefinition> macros, IReadOnlyDictionary<string, string> answers)
    {
        foreach (var macro in macros.OfType<PromptedMacro>())
        {
            var answer = EngineMacros.Answer(answers, macro.Name);
            switch (macro)
            {
                case PromptedStringMacro text:
                    var value = answer ?? text.Default;
                    if (value.Length > text.MaximumLength)
                    {
                        throw new EngineFailureException($"The answer for {macro.Name} is longer than {text.MaximumLength} characters.");
                    }

                    if (text.UsedInPath && (value.Contains('\0') || value.Split('/', '\\').Contains("..")))
                    {
                        throw new EngineFailureException($"The answer for {macro.Name} must not contain \"..\" or NUL characters: it is used in a path.");
                    }

                    break;
                case PromptedVolumeMacro volume:
                    var chosen = answer ?? volume.DefaultVolume;
                    if (chosen.Length == 0 || !Directory.Exists(chosen))
                    {
                        throw new EngineFailureException($"The answer for {macro.Name} names no volume on this machine: \"{chosen}\".");
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// Checks each volume the payload goes to holds its files plus <paramref name="marginBytes"/>, and each volume a
    /// prompted answer names holds the macro's minimum free MB.
    /// </summary>
    public static void CheckFreeSpace(
        InstallPlan plan,
        IReadOnlyList<MacroDefinition> macros,
        IReadOnlyDictionary<string, string> answers,
        long marginBytes)
    {
        var needs = new Dictionary<string, (DriveInfo Drive, long Bytes)>(StringComparer.Ordinal);
        foreach (var group in plan.Files.GroupBy(f => VolumeSpace.VolumeOf(f.Target).RootDirectory.FullName))
        {
            var drive = VolumeSpace.VolumeOf(group.First().Target);
            needs[group.Key] = (drive, group.Sum(f => f.File.Size) + marginBytes);
        }

        foreach (var macro in macros.OfType<PromptedMacro>().Where(m => m.MinimumFreeMb > 0))
        {
            var answer = EngineMacros.Answer(answers, macro.Name)
                ?? (macro as PromptedVolumeMacro)?.DefaultVolume
                ?? (macro as PromptedStringMacro)?.Default
                ?? "";
            if (!Path.IsPathFullyQualified(answer))
            {
                continue;
            }

            var drive = VolumeSpace.VolumeOf(answer);
            var key = drive.RootDirectory.FullName;
            var required = macro.MinimumFreeMb * Megabyte;
            needs[key] = needs.TryGetValue(key, out var existing)
                ? (drive, Math.Max(existing.Bytes, required))
                : (drive, required);
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
