using Catalog.Requirements;
using Catalog.Versioning;

namespace Catalog.Applications;

/// <summary>Checks an application's requirements for values that can never be evaluated sensibly.</summary>
internal static class RequirementValidator
{
    private static readonly string[] RegistryHives =
        ["HKLM", "HKCU", "HKCR", "HKU", "HKCC", "HKEY_LOCAL_MACHINE", "HKEY_CURRENT_USER", "HKEY_CLASSES_ROOT", "HKEY_USERS", "HKEY_CURRENT_CONFIG"];

    public static void Validate(Application app, List<ValidationError> errors)
    {
        for (var i = 0; i < app.Requirements.Count; i++)
        {
            var field = $"Requirements[{i}]";
            foreach (var message in Check(app, app.Requirements[i]))
            {
                errors.Add(new(field, message));
            }
        }
    }

    private static IEnumerable<string> Check(Application app, Requirement requirement)
    {
        switch (requirement)
        {
            case OsRequirement os:
                if (Range(os.MinVersion, os.MaxVersion) is { } osError)
                {
                    yield return $"OS version range: {osError}";
                }

                if (os.Family != app.Platform.OsFamily)
                {
                    yield return $"The application is built for {PlatformNames.Of(app.Platform.OsFamily)} but requires {PlatformNames.Of(os.Family)}, so it could never be installed";
                }

                break;
            case ArchitectureRequirement architecture when architecture.Architectures.Count == 0:
                yield return "Choose at least one processor architecture";
                break;
            case MemoryRequirement { MinimumMb: <= 0 }:
                yield return "The memory requirement must be at least 1 MB";
                break;
            case CpuCountRequirement { Minimum: <= 0 }:
                yield return "The CPU requirement must be at least 1 CPU";
                break;
            case DiskSpaceRequirement disk:
                if (string.IsNullOrWhiteSpace(disk.Volume))
                {
                    yield return "The disk space requirement needs a volume or path";
                }
                else if (Syntax(disk.Volume) is { } diskSyntax)
                {
                    yield return diskSyntax;
                }

                if (disk.MinimumFreeMb <= 0)
                {
                    yield return "The disk space requirement must be at least 1 MB";
                }

                break;
            case FileExistsRequirement file:
                if (PathError(file.Path) is { } fileError)
                {
                    yield return fileError;
                }

                break;
            case FileVersionRequirement file:
                if (PathError(file.Path) is { } versionPathError)
                {
                    yield return versionPathError;
                }

                if (string.IsNullOrWhiteSpace(file.MinVersion) && string.IsNullOrWhiteSpace(file.MaxVersion))
                {
                    yield return "The file version requirement needs a minimum or maximum version";
                }
                else if (Range(file.MinVersion, file.MaxVersion) is { } fileRange)
                {
                    yield return $"File version range: {fileRange}";
                }

                break;
            case EnvironmentVariableRequirement variable:
                if (string.IsNullOrWhiteSpace(variable.Name) || variable.Name.Contains('=') || variable.Name.Any(char.IsWhiteSpace))
                {
                    yield return $"Environment variable name '{variable.Name}' must be non-empty, without spaces or '='";
                }

                break;
            case InstalledSoftwareRequirement installed:
                foreach (var message in TargetErrors(app, installed.ApplicationId, installed.ExternalSoftwareName, "requirement", "require"))
                {
                    yield return message;
                }

                if (Range(installed.MinVersion, installed.MaxVersion) is { } installedRange)
                {
                    yield return $"Version range: {installedRange}";
                }

                break;
            case RegistryValueRequirement registry:
                var hive = registry.Key?.Split('\\', 2)[0] ?? "";
                if (!RegistryHives.Contains(hive, StringComparer.OrdinalIgnoreCase))
                {
                    yield return $"Registry key '{registry.Key}' must start with a hive such as HKLM or HKCU";
                }

                if (registry.ValueName is null)
                {
                    yield return "The registry requirement needs a value name (empty for the default value)";
                }

                break;
        }
    }

    /// <summary>Shared by requirements, dependencies and conflicts: exactly one target, and not the application itself.</summary>
    internal static IEnumerable<string> TargetErrors(Application app, Guid? applicationId, string? externalName, string noun, string verb)
    {
        var hasName = !string.IsNullOrWhiteSpace(externalName);
        if (applicationId is null && !hasName)
        {
            yield return $"The {noun} must name an application or external software";
        }
        else if (applicationId is not null && hasName)
        {
            yield return $"The {noun} names both an application and external software; choose one";
        }

        if (applicationId == app.Id)
        {
            yield return $"An application cannot {verb} itself";
        }
    }

    internal static string? Range(string? min, string? max) =>
        VersionRange.TryParse(min, max, out _, out var error) ? null : error;

    private static string? PathError(string? path) =>
        string.IsNullOrWhiteSpace(path) ? "The file requirement needs a path" : Syntax(path);

    private static string? Syntax(string text)
    {
        var errors = new List<ValidationError>();
        MacroDefinitionValidator.CheckSyntax(text, "", errors);
        return errors.FirstOrDefault()?.Message;
    }
}
