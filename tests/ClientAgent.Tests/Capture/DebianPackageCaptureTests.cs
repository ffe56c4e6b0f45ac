using Catalog.Packaging;
using ClientAgent.Engine;

namespace ClientAgent.Tests.Capture;

/// <summary>
/// Real software as Debian ships it: bzip2 and its shared library unpacked into a captured root, packaged, installed
/// onto a pristine root by the engine, run from there (loading the library through the captured soname link),
/// uninstalled — and the pristine root is exactly as before.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DebianPackageCaptureTests : IDisposable
{
    private static readonly DateTime Then = new(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc);
    private readonly CaptureWorkbench _bench = new();

    public void Dispose() => _bench.Dispose();

    [DebianPackageFact]
    public async Task Bzip2_captured_from_its_debs_installs_runs_with_its_own_library_and_uninstalls_to_the_identical_tree()
    {
        _bench.BothDirectory("bin");
        _bench.BothDirectory("lib");
        _bench.BothDirectory("usr/share/doc");
        _bench.Both("usr/share/doc/README.base", "the machine's own file");
        _bench.SameTimes(Then);
        var pristine = ExactTree.Take(_bench.InstallRoot);
        await _bench.StartAsync();
        foreach (var deb in DebianPackages.DebFiles)
        {
            var (code, output) = DebianPackages.Run("dpkg-deb", _bench.CaptureRoot, ["-x", deb, _bench.CaptureRoot]);
            Assert.True(code == 0, output);
        }

        var result = await _bench.FinishAsync();

        var manifest = result.Package.Manifest;
        var soname = Assert.Single(manifest.Links, l => l.Target.EndsWith("/libbz2.so.1.0", StringComparison.Ordinal));
        Assert.StartsWith("libbz2.so.1.0.", soname.LinkTarget); // relative, exactly as Debian ships it
        Assert.Contains(manifest.Links, l => l.Target == "%*ROOT%/bin/bzless" && l.LinkTarget == "bzmore");
        Assert.Contains(manifest.Files, f => f.Target == "%*ROOT%/bin/bzip2" && f.HardLinkOf is not null); // bunzip2, bzcat, bzip2 are one inode
        Assert.Empty(manifest.Shortcuts);

        Assert.Equal(EngineOutcome.Succeeded, (await _bench.InstallAsync()).Outcome);
        Assert.Equal(ExactTree.Take(_bench.CaptureRoot, withTimes: false), ExactTree.Take(_bench.InstallRoot, withTimes: false));
        foreach (var file in manifest.Files)
        {
            var relative = file.Target["%*ROOT%/".Length..];
            Assert.Equal(File.GetLastWriteTimeUtc(_bench.InCapture(relative)), File.GetLastWriteTimeUtc(_bench.InInstall(relative)));
        }

        var library = Path.GetDirectoryName(_bench.InInstall(soname.Target["%*ROOT%/".Length..]))!;
        var environment = new Dictionary<string, string> { ["LD_LIBRARY_PATH"] = library };
        var bzip2 = _bench.InInstall("bin/bzip2");
        Assert.Equal(UnixFilesStatus(bzip2).Inode, UnixFilesStatus(_bench.InInstall("bin/bzcat")).Inode);
        var (lddCode, ldd) = DebianPackages.Run("ldd", _bench.InstallRoot, [bzip2], environment);
        Assert.True(lddCode == 0, ldd);
        Assert.Contains($"libbz2.so.1.0 => {library}/libbz2.so.1.0", ldd);
        var scratch = Directory.CreateTempSubdirectory("bzip2-run-").FullName;
        try
        {
            var data = string.Concat(Enumerable.Repeat("captured software runs. ", 100));
            File.WriteAllText(Path.Combine(scratch, "data.txt"), data);
            Assert.Equal(0, DebianPackages.Run(bzip2, scratch, ["-k", "data.txt"], environment).ExitCode);
            var (catCode, text) = DebianPackages.Run(_bench.InInstall("bin/bzcat"), scratch, ["data.txt.bz2"], environment);
            Assert.Equal((0, data), (catCode, text));
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }

        Assert.Equal(EngineOutcome.Succeeded, (await _bench.UninstallAsync()).Outcome);

        Assert.Equal(pristine, ExactTree.Take(_bench.InstallRoot));
    }

    private static ClientAgent.Platform.UnixFileStatus UnixFilesStatus(string path) =>
        ClientAgent.Platform.UnixFiles.Status(path) ?? throw new FileNotFoundException(path);
}
