using System.IO.Compression;
using System.Text;
using Catalog.Machines;
using Catalog.Packaging;

namespace Catalog.Tests.Packaging;

public sealed class PackageReaderRefusalTests : IDisposable
{
    private static readonly byte[] Data = "payload bytes"u8.ToArray();
    private readonly PackageTestFiles _files = new();

    private string Refused(string path)
    {
        var error = Assert.ThrowsAny<PackageFormatException>(() => PackageReader.Open(path).Dispose());
        return error.Message;
    }

    private PackageManifest GoodManifest(string source = "a.txt") => PackageTestFiles.Manifest(PackageTestFiles.FileFor(source, Data));

    [Theory]
    [InlineData("payload/../evil", "'..' segment")]
    [InlineData("../evil", "'..' segment")]
    [InlineData("/abs", "absolute path")]
    [InlineData("C:\\x", "backslash")]
    [InlineData("C:x", "drive letter")]
    [InlineData("payload\\..\\..\\x", "backslash")]
    [InlineData("payload//x", "empty or '.' segment")]
    public void Unsafe_entry_names_are_refused(string entryName, string reason)
    {
        var path = _files.CraftZip("evil.zip", GoodManifest(), ("payload/a.txt", Data, null), (entryName, Data, null));

        var message = Refused(path);

        Assert.Contains($"unsafe entry '{entryName}'", message);
        Assert.Contains(reason, message);
    }

    [Fact]
    public void Symbolic_link_entries_are_refused()
    {
        var path = _files.CraftZip("link.zip", GoodManifest(), ("payload/a.txt", "/etc/passwd"u8.ToArray(), 0xA1FF));

        Assert.Contains("'payload/a.txt' that is a symbolic link", Refused(path));
    }

    [Fact]
    public void Other_special_file_entries_are_refused()
    {
        var path = _files.CraftZip("fifo.zip", GoodManifest(), ("payload/a.txt", Data, 0x11A4));

        Assert.Contains("'payload/a.txt' that is not a regular file", Refused(path));
    }

    [Fact]
    public void Regular_file_mode_is_accepted()
    {
        var path = _files.CraftZip("ok.zip", GoodManifest(), ("payload/a.txt", Data, 0x81ED));

        using var archive = PackageReader.Open(path);

        Assert.Single(archive.Manifest.Files);
    }

    [Fact]
    public void Names_equal_after_NFC_normalisation_are_refused()
    {
        var nfc = "payload/caf\u00e9.txt";
        var nfd = "payload/cafe\u0301.txt";
        var manifest = Windows(PackageTestFiles.FileFor("a.txt", Data), PackageTestFiles.FileFor(nfc[8..], Data), PackageTestFiles.FileFor(nfd[8..], Data));
        var path = _files.CraftZip("nfc.zip", manifest, ("payload/a.txt", Data, null), (nfc, Data, null), (nfd, Data, null));

        Assert.Contains("collide", Refused(path));
    }

    private static PackageManifest Windows(params PackageFile[] files) => PackageTestFiles.Manifest(files) with
    {
        Platform = new PackagePlatform(Catalog.Machines.OsFamily.Windows, "10.0", null),
    };

    [Fact]
    public void Names_that_differ_only_in_case_or_normalisation_are_kept_apart_in_a_Linux_package()
    {
        var manifest = PackageTestFiles.Manifest(
            PackageTestFiles.FileFor("xt_MARK.h", Data), PackageTestFiles.FileFor("xt_mark.h", Data),
            PackageTestFiles.FileFor("caf\u00e9.txt", Data), PackageTestFiles.FileFor("cafe\u0301.txt", Data));
        var path = _files.CraftZip("linux-pairs.zip", manifest,
            ("payload/xt_MARK.h", Data, null), ("payload/xt_mark.h", Data, null), ("payload/caf\u00e9.txt", Data, null), ("payload/cafe\u0301.txt", Data, null));

        using var archive = PackageReader.Open(path);

        Assert.Equal(4, archive.Manifest.Files.Count);
    }

    [Fact]
    public void Names_equal_after_case_folding_are_refused()
    {
        var manifest = Windows(PackageTestFiles.FileFor("a.txt", Data), PackageTestFiles.FileFor("A.TXT", Data));
        var path = _files.CraftZip("case.zip", manifest, ("payload/a.txt", Data, null), ("payload/A.TXT", Data, null));

        var message = Refused(path);
        Assert.Contains("'a.txt' and 'A.TXT' collide", message);
    }

