using Catalog.Applications;
using Catalog.Packaging;
using ClientAgent.Engine;

namespace ClientAgent.Tests.Engine;

/// <summary>A failure injected at each phase leaves the tree exactly as before, with no receipt and no journal.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class RollbackTests : IDisposable
{
    private readonly EngineTestContext _context = new();
    private readonly string _overwritten;
    private readonly string _ini;
    private readonly string _doomed;

    public RollbackTests()
    {
        _overwritten = _context.InTree("etc/shared.conf");
        _ini = _context.InTree("etc/app.ini");
        _doomed = _context.InTree("old");
        Directory.CreateDirectory(_context.InTree("etc"));
        Directory.CreateDirectory(_doomed);
        File.WriteAllText(Path.Combine(_doomed, "old.txt"), "old");
        File.WriteAllText(_overwritten, "original");
        File.WriteAllText(_ini, "[main]\ncolor=red\n");
    }

    public void Dispose() => _context.Dispose();

    private TestPackageBuilder Package() => _context.NewPackage()
        .File("%*PROGRAMS%/editor/a.bin", new byte[200_000])
        .File(_overwritten, "replaced")
        .File("%*PROGRAMS%/editor/sub/b.bin", new byte[300_000])
        .File("%*PROGRAMS%/editor/sub/c.txt", "c")
        .Setting(_ini, "main", "color", "blue")
        .Setting(_context.InTree("etc/created.ini"), "s", "k", "v")
        .With(m => m with
        {
            Deletions = [_doomed],
            EnvironmentVariables = [new PackageEnvironmentVariable("A", "1")],
            Shortcuts = [new PackageShortcut("%*APPLICATIONS%", "Editor", "editor")],
        });

    private async Task AssertRolledBackAsync(Func<Task<EngineResult>> install, string expectedMessagePart)
    {
        var before = TreeSnapshot.Take(_context.Tree);

        var result = await install();

        Assert.Equal(EngineOutcome.RolledBack, result.Outcome);
        Assert.Contains(expectedMessagePart, result.Message);
        Assert.Equal(before, TreeSnapshot.Take(_context.Tree));
        Assert.Null(new ReceiptStore(_context.State).Get("Editor"));
        Assert.True(_context.JournalIsEmpty);
        Assert.Contains(_context.Progress, p => p.Phase == Catalog.Jobs.JobPhase.RollingBack);
    }

    [Fact]
    public Task PreInstallScriptFailure_RollsBack() =>
        AssertRolledBackAsync(() => _context.InstallAsync(Package().Script(ScriptStage.PreInstall, "exit 3").Build()),
            "pre-install script exited with code 3");

    [Fact]
    public Task FailureMidCopy_RollsBack() =>
        AssertRolledBackAsync(() => _context.InstallAsync(new ThrowingPackageContent(Package().Build(), failingIndex: 2)),
            "Simulated read failure");

    [Fact]
    public Task SettingFileFailure_RollsBack()
    {
        Directory.CreateDirectory(_context.InTree("etc/dir.ini"));
        return AssertRolledBackAsync(() => _context.InstallAsync(Package().Setting(_context.InTree("etc/dir.ini"), "s", "k", "v").Build()),
            "dir.ini");
    }

    [Fact]
    public Task PostInstallScriptFailure_RollsBack() =>
        AssertRolledBackAsync(() => _context.InstallAsync(Package().Script(ScriptStage.PostInstall, "echo failing; exit 7").Build()),
            "post-install script exited with code 7");

    [Fact]
    public Task ExtraScriptFromThePortalFailure_RollsBack() =>
        AssertRolledBackAsync(() => _context.InstallAsync(Package().Build(),
                extraScripts: [new ApplicationScript { Stage = ScriptStage.PostInstall, Body = "exit 1" }]),
            "post-install script exited with code 1");

    [Fact]
    public Task ScriptTimeout_KillsTheScriptAndRollsBack() =>
        AssertRolledBackAsync(() => _context.InstallAsync(Package().Script(ScriptStage.PostInstall, "sleep 5", timeoutSeconds: 1).Build()),
            "post-install script timed out after 1 s");

    [Fact]
    public async Task Cancellation_RollsBack()
    {
        using var cancellation = new CancellationTokenSource();
        var marker = _context.Root + "/post-started";
        var package = Package().Script(ScriptStage.PostInstall, $"touch {marker}; sleep 20").Build();
        var canceller = Task.Run(async () =>
        {
            while (!File.Exists(marker))
            {
                await Task.Delay(20);
            }

            await cancellation.CancelAsync();
        });
        await AssertRolledBackAsync(() => _context.InstallAsync(package, cancellation.Token), "cancelled");
        await canceller;
    }

    [Fact]
    public async Task CorruptPayload_RollsBack()
    {
        var builder = Package();
        var package = builder.Build();
        var payloadFile = Directory.EnumerateFiles(Path.Combine(_context.Root, "packages"), "c.txt", SearchOption.AllDirectories).Single();
        File.WriteAllText(payloadFile, "tampered");

        await AssertRolledBackAsync(() => _context.InstallAsync(package), "does not match the SHA-256");
    }
}
