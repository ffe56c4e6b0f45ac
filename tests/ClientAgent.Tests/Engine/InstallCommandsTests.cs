using Catalog.Packaging;

namespace ClientAgent.Tests.Engine;

public sealed class InstallCommandsTests : IDisposable
{
    private readonly EngineTestContext _context = new();

    public void Dispose() => _context.Dispose();

    [Fact]
    public async Task InstallZipStatusUninstall_RoundTripsThroughTheCommandLine()
    {
        var content = _context.NewPackage().File("%*PROGRAMS%/editor/bin/editor", "binary", mode: 493).Build();
        var zip = Path.Combine(_context.Root, "editor.zip");
        await PackageWriter.WriteAsync(content.Manifest, content, zip, CompressionChoice.Fastest);
        var programs = "*PROGRAMS=" + _context.Overrides["*PROGRAMS"];
        var before = TreeSnapshot.Take(_context.Tree);

        var install = await CliRun.RunAsync("install", zip, "--state-dir", _context.State.Root, "--macro", programs);
        var status = await CliRun.RunAsync("status", "--state-dir", _context.State.Root);
        var uninstall = await CliRun.RunAsync("uninstall", "editor", "--state-dir", _context.State.Root, "--macro", programs);

        Assert.True(install.ExitCode == 0, install.Error);
        Assert.Contains("Installed Editor 1.0.", install.Output);
        Assert.Matches(@"Editor\t1\.0\t\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ\t1 files", status.Output);
        Assert.True(uninstall.ExitCode == 0, uninstall.Error);
        Assert.Equal(before, TreeSnapshot.Take(_context.Tree));
    }

    [Fact]
    public async Task FailedInstall_ExitsNonZeroWithOneLineOnStderr()
    {
        var package = _context.NewPackage()
            .File(_context.InTree("a.txt"), "a")
            .Script(Catalog.Applications.ScriptStage.PostInstall, "exit 9")
            .Build();
        var directory = Directory.EnumerateDirectories(Path.Combine(_context.Root, "packages")).Single();

        var run = await CliRun.RunAsync("install", directory, "--state-dir", _context.State.Root);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("The install of Editor 1.0 failed and was rolled back: The post-install script exited with code 9.", run.Error.TrimEnd('\n'));
        Assert.False(File.Exists(_context.InTree("a.txt")));
        Assert.NotNull(package);
    }

    [Fact]
    public async Task WrongOsZip_IsRefusedWithOneLine()
    {
        var content = _context.NewPackage().File(_context.InTree("a.txt"), "a")
            .With(m => m with { Platform = TestPackageBuilder.OtherOs() }).Build();
        var zip = Path.Combine(_context.Root, "other.zip");
        await PackageWriter.WriteAsync(content.Manifest, content, zip, CompressionChoice.None);

        var run = await CliRun.RunAsync("install", zip, "--state-dir", _context.State.Root);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("was built for", run.Error);
        Assert.Single(run.Error.TrimEnd('\n').Split('\n'));
        Assert.False(File.Exists(_context.InTree("a.txt")));
    }

    [Fact]
    public async Task UninstallOfUnknownApplication_ExitsOne()
    {
        var run = await CliRun.RunAsync("uninstall", "ghost", "--state-dir", _context.State.Root);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("ghost is not installed on this machine.", run.Error.TrimEnd('\n'));
    }

    [Fact]
    public async Task BadMacroSyntax_ExitsOneNamingTheOption()
    {
        var run = await CliRun.RunAsync("uninstall", "x", "--state-dir", _context.State.Root, "--macro", "novalue");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("--macro expects NAME=VALUE, got \"novalue\".", run.Error.TrimEnd('\n'));
    }
}
