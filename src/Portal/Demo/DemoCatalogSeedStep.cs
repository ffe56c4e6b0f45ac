using Catalog.Applications;
using Catalog.Macros;
using Catalog.Packaging;
using Microsoft.Extensions.Options;
using Portal.Administration;
using Portal.AgentLink;
using Portal.Jobs;
using Portal.Reporting;
using Portal.Seeding;

namespace Portal.Demo;

/// <summary>
/// Seeds <see cref="DemoCatalog"/>: each application that does not exist yet is created through the administration
/// service (so it is validated and audited like an administrator's), and one without a package gets a real package
/// built now with <see cref="PackageWriter"/>. The external-software entries are published when missing.
/// </summary>
public sealed class DemoCatalogSeedStep(
    ApplicationAdminService applications,
    ExternalSoftwareAdminService externalSoftware,
    IOptions<AgentLinkOptions> options,
    ILogger<DemoCatalogSeedStep> logger) : IDemoSeedStep
{
    public const string Actor = "demo seed";

    public int Order => 200;

    public string Name => "demo catalog";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var current = await externalSoftware.GetCurrentAsync(cancellationToken);
        var missing = DemoCatalog.ExternalSoftware.Where(e => current.Find(e.Name) is null).ToList();
        if (missing.Count > 0)
        {
            var published = await externalSoftware.PublishAsync(missing, Actor, cancellationToken);
            logger.LogInformation("Published {Count} demo external software entries as revision {Revision}", missing.Count, published.Revision);
        }

        foreach (var demo in DemoCatalog.Applications)
        {
            var application = await applications.GetAsync(demo.Application.Id, cancellationToken);
            if (application is null)
            {
                application = await applications.CreateAsync(demo.Application, Actor, cancellationToken);
                logger.LogInformation("Created demo application {Name} {Version}", application.Name, application.Version);
            }
            else if (WithFolderPrompts(application, demo.Application) is { } migrated)
            {
                application = await applications.UpdateAsync(migrated, Actor, cancellationToken);
                logger.LogInformation("Turned the location prompts of demo application {Name} into folder prompts", application.Name);
            }

            if (application.Package is null)
            {
                await using var package = await BuildPackageAsync(demo, cancellationToken);
                var uploaded = await applications.UploadPackageAsync(
                    application.Id, package, $"{DemoApplication.Folder(application.Name)}-{application.Version}.zip", null, Actor, cancellationToken);
                logger.LogInformation("Built demo package {Sha256} for {Name}", uploaded.Package.Sha256, application.Name);
            }
        }
    }

    /// <summary>
    /// A demo application seeded before folder prompts existed asks for its install location with a free-text prompt:
    /// the stored application with those prompts replaced by the demo's folder prompts, or null when none is left.
    /// </summary>
    private static Application? WithFolderPrompts(Application stored, Application demo)
    {
        var folders = demo.Macros.OfType<PromptedFolderMacro>().ToDictionary(m => m.Name, StringComparer.OrdinalIgnoreCase);
        if (!stored.Macros.Any(m => m is PromptedStringMacro && folders.ContainsKey(m.Name)))
        {
            return null;
        }

        return stored with
        {
            Macros = [.. stored.Macros.Select(m => m is PromptedStringMacro && folders.TryGetValue(m.Name, out var folder) ? folder : m)],
        };
    }

    /// <summary>Writes the payload files and builds the package in a scratch directory; returns the package, deleted when closed.</summary>
    private async Task<Stream> BuildPackageAsync(DemoApplication demo, CancellationToken cancellationToken)
    {
        using var staging = PackageStaging.Create(options);
        var payload = Directory.CreateDirectory(Path.Combine(staging.Directory, "payload")).FullName;
        var files = new List<PackageFile>();
        foreach (var (source, text) in demo.Payload.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var path = Path.Combine(payload, source);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, text, cancellationToken);
            var executable = source.EndsWith(".sh", StringComparison.Ordinal);
            files.Add(new PackageFile(source, $"{demo.InstallDirectory}/{source}", 0, "", executable ? 0x1ED : 0x1A4)); // 0755 / 0644
        }

        var manifest = new PackageManifest
        {
            Name = demo.Application.Name,
            Version = demo.Application.Version,
            Publisher = demo.Application.Publisher,
            Platform = demo.Platform,
            CreatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
            Files = files,
            Settings = demo.Settings,
        };
        var packagePath = Path.Combine(Path.GetTempPath(), $"portal-demo-{Guid.NewGuid():N}.zip");
        await PackageWriter.WriteAsync(manifest, payload, packagePath, CompressionChoice.Balanced, cancellationToken);
        return new FileStream(packagePath, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
    }
}