    [Fact]
    public void Duplicate_entries_are_refused()
    {
        var path = _files.CraftZip("dup.zip", GoodManifest(), ("payload/a.txt", Data, null), ("payload/a.txt", Data, null));

        Assert.Contains("has the entry 'payload/a.txt' twice", Refused(path));
    }

    [Fact]
    public void Missing_manifest_is_refused()
    {
        var path = _files.CraftZip("nomanifest.zip", null, ("payload/a.txt", Data, null));

        Assert.EndsWith("has no manifest.json", Refused(path));
    }

    [Fact]
    public void Invalid_manifest_json_is_refused_naming_the_manifest()
    {
        var path = _files.CraftZipWithManifestText("badjson.zip", "{ \"name\": \"x\", ", ("payload/a.txt", Data));

        var message = Refused(path);

        Assert.StartsWith("manifest.json of package", message);
        Assert.Contains("is not a valid package manifest", message);
    }

    [Fact]
    public void Manifest_with_unknown_attribute_is_refused()
    {
        var json = """
            {"name":"X","version":"1","platform":{"osFamily":"Linux","osVersion":"12"},
             "files":[{"source":"a.txt","target":"/opt/a","size":13,"sha256":"%SHA%","attribute":"Sometimes"}]}
            """.Replace("%SHA%", PackageTestFiles.Sha(Data));
        var path = _files.CraftZipWithManifestText("badenum.zip", json, ("payload/a.txt", Data));

        Assert.Contains("is not a valid package manifest", Refused(path));
    }

    [Fact]
    public void Manifest_of_an_unsupported_format_version_is_refused()
    {
        var path = _files.CraftZip("v9.zip", GoodManifest() with { FormatVersion = 9 }, ("payload/a.txt", Data, null));

        Assert.Contains("has format version 9; this program supports version 1", Refused(path));
    }

    [Fact]
    public void Manifest_file_without_payload_is_refused()
    {
        var manifest = PackageTestFiles.Manifest(PackageTestFiles.FileFor("a.txt", Data), PackageTestFiles.FileFor("b.txt", Data));
        var path = _files.CraftZip("missing.zip", manifest, ("payload/a.txt", Data, null));

        Assert.Contains("lists 'b.txt' in its manifest but has no payload entry 'payload/b.txt'", Refused(path));
    }

    [Fact]
    public void Payload_not_in_the_manifest_is_refused()
    {
        var path = _files.CraftZip("extra.zip", GoodManifest(), ("payload/a.txt", Data, null), ("payload/extra.sh", Data, null));

        Assert.Contains("payload entry 'payload/extra.sh' that its manifest does not list", Refused(path));
    }

    [Fact]
    public void Entries_outside_payload_are_refused()
    {
        var path = _files.CraftZip("outside.zip", GoodManifest(), ("payload/a.txt", Data, null), ("run.sh", Data, null));

        Assert.Contains("unexpected entry 'run.sh'", Refused(path));
    }

    [Fact]
    public void Size_mismatch_between_manifest_and_entry_is_refused()
    {
        var manifest = PackageTestFiles.Manifest(PackageTestFiles.FileFor("a.txt", Data) with { Size = 5 });
        var path = _files.CraftZip("size.zip", manifest, ("payload/a.txt", Data, null));

        Assert.Contains("payload entry 'payload/a.txt' is 13 bytes but the manifest declares 5", Refused(path));
    }

    [Theory]
    [InlineData("../evil")]
    [InlineData("/etc/passwd")]
    [InlineData("a/../../b")]
    public void Unsafe_source_paths_in_the_manifest_are_refused(string source)
    {
        var path = _files.CraftZip("source.zip", GoodManifest(source), ("payload/a.txt", Data, null));

        Assert.Contains($"file source '{source}'", Refused(path));
    }

    [Fact]
    public void Colliding_sources_in_the_manifest_are_refused()
    {
        var manifest = PackageTestFiles.Manifest(PackageTestFiles.FileFor("a.txt", Data), PackageTestFiles.FileFor("a.txt", Data));
        var path = _files.CraftZip("twice.zip", manifest, ("payload/a.txt", Data, null));

        Assert.Contains("lists file source 'a.txt' twice", Refused(path));
    }

