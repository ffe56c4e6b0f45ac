using Catalog.Versioning;

namespace Catalog.Requirements;

/// <summary>Plain-English text of a requirement itself, for the administrator's screens.</summary>
public static class RequirementDescriber
{
    /// <param name="applicationName">Names applications referenced by id; null or no answer = "application {id}".</param>
    public static string Describe(Requirement requirement, Func<Guid, string?>? applicationName = null)
    {
        ArgumentNullException.ThrowIfNull(requirement);
        var text = requirement switch
        {
            OsRequirement os => $"Runs {PlatformNames.Of(os.Family)}{Range(os.MinVersion, os.MaxVersion)}",
            ArchitectureRequirement architecture => architecture.Architectures.Count == 0
                ? "Any processor architecture"
                : $"Processor architecture {PlatformNames.Of(architecture.Architectures)}",
            MemoryRequirement memory => $"At least {Size(memory.MinimumMb)} of memory",
            CpuCountRequirement cpu => $"At least {RequirementEvaluator.Cpus(cpu.Minimum)}",
            DiskSpaceRequirement disk => $"At least {Size(disk.MinimumFreeMb)} free on {disk.Volume}",
            FileExistsRequirement file => file.MustExist ? $"File {file.Path} exists" : $"File {file.Path} does not exist",
            FileVersionRequirement file => $"File {file.Path} at version{Range(file.MinVersion, file.MaxVersion)}",
            EnvironmentVariableRequirement variable => $"Environment variable {variable.Name} is '{variable.Value}'",
            InstalledSoftwareRequirement installed => DescribeInstalled(installed, applicationName),
            RegistryValueRequirement registry => registry.ExpectedValue is null
                ? $"Registry value {registry.Key}\\{registry.ValueName} exists (Windows)"
                : $"Registry value {registry.Key}\\{registry.ValueName} is '{registry.ExpectedValue}' (Windows)",
            _ => $"Unsupported requirement {requirement.GetType().Name}",
        };
        return requirement.ShowWhenUnmet ? text : $"{text} (hidden when unmet)";
    }

    /// <summary>A size in megabytes as people say it: "2 TB", "64 GB", "1.5 GB", "512 MB".</summary>
    public static string Size(long mb) =>
        mb >= 1024 * 1024 ? Scaled(mb, 1024 * 1024, "TB")
        : mb >= 1024 ? Scaled(mb, 1024, "GB")
        : $"{mb} MB";

    /// <summary>
    /// Two sizes as people say them; in megabytes when rounding would make what is needed read the same as what there is
    /// ("2 GB … has 2 GB" for 2049 against 2048 MB).
    /// </summary>
    public static (string Need, string Has) Sizes(long needMb, long hasMb)
    {
        var (need, has) = (Size(needMb), Size(hasMb));
        return need == has ? ($"{needMb} MB", $"{hasMb} MB") : (need, has);
    }

    private static string Scaled(long mb, long unit, string name) =>
        $"{(mb / (double)unit).ToString(mb % unit == 0 ? "0" : "0.#", System.Globalization.CultureInfo.InvariantCulture)} {name}";

    private static string DescribeInstalled(InstalledSoftwareRequirement requirement, Func<Guid, string?>? applicationName)
    {
        var range = Range(requirement.MinVersion, requirement.MaxVersion);
        if (requirement.ApplicationId is { } id)
        {
            return $"{applicationName?.Invoke(id) ?? $"application {id}"}{range} installed";
        }

        return string.IsNullOrWhiteSpace(requirement.ExternalSoftwareName)
            ? "Installed software (none named)"
            : $"{requirement.ExternalSoftwareName.Trim()}{range} installed (external software)";
    }

    /// <summary>" 1.0 or later", "" for no bounds, or the raw bounds when they do not parse.</summary>
    private static string Range(string? min, string? max)
    {
        if (VersionRange.TryParse(min, max, out var range, out _))
        {
            return range.IsAny ? "" : $" {range}";
        }

        return $" (invalid range {min ?? "-"} to {max ?? "-"})";
    }
}
