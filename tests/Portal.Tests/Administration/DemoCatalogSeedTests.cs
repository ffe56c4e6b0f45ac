using Portal.Data;
using Catalog.Packaging;
using Microsoft.Extensions.DependencyInjection;
using Portal.Demo;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Administration;

public sealed class DemoCatalogSeedTests
{
    [Fact]
    public async Task The_demo_catalog_has_real_packages_and_seeding_again_changes_nothing()
    {
        var settings = new Dictionary<string, string?> { ["Portal:SeedDemo"] = "true" };
        var dataDirectory = Directory.CreateTempSubdirectory("portal-demo-seed-").FullName;
        IReadOnlyList<Catalog.Applications.Application> first;
        int auditEntries;
        await using (var portal = new PortalFactory(settings, dataDirectory))
        {
            _ = portal.Server;
            first = await portal.Services.GetRequiredService<ApplicationRepository>().ListAsync();
            Assert.Equal(DemoCatalog.Applications.Count, first.Count);
            foreach (var app in first)
            {
                Assert.NotNull(app.Package);
                var path = Path.Combine(dataDirectory, "packages", app.Package!.Sha256[..2], app.Package.Sha256);
                using var archive = PackageReader.Open(path);
                Assert.Null(await archive.VerifyAsync());
                Assert.Equal(app.Name, archive.Manifest.Name);
            }

            var editor = first.Single(a => a.Id == DemoCatalog.TextEditorId);
            Assert.Contains(editor.Macros, m => m is Catalog.Macros.PromptedVolumeMacro);
            var folder = Assert.IsType<Catalog.Macros.PromptedFolderMacro>(Assert.Single(editor.Macros, m => m.Name == "INSTALLDIR"));
            Assert.Equal(["%*PROGRAMS%"], folder.AllowedParents);
            var external = await portal.Services.GetRequiredService<ExternalSoftwareRepository>().GetCurrentAsync();
            Assert.Equal(["bash", "coreutils"], external.Entries.Select(e => e.Name));
            auditEntries = (await portal.Services.GetRequiredService<AuditRepository>().ListAsync(limit: 1000)).Count;
        }

        try
        {
            await using var again = new PortalFactory(settings, dataDirectory);
            _ = again.Server;
            var second = await again.Services.GetRequiredService<ApplicationRepository>().ListAsync();
            Assert.Equal(first.Select(a => (a.Id, a.Package)), second.Select(a => (a.Id, a.Package)));
            Assert.Equal(auditEntries, (await again.Services.GetRequiredService<AuditRepository>().ListAsync(limit: 1000)).Count);
            Assert.Equal(1, (await again.Services.GetRequiredService<ExternalSoftwareRepository>().GetCurrentAsync()).Revision);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
