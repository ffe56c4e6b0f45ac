using Catalog.Applications;
using Catalog.Events;
using Catalog.ExternalSoftware;
using Catalog.Machines;
using Catalog.Macros;
using Catalog.Versioning;

namespace Catalog.Requirements;

/// <summary>
/// Decides how an application appears for one machine. The application's target platform counts as a requirement
/// that hides it (its package cannot install on another OS or architecture); every listed requirement that is
/// unmet either hides the application (<see cref="Requirement.ShowWhenUnmet"/> false) or shows it disabled.
/// </summary>
public static class RequirementEvaluator
{
    public static CatalogEvaluation Evaluate(Application app, Inventory inventory, ExternalSoftwareList externalList) =>
        Evaluate(app, inventory, externalList, null);

    /// <param name="applicationName">Names applications referenced by id in reasons (e.g. from the catalog); null = the inventory's name or the id.</param>
    public static CatalogEvaluation Evaluate(
        Application app,
        Inventory inventory,
        ExternalSoftwareList externalList,
        Func<Guid, string?>? applicationName)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(externalList);
        var reasons = new List<string>();
        var hidden = false;

        // The package's platform is an implicit requirement that hides the application, unless the administrator stated
        // the same restriction as a visible requirement (ShowWhenUnmet): then that requirement's reason shows instead.
        var (platformReason, platformKind) = CheckPlatform(app.Platform, inventory);
        if (platformReason is not null && !StatesVisibly(app, platformKind!, inventory))
        {
            reasons.Add(platformReason);
            hidden = true;
        }

        foreach (var requirement in app.Requirements)
        {
            var reason = Check(requirement, inventory, externalList, applicationName);
            if (reason is not null)
            {
                reasons.Add(reason);
                hidden |= !requirement.ShowWhenUnmet;
            }
        }

