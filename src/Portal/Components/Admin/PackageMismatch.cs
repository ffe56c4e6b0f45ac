using System.Text.RegularExpressions;
using Catalog.Packaging;
using Portal.Administration.Drafts;

namespace Portal.Components.Admin;

/// <summary>
/// What makes a package look like another application's: a different name or version in its manifest, or macros
/// (%NAME%) in its targets, settings or scripts that the application does not define. Shown as a warning, not refused:
/// a package may legitimately be renamed or rely on an environment variable.
/// </summary>
public static partial class PackageMismatch
{
    public static IReadOnlyList<string> Of(ApplicationDraft draft, PackageManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(manifest);
        var warnings = new List<string>();
        if (!string.Equals(manifest.Name.Trim(), draft.Name.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            warnings.Add($"The package was built as “{manifest.Name}”, this application is “{draft.Name}”.");
        }

        if (!string.Equals(manifest.Version.Trim(), draft.Version.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            warnings.Add($"The package is version {manifest.Version}, this application is version {draft.Version}.");
        }

        var defined = draft.Macros.Select(m => m.Name.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var texts = manifest.Files.Select(f => f.Target)
            .Concat(manifest.Directories.Select(d => d.Target))
            .Concat(manifest.Shortcuts.Select(s => s.ToString() ?? ""))
            .Concat(manifest.Settings.Select(s => s.ToString() ?? ""))
            .Concat(manifest.EnvironmentVariables.Select(v => v.ToString() ?? ""));
        var undefined = texts.SelectMany(t => MacroReference().Matches(t ?? "").Select(m => m.Groups[1].Value))
            .Where(name => !name.StartsWith('*') && !defined.Contains(name))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (undefined.Count > 0)
        {
            warnings.Add($"The package uses {string.Join(", ", undefined.Select(n => $"%{n}%"))}, which this application does not define "
                + "(the Macros tab); unless the machines have environment variables of that name, installs will fail.");
        }

        return warnings;
    }

    [GeneratedRegex("%([^%\\s]{1,64})%")]
    private static partial Regex MacroReference();
}
