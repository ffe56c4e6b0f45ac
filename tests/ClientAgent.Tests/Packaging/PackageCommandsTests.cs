using System.IO.Compression;
using System.Text.Json;
using Catalog.Packaging;
using Catalog.Serialization;

namespace ClientAgent.Tests.Packaging;

public sealed class PackageCommandsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private const string MinimalManifest = """
        { "name": "editor", "version": "2.1", "platform": { "osFamily": "Linux", "osVersion": "12", "architecture": "X64" } }
        """;

    private async Task<string> BuildAsync(string compression = "Fastest")
    {
        _dir.Write("src/bin/editor", "#!/bin/sh\necho editor\n");
        _dir.Write("src/share/readme.txt", "read me");
        _dir.Write("manifest.json", MinimalManifest);
        var run = await CliRun.RunAsync("package", "build", "--from", _dir["src"], "--manifest", _dir["manifest.json"],
            "--out", _dir["editor.pkg"], "--compression", compression, "--state-dir", _dir["state"]);
        Assert.True(run.ExitCode == 0, run.Error);
        return run.Output.Trim();
    }

    [Fact]
    public async Task Build_without_a_files_list_packs_every_file_under_programs_and_prints_the_hash()
    {
        var sha = await BuildAsync();

        Assert.Equal(await PackageHash.ComputeAsync(_dir["editor.pkg"]), sha);
        using var archive = PackageReader.Open(_dir["editor.pkg"]);
        Assert.Equal(["%*PROGRAMS%/editor/bin/editor", "%*PROGRAMS%/editor/share/readme.txt"], archive.Manifest.Files.Select(f => f.Target));
        Assert.Equal(7, archive.Manifest.Files[1].Size);
        Assert.NotNull(archive.Manifest.Files[1].ModifiedAt);
    }

    [Fact]
    public async Task Build_keeps_symbolic_links_as_links_and_inspect_and_verify_show_them()
    {
        _dir.Write("src/lib/libx.so.1.2", "library");
        File.CreateSymbolicLink(_dir["src/lib/libx.so.1"], "libx.so.1.2");
        File.CreateSymbolicLink(_dir["src/lib/hosts"], "/etc/hosts");
        _dir.Write("manifest.json", MinimalManifest);

        var build = await CliRun.RunAsync("package", "build", "--from", _dir["src"], "--manifest", _dir["manifest.json"], "--out", _dir["x.pkg"], "--state-dir", _dir["state"]);
        var inspect = await CliRun.RunAsync("package", "inspect", _dir["x.pkg"], "--state-dir", _dir["state"]);
        var verify = await CliRun.RunAsync("package", "verify", _dir["x.pkg"], "--state-dir", _dir["state"]);

        Assert.True(build.ExitCode == 0, build.Error);
        using var archive = PackageReader.Open(_dir["x.pkg"]);
        Assert.Equal(["%*PROGRAMS%/editor/lib/libx.so.1.2"], archive.Manifest.Files.Select(f => f.Target));
        Assert.Equal(
            [new PackageLink("%*PROGRAMS%/editor/lib/hosts", "/etc/hosts"), new PackageLink("%*PROGRAMS%/editor/lib/libx.so.1", "libx.so.1.2")],
            archive.Manifest.Links);
        Assert.Contains("Links:       2", inspect.Output);
        Assert.Contains("link     %*PROGRAMS%/editor/lib/libx.so.1 -> libx.so.1.2", inspect.Output);
        Assert.Contains("verified: 1 files, 7 bytes, 2 links", verify.Output);
    }

    [Fact]
    public async Task Build_with_no_compression_stores_entries()
    {
        await BuildAsync("None");

        using var zip = ZipFile.OpenRead(_dir["editor.pkg"]);
        Assert.All(zip.Entries, e => Assert.Equal(e.Length, e.CompressedLength));
    }

    [Fact]
    public async Task Build_with_a_wrong_declared_hash_fails_with_one_line()
    {
        _dir.Write("src/a.txt", "abc");
        _dir.Write("manifest.json", """
            { "name": "x", "version": "1", "platform": { "osFamily": "Linux", "osVersion": "12" },
              "files": [ { "source": "a.txt", "target": "/opt/x/a.txt", "sha256": "0000000000000000000000000000000000000000000000000000000000000000" } ] }
            """);

        var run = await CliRun.RunAsync("package", "build", "--from", _dir["src"], "--manifest", _dir["manifest.json"], "--out", _dir["x.pkg"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: File 'a.txt' has SHA-256 ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad but its manifest declares 0000000000000000000000000000000000000000000000000000000000000000",
            run.Error.TrimEnd());
        Assert.False(File.Exists(_dir["x.pkg"]));
    }

    [Fact]
    public async Task Build_with_a_listed_file_fills_size_and_hash()
    {
        _dir.Write("src/a.txt", "abc");
        _dir.Write("src/ignored.txt", "not listed");
        _dir.Write("manifest.json", """
            { "name": "x", "version": "1", "platform": { "osFamily": "Linux", "osVersion": "12" },
              "files": [ { "source": "a.txt", "target": "/etc/x.conf", "attribute": "IfNotExists" } ] }
            """);

        var run = await CliRun.RunAsync("package", "build", "--from", _dir["src"], "--manifest", _dir["manifest.json"], "--out", _dir["x.pkg"]);

        Assert.Equal(0, run.ExitCode);
        using var archive = PackageReader.Open(_dir["x.pkg"]);
        var file = Assert.Single(archive.Manifest.Files);
        Assert.Equal(("/etc/x.conf", 3L, CopyAttribute.IfNotExists), (file.Target, file.Size, file.Attribute));
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", file.Sha256);
    }

    [Fact]
    public async Task Build_with_an_invalid_manifest_names_it()
    {
        Directory.CreateDirectory(_dir["src"]);
        _dir.Write("manifest.json", """{ "name": "x" }""");

        var run = await CliRun.RunAsync("package", "build", "--from", _dir["src"], "--manifest", _dir["manifest.json"], "--out", _dir["x.pkg"]);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"error: Manifest file '{_dir["manifest.json"]}' is not a valid package manifest", run.Error);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task Inspect_prints_a_summary_with_each_file()
    {
        await BuildAsync();

        var run = await CliRun.RunAsync("package", "inspect", _dir["editor.pkg"], "--state-dir", _dir["state"]);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("editor 2.1", run.Output);
        Assert.Contains("Platform:    Linux 12 X64", run.Output);
        Assert.Contains("Files:       2 (29 bytes)", run.Output);
        Assert.Contains("file     %*PROGRAMS%/editor/share/readme.txt  7 bytes  Always", run.Output);
    }

    [Fact]
    public async Task Inspect_json_prints_the_manifest()
    {
        await BuildAsync();

        var run = await CliRun.RunAsync("package", "inspect", _dir["editor.pkg"], "--json");

        var manifest = JsonSerializer.Deserialize<PackageManifest>(run.Output, CatalogJson.Options)!;
        Assert.Equal(("editor", "2.1", 2), (manifest.Name, manifest.Version, manifest.Files.Count));
    }

    [Fact]
    public async Task Verify_succeeds_on_a_good_package()
    {
        await BuildAsync();

        var run = await CliRun.RunAsync("package", "verify", _dir["editor.pkg"], "--state-dir", _dir["state"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Package 'editor 2.1' verified: 2 files, 29 bytes, 0 links", run.Output.Trim());
    }

    [Fact]
    public async Task Verify_names_the_first_bad_entry()
    {
        await BuildAsync("None");
        // Same length, different content: flip one stored byte of readme.txt in place.
        var bytes = await File.ReadAllBytesAsync(_dir["editor.pkg"]);
        var at = IndexOf(bytes, "read me"u8.ToArray());
        bytes[at] = (byte)'R';
        await File.WriteAllBytesAsync(_dir["editor.pkg"], bytes);

        var run = await CliRun.RunAsync("package", "verify", _dir["editor.pkg"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("failed verification at 'share/readme.txt'", run.Error);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task Verify_of_a_missing_file_fails_with_one_line()
    {
        var run = await CliRun.RunAsync("package", "verify", _dir["nope.pkg"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: Package file '{_dir["nope.pkg"]}' does not exist", run.Error.TrimEnd());
    }

    [Fact]
    public async Task Build_without_required_options_fails_naming_them()
    {
        var run = await CliRun.RunAsync("package", "build", "--out", _dir["x.pkg"]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--from", run.Error);
        Assert.False(File.Exists(_dir["x.pkg"]));
    }

    private static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);

    public void Dispose() => _dir.Dispose();
}