        var state = hidden ? ApplicationVisibility.Hidden
            : reasons.Count > 0 ? ApplicationVisibility.Unavailable
            : ApplicationVisibility.Available;
        return new CatalogEvaluation(state, reasons, hidden ? EventType.FilterHidden : EventType.FilterShown);
    }

    /// <summary>
    /// Evaluates every application of a catalog for one machine (the portal's catalog page, the filtering benchmark);
    /// applications referenced by id in reasons are named from the catalog.
    /// </summary>
    public static IReadOnlyDictionary<Guid, CatalogEvaluation> EvaluateCatalog(
        IReadOnlyCollection<Application> catalog,
        Inventory inventory,
        ExternalSoftwareList externalList)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var names = new Dictionary<Guid, string>();
        foreach (var app in catalog)
        {
            names.TryAdd(app.Id, app.Name);
        }

        string? NameOf(Guid id) => names.TryGetValue(id, out var name) ? name : null;
        var result = new Dictionary<Guid, CatalogEvaluation>(catalog.Count);
        foreach (var app in catalog)
        {
            result[app.Id] = Evaluate(app, inventory, externalList, NameOf);
        }

        return result;
    }

    /// <summary>Why <paramref name="requirement"/> is unmet on the machine, or null when it is met.</summary>
    public static string? Check(
        Requirement requirement,
        Inventory inventory,
        ExternalSoftwareList externalList,
        Func<Guid, string?>? applicationName = null)
    {
        ArgumentNullException.ThrowIfNull(requirement);
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(externalList);
        return requirement switch
        {
            OsRequirement os => CheckOs(os, inventory),
            ArchitectureRequirement architecture => CheckArchitecture(architecture.Architectures, inventory),
            MemoryRequirement memory => inventory.MemoryMb >= memory.MinimumMb
                ? null
                : MemoryShortfall(memory.MinimumMb, inventory.MemoryMb),
            CpuCountRequirement cpu => inventory.CpuCount >= cpu.Minimum
                ? null
                : $"Needs at least {Cpus(cpu.Minimum)}; this machine has {inventory.CpuCount}",
            DiskSpaceRequirement disk => CheckDisk(disk, inventory),
            FileExistsRequirement file => CheckFileExists(file, inventory),
            FileVersionRequirement file => CheckFileVersion(file, inventory),
            EnvironmentVariableRequirement variable => CheckEnvironment(variable, inventory),
            InstalledSoftwareRequirement installed => CheckInstalled(installed, inventory, externalList, applicationName),
            RegistryValueRequirement registry => CheckRegistry(registry, inventory),
            _ => $"Requirement kind {requirement.GetType().Name} is not supported, so it cannot be met",
        };
    }

    internal static string Cpus(int count) => count == 1 ? "1 CPU" : $"{count} CPUs";

    private static string Runs(Inventory inventory) =>
        string.IsNullOrWhiteSpace(inventory.OsVersion)
            ? PlatformNames.Of(inventory.OsFamily)
            : $"{PlatformNames.Of(inventory.OsFamily)} {inventory.OsVersion.Trim()}";

    private static (string? Reason, Type? Kind) CheckPlatform(TargetPlatform platform, Inventory inventory)
    {
        if (platform.OsFamily != inventory.OsFamily)
        {
            return ($"Built for {PlatformNames.Of(platform.OsFamily)}; this machine runs {Runs(inventory)}", typeof(OsRequirement));
        }

        return platform.Architectures.Count > 0 && !platform.Architectures.Contains(inventory.Architecture)
            ? ($"Built for {PlatformNames.Of(platform.Architectures)}; this machine is {PlatformNames.Of(inventory.Architecture)}", typeof(ArchitectureRequirement))
            : (null, null);
    }

    /// <summary>An unmet requirement of the same kind as the platform mismatch is shown when unmet.</summary>
    private static bool StatesVisibly(Application app, Type kind, Inventory inventory) =>
        app.Requirements.Any(r => r.GetType() == kind && r.ShowWhenUnmet
            && (r is OsRequirement os ? CheckOs(os, inventory) : CheckArchitecture(((ArchitectureRequirement)r).Architectures, inventory)) is not null);

    private static string? CheckOs(OsRequirement requirement, Inventory inventory)
    {
        var family = PlatformNames.Of(requirement.Family);
        if (!VersionRange.TryParse(requirement.MinVersion, requirement.MaxVersion, out var range, out var rangeError))
        {
            return $"The {family} version requirement is invalid: {rangeError}";
        }

        var need = range.IsAny ? family : $"{family} {range}";
        if (requirement.Family != inventory.OsFamily)
        {
            return $"Needs {need}; this machine runs {Runs(inventory)}";
        }

        if (range.IsAny)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(inventory.OsVersion))
        {
            return $"Needs {need}; this machine did not report its {family} version";
        }

        if (!DottedVersion.TryParseReported(inventory.OsVersion, out var version))
        {
            return $"Needs {need}; this machine runs {family} '{inventory.OsVersion.Trim()}', which is not a comparable version";
        }

        return range.Contains(version) ? null : $"Needs {need}; this machine runs {Runs(inventory)}";
    }

    private static string? CheckArchitecture(IReadOnlyList<CpuArchitecture> architectures, Inventory inventory) =>
        architectures.Count == 0 || architectures.Contains(inventory.Architecture)
            ? null
            : $"Needs {PlatformNames.Of(architectures)}; this machine is {PlatformNames.Of(inventory.Architecture)}";

    private static string? CheckDisk(DiskSpaceRequirement requirement, Inventory inventory)
    {
        var need = $"Needs {RequirementDescriber.Size(requirement.MinimumFreeMb)} free on";
        string path;
        try
        {
            path = MacroExpander.ForMachine(inventory.SpecialMacros, inventory.Environment).Expand(requirement.Volume);
        }
        catch (MacroException exception)
        {
            return $"{need} {requirement.Volume}; this machine cannot resolve it: {exception.Message}";
        }

        var volume = VolumeLocator.FindContaining(inventory.Volumes, path, inventory.OsFamily);
        if (volume is null)
        {
            return $"{need} {path}; this machine reports no volume containing {path}";
        }

        if (volume.FreeMb >= requirement.MinimumFreeMb)
        {
            return null;
        }

        var where = VolumeLocator.FindByName([volume], path, inventory.OsFamily) is null ? $"{path} (volume {volume.Name})" : path;
        var (needed, free) = RequirementDescriber.Sizes(requirement.MinimumFreeMb, volume.FreeMb);
        return $"Needs {needed} free on {where}; {free} free";
    }

    private static string MemoryShortfall(long needMb, long hasMb)
    {
        var (need, has) = RequirementDescriber.Sizes(needMb, hasMb);
        return $"Needs at least {need} of memory; this machine has {has}";
    }

    private static FileProbe? Probe(string path, Inventory inventory, out bool reported)
    {
        reported = TryGet(inventory.Files, path, inventory.OsFamily, out var probe);
        if (!reported)
        {
            try
            {
                var expanded = MacroExpander.ForMachine(inventory.SpecialMacros, inventory.Environment).Expand(path);
                reported = TryGet(inventory.Files, expanded, inventory.OsFamily, out probe);
            }
            catch (MacroException)
            {
                reported = false;
            }
        }

        return probe;
    }

    private static string? CheckFileExists(FileExistsRequirement requirement, Inventory inventory)
    {
        var need = requirement.MustExist ? $"Needs file {requirement.Path} to exist" : $"Needs file {requirement.Path} to be absent";
        var probe = Probe(requirement.Path, inventory, out var reported);
        if (!reported || probe is null)
        {
            return $"{need}; it was not reported by the agent yet";
        }

        return probe.Exists == requirement.MustExist ? null : requirement.MustExist ? $"{need}; it does not" : $"{need}; it exists";
    }

    private static string? CheckFileVersion(FileVersionRequirement requirement, Inventory inventory)
    {
        if (!VersionRange.TryParse(requirement.MinVersion, requirement.MaxVersion, out var range, out var rangeError))
        {
            return $"The version requirement on file {requirement.Path} is invalid: {rangeError}";
        }

        var need = $"Needs file {requirement.Path} at version {range}";
        var probe = Probe(requirement.Path, inventory, out var reported);
        if (!reported || probe is null)
        {
            return $"{need}; it was not reported by the agent yet";
        }

        if (!probe.Exists)
        {
            return $"{need}; the file does not exist";
        }

        if (string.IsNullOrWhiteSpace(probe.Version))
        {
            return range.IsAny ? null : $"{need}; the file has no version";
        }

        if (!DottedVersion.TryParseReported(probe.Version, out var version))
        {
            return range.IsAny ? null : $"{need}; its version '{probe.Version}' is not a comparable version";
        }

        return range.Contains(version) ? null : $"{need}; found version {probe.Version.Trim()}";
    }

    private static string? CheckEnvironment(EnvironmentVariableRequirement requirement, Inventory inventory)
    {
        var need = $"Needs environment variable {requirement.Name} to be '{requirement.Value}'";
        if (!TryGet(inventory.Environment, requirement.Name, inventory.OsFamily, out var value))
        {
            return $"{need}; it is not set";
        }

        return string.Equals(value, requirement.Value, StringComparison.Ordinal) ? null : $"{need}; it is '{value}'";
    }

    private static string? CheckInstalled(
        InstalledSoftwareRequirement requirement,
        Inventory inventory,
        ExternalSoftwareList externalList,
        Func<Guid, string?>? applicationName)
    {
        if (!VersionRange.TryParse(requirement.MinVersion, requirement.MaxVersion, out var range, out var rangeError))
        {
            return $"The installed-software requirement is invalid: {rangeError}";
        }

        var suffix = range.IsAny ? "" : $" {range}";
        if (requirement.ApplicationId is { } id)
        {
            var installed = inventory.Applications.Where(a => a.ApplicationId == id).ToList();
            var name = applicationName?.Invoke(id) ?? installed.FirstOrDefault()?.Name ?? $"application {id}";
            var need = $"Needs {name}{suffix} installed";
            if (installed.Count == 0)
            {
                return $"{need}; it is not installed";
            }

            if (range.IsAny || installed.Any(a => DottedVersion.TryParseReported(a.Version, out var v) && range.Contains(v)))
            {
                return null;
            }

            return $"{need}; version {installed[0].Version} is installed";
        }

        if (!string.IsNullOrWhiteSpace(requirement.ExternalSoftwareName))
        {
            var name = requirement.ExternalSoftwareName.Trim();
            var need = $"Needs {name}{suffix} installed";
            if (ExternalSoftwareMatcher.FindByName(externalList, name, inventory, range) is not null)
            {
                return null;
            }

            var other = ExternalSoftwareMatcher.FindByName(externalList, name, inventory, VersionRange.Any);
            return other is null ? $"{need}; it is not installed" : $"{need}; version {other.Version} is installed";
        }

        return "The installed-software requirement names no application or software, so it cannot be met";
    }

    private static string? CheckRegistry(RegistryValueRequirement requirement, Inventory inventory)
    {
        var key = $"{requirement.Key}\\{requirement.ValueName}";
        if (inventory.OsFamily != OsFamily.Windows)
        {
            return $"Registry value {key} applies only to Windows; this machine runs {Runs(inventory)}";
        }

        var need = requirement.ExpectedValue is null ? $"Needs registry value {key}" : $"Needs registry value {key} to be '{requirement.ExpectedValue}'";
        if (!TryGet(inventory.Registry, key, OsFamily.Windows, out var value))
        {
            return $"{need}; it is missing";
        }

        return requirement.ExpectedValue is null || string.Equals(value, requirement.ExpectedValue, StringComparison.Ordinal)
            ? null
            : $"{need}; it is '{value}'";
    }

    /// <summary>Exact lookup, then (on Windows) ignoring case.</summary>
    private static bool TryGet<T>(IReadOnlyDictionary<string, T> values, string key, OsFamily os, out T? value)
    {
        if (values.TryGetValue(key, out value))
        {
            return true;
        }

        if (os == OsFamily.Windows)
        {
            foreach (var (name, candidate) in values)
            {
                if (string.Equals(name, key, StringComparison.OrdinalIgnoreCase))
                {
                    value = candidate;
                    return true;
                }
            }
        }

        value = default;
        return false;
    }
}
