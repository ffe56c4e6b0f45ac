using System.IO.Compression;
using System.Text;
using Catalog.Packaging;

namespace Catalog.Tests.Packaging;

public sealed class PackageRoundTripTests : IDisposable
{
    private readonly PackageTestFiles _files = new();

    [Theory]
    [InlineData(CompressionChoice.None, CompressionLevel.NoCompression)]
    [InlineData(CompressionChoice.Fastest, CompressionLevel.Fastest)]
    [InlineData(CompressionChoice.Balanced, CompressionLevel.Optimal)]
    [InlineData(CompressionChoice.Smallest, CompressionLevel.SmallestSize)]
    public async Task Written_package_reads_back_with_filled_sizes_and_hashes(CompressionChoice choice, CompressionLevel level)
    {
        var big = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("hello package ", 20_000)));
        _files.WriteSource("bin/editor", big);
        _files.WriteSource("share/empty.txt", []);
        var manifest = PackageTestFiles.Manifest(
            new PackageFile("bin/editor", "%*PROGRAMS%/editor/bin/editor", 0, "", Mode: 493),
            new PackageFile("share/empty.txt", "%*PROGRAMS%/editor/share/empty.txt", 0, "", Attribute: CopyAttribute.IfNotExists));

        var result = await PackageWriter.WriteAsync(manifest, _files.PathOf("src"), _files.PathOf("editor.zip"), choice);

        Assert.Equal(PackageWriter.ToCompressionLevel(choice), level);
        Assert.Equal(await PackageHash.ComputeAsync(_files.PathOf("editor.zip")), result.Sha256);
        Assert.Equal(new FileInfo(_files.PathOf("editor.zip")).Length, result.Length);
        using var archive = PackageReader.Open(_files.PathOf("editor.zip"));
        Assert.Equal("Editor", archive.Manifest.Name);
        var editor = archive.Manifest.Files.Single(f => f.Source == "bin/editor");
        Assert.Equal(big.Length, editor.Size);
        Assert.Equal(PackageTestFiles.Sha(big), editor.Sha256);
        Assert.Equal(493, editor.Mode);
        Assert.Equal(CopyAttribute.IfNotExists, archive.Manifest.Files.Single(f => f.Source == "share/empty.txt").Attribute);
        using (var payload = archive.OpenPayload(editor))
        using (var copy = new MemoryStream())
        {
            await payload.CopyToAsync(copy);
            Assert.Equal(big, copy.ToArray());
        }

        Assert.Null(await archive.VerifyAsync());
        if (choice == CompressionChoice.None)
        {
            using var zip = ZipFile.OpenRead(_files.PathOf("editor.zip"));
            var entry = zip.GetEntry("payload/bin/editor")!;
            Assert.Equal(entry.Length, entry.CompressedLength);
        }
        else
        {
            using var zip = ZipFile.OpenRead(_files.PathOf("editor.zip"));
            Assert.True(zip.GetEntry("payload/bin/editor")!.CompressedLength < big.Length / 10);
        }
    }

    [Fact]
    public async Task Declared_hash_that_does_not_match_fails_the_write_and_leaves_no_file()
    {
        _files.WriteSource("a.txt", "content"u8.ToArray());
        var manifest = PackageTestFiles.Manifest(new PackageFile("a.txt", "/opt/a.txt", 7, new string('0', 64)));

        var error = await Assert.ThrowsAsync<PackageFormatException>(
            () => PackageWriter.WriteAsync(manifest, _files.PathOf("src"), _files.PathOf("out/a.zip"), CompressionChoice.Fastest));

        Assert.Contains("'a.txt'", error.Message);
        Assert.Contains("SHA-256", error.Message);
        Assert.Empty(Directory.GetFiles(_files.PathOf("out")));
    }

    [Fact]
    public async Task Declared_size_that_does_not_match_fails_the_write()
    {
        _files.WriteSource("a.txt", "content"u8.ToArray());
        var manifest = PackageTestFiles.Manifest(new PackageFile("a.txt", "/opt/a.txt", 99, ""));

        var error = await Assert.ThrowsAsync<PackageFormatException>(
            () => PackageWriter.WriteAsync(manifest, _files.PathOf("src"), _files.PathOf("a.zip"), CompressionChoice.None));

        Assert.Equal("File 'a.txt' is 7 bytes but its manifest declares 99", error.Message);
        Assert.False(File.Exists(_files.PathOf("a.zip")));
    }

    [Fact]
    public async Task Missing_source_file_names_the_file()
    {
        Directory.CreateDirectory(_files.PathOf("src"));
        var manifest = PackageTestFiles.Manifest(new PackageFile("nope.txt", "/opt/nope.txt", 0, ""));

        var error = await Assert.ThrowsAsync<PackageFormatException>(
            () => PackageWriter.WriteAsync(manifest, _files.PathOf("src"), _files.PathOf("a.zip"), CompressionChoice.None));

        Assert.Contains("'nope.txt' is missing", error.Message);
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void Listing_a_directory_gives_program_targets_and_modes()
    {
        var path = _files.WriteSource("bin/run", "x"u8.ToArray());
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _files.WriteSource("a.txt", "y"u8.ToArray());

        var files = DirectoryPackageContent.ListFiles(_files.PathOf("src"), "tool");

        Assert.Equal(["a.txt", "bin/run"], files.Select(f => f.Source));
        Assert.Equal("%*PROGRAMS%/tool/bin/run", files[1].Target);
        Assert.Equal(448, files[1].Mode);
    }

    [Fact]
    public async Task Package_hash_is_lower_case_hex_sha256_of_the_file()
    {
        var path = _files.WriteSource("x.bin", "abc"u8.ToArray());

        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", await PackageHash.ComputeAsync(path));
    }

    public void Dispose() => _files.Dispose();
}
