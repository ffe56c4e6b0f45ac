namespace Catalog.Packaging;

/// <summary>Every path template of a manifest (before macro expansion): what <see cref="Catalog.Macros.PathMacroAnalysis"/> reads.</summary>
public static class PackagePathTemplates
{
    public static IEnumerable<string> Of(PackageManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return manifest.Files.Select(f => f.Target)
            .Concat(manifest.Directories.Select(d => d.Target))
            .Concat(manifest.Settings.Select(s => s.File))
            .Concat(manifest.Shortcuts.Select(s => s.Location))
            .Concat(manifest.Deletions);
    }
}