    [Fact]
    public async Task Hash_mismatch_is_found_by_verify_and_by_reading()
    {
        var manifest = PackageTestFiles.Manifest(PackageTestFiles.FileFor("a.txt", "PAYLOAD BYTES"u8.ToArray()));
        var path = _files.CraftZip("hash.zip", manifest, ("payload/a.txt", Data, null));
        using var archive = PackageReader.Open(path);

        var failure = await archive.VerifyAsync();

        Assert.NotNull(failure);
        Assert.Equal("a.txt", failure.File.Source);
        Assert.Contains("'payload/a.txt' has SHA-256", failure.Message);
        using var stream = archive.OpenPayload(archive.Manifest.Files[0]);
        Assert.Throws<PackageFormatException>(() => stream.CopyTo(Stream.Null));
    }

    [Fact]
    public void Package_for_another_os_is_refused_naming_both()
    {
        var manifest = GoodManifest() with { Platform = new PackagePlatform(OsFamily.Windows, "10.0") };
        var path = _files.CraftZip("windows.zip", manifest, ("payload/a.txt", Data, null));

        var error = Assert.Throws<WrongOsException>(
            () => PackageReader.Open(path, new PackagePlatform(OsFamily.Linux, "12"), "Debian"));

        Assert.Equal("Package 'Editor 1.0' was built for Windows 10.0; this machine runs Linux 12 (Debian)", error.Message);
    }

    [Fact]
    public void A_directory_is_refused_as_unreadable()
    {
        Directory.CreateDirectory(_files.PathOf("dir.zip"));

        Assert.Contains("cannot be read", Refused(_files.PathOf("dir.zip")));
    }

    [Fact]
    public void Not_a_zip_is_refused()
    {
        File.WriteAllText(_files.PathOf("text.zip"), "just text");

        Assert.Contains("is not a readable zip archive", Refused(_files.PathOf("text.zip")));
    }

    [Fact]
    public void Zip_bomb_whose_headers_understate_the_size_stops_at_the_declared_bound()
    {
        // 50 MB of zeros compresses to ~50 KB; the headers and the manifest then claim 13 bytes.
        var bomb = new byte[50 * 1024 * 1024];
        var manifest = PackageTestFiles.Manifest(new PackageFile("a.txt", "/opt/a", Data.Length, PackageTestFiles.Sha(Data)));
        var path = _files.CraftZip("bomb.zip", manifest, ("payload/a.txt", bomb, null));
        ForgeUncompressedSize(path, "payload/a.txt", (uint)Data.Length);

        using var archive = PackageReader.Open(path);
        using var stream = archive.OpenPayload(archive.Manifest.Files[0]);
        var total = 0L;
        var buffer = new byte[1 << 16];
        var error = Assert.ThrowsAny<PackageFormatException>(() =>
        {
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                total += read;
            }
        });

        Assert.True(total <= Data.Length, $"read {total} bytes past a bound of {Data.Length}");
        Assert.Contains("'payload/a.txt'", error.Message);
    }

    [Fact]
    public void Endless_payload_stream_is_cut_at_the_declared_size()
    {
        using var stream = new PayloadReadStream(new EndlessStream(), "payload/endless", 1000, new string('0', 64));
        var total = 0L;
        var buffer = new byte[4096];

        var error = Assert.Throws<PackageFormatException>(() =>
        {
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                total += read;
            }
        });

        Assert.Equal(0, total);
        Assert.Equal(1001, stream.Position); // at most one byte past the bound is ever requested
        Assert.Equal("Payload entry 'payload/endless' is larger than the 1000 bytes its manifest declares", error.Message);
    }

    /// <summary>Rewrites the uncompressed size of one entry in both its local header and the central directory.</summary>
    private static void ForgeUncompressedSize(string path, string entryName, uint size)
    {
        var bytes = File.ReadAllBytes(path);
        var name = Encoding.UTF8.GetBytes(entryName);
        for (var i = 0; i < bytes.Length - 46; i++)
        {
            var signature = BitConverter.ToUInt32(bytes, i);
            if (signature == 0x04034b50 && bytes.AsSpan(i + 30, name.Length).SequenceEqual(name))
            {
                BitConverter.TryWriteBytes(bytes.AsSpan(i + 22, 4), size);
            }
            else if (signature == 0x02014b50 && bytes.AsSpan(i + 46, name.Length).SequenceEqual(name))
            {
                BitConverter.TryWriteBytes(bytes.AsSpan(i + 24, 4), size);
            }
        }

        File.WriteAllBytes(path, bytes);
    }

    private sealed class EndlessStream : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => 0; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => count;
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    public void Dispose() => _files.Dispose();
}
