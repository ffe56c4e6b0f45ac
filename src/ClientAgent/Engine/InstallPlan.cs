using Catalog.Applications;
using Catalog.Packaging;
using ClientAgent.Platform;

namespace ClientAgent.Engine;

/// <summary>A package's manifest with every macro expanded and every target checked to be an absolute path.</summary>
public sealed record InstallPlan(
    PackageManifest Manifest,
    IReadOnlyList<PlannedFile> Files,
    IReadOnlyList<(string Path, int? Mode)> Directories,
    IReadOnlyList<PlannedSetting> Settings,
    PlannedWrite? EnvironmentFile,
    IReadOnlyList<PlannedWrite> Shortcuts,
    IReadOnlyList<string> Deletions,
    IReadOnlyList<(ApplicationScript Script, string Body)> Scripts)
{
    public long PayloadBytes => Files.Sum(f => f.File.Size);

    /// <summary>The package's symbolic links, target paths expanded (the link text is never expanded).</summary>
    public IReadOnlyList<PlannedLink> Links { get; init; } = [];

    public IEnumerable<(ApplicationScript Script, string Body)> ScriptsFor(ScriptStage stage) =>
        Scripts.Where(s => s.Script.Stage == stage);

    public static InstallPlan Create(
        PackageManifest manifest,
        IReadOnlyList<ApplicationScript> extraScripts,
        IMacroResolver macros,
        IShortcutWriter shortcutWriter)
    {
        var files = manifest.Files
            .Select(f => new PlannedFile(f, Target(macros, f.Target, $"payload file {f.Source}")))
            .ToList();
        var directories = manifest.Directories
            .Select(d => (Target(macros, d.Target, "directory"), d.Mode))
            .ToList();
        var settings = manifest.Settings
            .Select(s => new PlannedSetting(
                Target(macros, s.File, $"setting file of [{s.Section}] {s.Key}"),
                macros.Expand(s.Section),
                macros.Expand(s.Key),
                macros.Expand(s.Value),
                s.Attribute))
            .ToList();

        PlannedWrite? environmentFile = null;
        if (manifest.EnvironmentVariables.Count > 0)
        {
            var directory = Target(macros, "%*ENVIRONMENT%", "environment directory (*ENVIRONMENT)");
            var content = string.Concat(manifest.EnvironmentVariables.Select(v => $"{v.Name}={macros.Expand(v.Value)}\n"));
            environmentFile = new PlannedWrite(
                Path.Combine(directory, ReceiptStore.FileStem(manifest.Name) + ".conf"),
                System.Text.Encoding.UTF8.GetBytes(content),
                null);
        }

        var shortcuts = manifest.Shortcuts
            .Select(s => s with
            {
                Location = Target(macros, s.Location, $"location of shortcut {s.Name}"),
                Name = macros.Expand(s.Name),
                Command = macros.Expand(s.Command),
                Icon = macros.Expand(s.Icon),
                Comment = macros.Expand(s.Comment),
            })
            .Select(s => new PlannedWrite(Path.Combine(s.Location, shortcutWriter.FileName(s)), shortcutWriter.Render(s), shortcutWriter.Mode))
            .ToList();
        var deletions = manifest.Deletions.Select(d => Target(macros, d, "deletion")).ToList();
        var scripts = manifest.Scripts.Concat(extraScripts)
            .Select(s => (s, macros.Expand(s.Body)))
            .ToList();
        var links = manifest.Links.Select(l => new PlannedLink(Target(macros, l.Target, $"link to {l.LinkTarget}"), l.LinkTarget)).ToList();
        return new InstallPlan(manifest, files, directories, settings, environmentFile, shortcuts, deletions, scripts) { Links = links };
    }

    private static string Target(IMacroResolver macros, string raw, string what)
    {
        var expanded = macros.Expand(raw);
        if (!Path.IsPathFullyQualified(expanded))
        {
            throw new EngineFailureException($"The target of the {what} is not an absolute path after macro expansion: \"{raw}\" became \"{expanded}\".");
        }

        var full = Path.GetFullPath(expanded);
        return Path.TrimEndingDirectorySeparator(full) is { Length: > 0 } trimmed ? trimmed : full;
    }
}
