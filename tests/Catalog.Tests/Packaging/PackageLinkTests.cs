using System.Text;
using Catalog.Packaging;

namespace Catalog.Tests.Packaging;

/// <summary>Links and hard links in the manifest: written, read back, and refused when malformed.</summary>
public sealed class PackageLinkTests : IDisposable
{
    private readonly PackageTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Links_and_hard_links_round_trip_with_their_exact_text()
    {
        _files.WriteSource("lib/libx.so.1.2", Encoding.UTF8.GetBytes("library"));
        _files.WriteSource("bin/gzip", Encoding.UTF8.GetBytes("zip"));
        _files.WriteSource("bin/gunzip", Encoding.UTF8.GetBytes("zip"));
        var manifest = PackageTestFiles.Manifest(
            new PackageFile("bin/gunzip", "%*PROGRAMS%/z/bin/gunzip", 0, ""),
            new PackageFile("bin/gzip", "%*PROGRAMS%/z/bin/gzip", 0, "") { HardLinkOf = "bin/gunzip" },
            new PackageFile("lib/libx.so.1.2", "%*PROGRAMS%/z/lib/libx.so.1.2", 0, "")) with
        {
            Links = [new PackageLink("%*PROGRAMS%/z/lib/libx.so.1", "libx.so.1.2"), new PackageLink("%*PROGRAMS%/z/100%%", "/abs/50%")],
        };

        await PackageWriter.WriteAsync(manifest, _files.PathOf("src"), _files.PathOf("links.zip"), CompressionChoice.Fastest);

        using var archive = PackageReader.Open(_files.PathOf("links.zip"));
        Assert.Equal(manifest.Links, archive.Manifest.Links);
        Assert.Equal("bin/gunzip", archive.Manifest.Files.Single(f => f.Source == "bin/gzip").HardLinkOf);
        Assert.Null(await archive.VerifyAsync());
    }

    [Theory]
    [InlineData("%*PROGRAMS%/z/x", "", "empty or invalid linkTarget")]
    [InlineData("", "target", "has no target")]
    [InlineData("%*PROGRAMS%/z/x", "a\0b", "empty or invalid linkTarget")]
    public void A_malformed_link_is_refused_naming_the_field(string target, string linkTarget, string expected)
    {
        var manifest = PackageTestFiles.Manifest() with { Links = [new PackageLink(target, linkTarget)] };

        var error = Assert.Throws<PackageFormatException>(() => PackageManifestValidator.Validate(manifest, "test manifest", requireDigests: false));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_hard_link_to_a_file_that_is_not_earlier_in_the_package_is_refused()
    {
        var manifest = PackageTestFiles.Manifest(
            new PackageFile("a", "%*PROGRAMS%/z/a", 0, "") { HardLinkOf = "b" },
            new PackageFile("b", "%*PROGRAMS%/z/b", 0, ""));

        var error = Assert.Throws<PackageFormatException>(() => PackageManifestValidator.Validate(manifest, "test manifest", requireDigests: false));

        Assert.Contains("'a' is a hard link of 'b', which is not an earlier file", error.Message);
    }
}
