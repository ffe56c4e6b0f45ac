using Catalog.Applications;
using Catalog.Dependencies;
using Catalog.ExternalSoftware;
using Catalog.Requirements;

namespace Catalog.Tests.ExternalSoftware;

/// <summary>
/// A catalog consults machines' external software exactly when some requirement, dependency or conflict names external
/// software, or a dependency on a catalog application can be met by software the external-software list describes.
/// </summary>
public sealed class ExternalSoftwareUseTests
{
    private static readonly ExternalSoftwareList WithEntry =
        new(1, DateTimeOffset.UnixEpoch, [new ExternalSoftwareEntry { Name = "Office Suite" }]);

    private static Application App(string name) => new() { Name = name, Version = "1.0" };

    [Fact]
    public void ACatalogThatNamesNoExternalSoftware_DoesNotConsultIt()
    {
        var editor = App("Editor");
        var catalog = new[]
        {
            editor,
            App("Viewer") with
            {
                Requirements = [new MemoryRequirement(1024), new InstalledSoftwareRequirement(ApplicationId: editor.Id)],
                Dependencies = [new Dependency(ApplicationId: editor.Id)],
                Conflicts = [new Conflict(ApplicationId: Guid.NewGuid())],
            },
        };

        Assert.False(ExternalSoftwareUse.IsConsulted(catalog, ExternalSoftwareList.Empty));
        Assert.False(ExternalSoftwareUse.IsConsulted([editor], WithEntry));
    }

    [Fact]
    public void EachWayOfNamingExternalSoftware_MakesTheCatalogConsultIt()
    {
        var editor = App("Editor");
        Assert.True(ExternalSoftwareUse.IsConsulted([App("A") with { Requirements = [new InstalledSoftwareRequirement(ExternalSoftwareName: "libssl3")] }], ExternalSoftwareList.Empty));
        Assert.True(ExternalSoftwareUse.IsConsulted([App("B") with { Dependencies = [new Dependency(ExternalSoftwareName: "python3")] }], ExternalSoftwareList.Empty));
        Assert.True(ExternalSoftwareUse.IsConsulted([App("C") with { Conflicts = [new Conflict(ExternalSoftwareName: "openoffice")] }], ExternalSoftwareList.Empty));
        // A dependency on a catalog application may be met by that software installed by other means.
        Assert.True(ExternalSoftwareUse.IsConsulted([editor, App("D") with { Dependencies = [new Dependency(ApplicationId: editor.Id)] }], WithEntry));
    }
}
