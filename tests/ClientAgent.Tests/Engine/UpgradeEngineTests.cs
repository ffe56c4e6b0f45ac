using Catalog.Applications;
using Catalog.Packaging;
using ClientAgent.Engine;
using ClientAgent.Platform;
using ClientAgent.Tests.Capture;

namespace ClientAgent.Tests.Engine;

/// <summary>
/// In-place upgrades: the result is exactly what a fresh install of the new version leaves, uninstalling afterwards
/// restores the machine as it was before the first version, and any failure or refusal leaves the old version's tree
/// and receipt byte for byte.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class UpgradeEngineTests : IDisposable
{
    private static readonly DateTime Then = new(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc);
    private static readonly Guid ApplicationId = Guid.Parse("0d9b6a8e-52a3-4b8f-9a55-1f9f3b2f6c11");
    private readonly EngineTestContext _context = new();
    private readonly string _shared;
    private readonly string _ini;

    public UpgradeEngineTests()
    {
        _shared = _context.InTree("etc/shared.conf");
        _ini = _context.InTree("etc/app.ini");
        Directory.CreateDirectory(_context.InTree("etc"));
        File.WriteAllText(_shared, "the machine's own shared.conf");
        File.WriteAllText(_ini, "[main]\ncolor=red\n");
    }

    public void Dispose() => _context.Dispose();

    private TestPackageBuilder Version1(EngineTestContext context) => context.NewPackage("Editor", "1.0")
        .File("%*PROGRAMS%/editor/bin/editor", "editor 1.0", mode: 0b111_101_101)
        .File("%*PROGRAMS%/editor/old-only/legacy.dat", "legacy")
        .File("%*PROGRAMS%/editor/user.cfg", "defaults 1.0", CopyAttribute.IfNotExists)
        .File(_shared, "shared by editor 1.0")
        .Setting(_ini, "main", "color", "blue")
        .Setting(_ini, "main", "font", "mono 10", SettingAttribute.AddToSection)
        .Setting(_ini, "old", "only", "1.0")
        .With(m => m with
        {
            EnvironmentVariables = [new PackageEnvironmentVariable("EDITOR_HOME", "%*PROGRAMS%/editor")],
            Shortcuts = [new PackageShortcut("%*APPLICATIONS%", "Editor", "%*PROGRAMS%/editor/bin/editor")],
        });

    private TestPackageBuilder Version2(EngineTestContext context) => context.NewPackage("Editor", "2.0")
        .File("%*PROGRAMS%/editor/bin/editor", "editor 2.0", mode: 0b111_101_101)
        .File("%*PROGRAMS%/editor/new-only/plugins.dat", "plugins")
        .File("%*PROGRAMS%/editor/user.cfg", "defaults 2.0", CopyAttribute.IfNotExists)
        .File(_shared.Replace(_context.Tree, context.Tree, StringComparison.Ordinal), "shared by editor 2.0")
        .Setting(_ini.Replace(_context.Tree, context.Tree, StringComparison.Ordinal), "main", "color", "green")
        .Setting(_ini.Replace(_context.Tree, context.Tree, StringComparison.Ordinal), "main", "font", "mono 12", SettingAttribute.AddToSection)
        .With(m => m with
        {
            EnvironmentVariables = [new PackageEnvironmentVariable("EDITOR_HOME", "%*PROGRAMS%/editor2")],
            Shortcuts = [new PackageShortcut("%*APPLICATIONS%", "Editor", "%*PROGRAMS%/editor/bin/editor --v2")],
        });

    private static Task<EngineResult> UpgradeAsync(
        EngineTestContext context, IPackageContent package, string from = "1.0", bool allowDowngrade = false, Guid? applicationId = null) =>
        new UpgradeEngine(context.State).UpgradeAsync(
            new UpgradeOptions
            {
                Install = new InstallOptions
                {
                    Package = package,
                    MacroOverrides = context.Overrides,
                    ApplicationId = applicationId ?? ApplicationId,
                },
                FromVersion = from,
                ToVersion = package.Manifest.Version,
                AllowDowngrade = allowDowngrade,
            },
            new Progress<EngineProgress>(),
            CancellationToken.None);

    private async Task InstallVersion1Async()
    {
        var result = await new InstallEngine(_context.State).InstallAsync(
            new InstallOptions { Package = Version1(_context).Build(), MacroOverrides = _context.Overrides, ApplicationId = ApplicationId },
            new Progress<EngineProgress>(), CancellationToken.None);
        Assert.Equal(EngineOutcome.Succeeded, result.Outcome);
    }

    /// <summary>The receipts directory as bytes: the receipt file and every backup it points to.</summary>
    private IReadOnlyList<string> ReceiptsSnapshot() => TreeSnapshot.Take(_context.State.Receipts);

    [Fact]
    public async Task Upgrade_LeavesExactlyTheTreeAFreshInstallOfTheNewVersionLeaves()
    {
        await InstallVersion1Async();

        var result = await UpgradeAsync(_context, Version2(_context).Build());

        Assert.Equal(EngineOutcome.Succeeded, result.Outcome);
        var receipt = new ReceiptStore(_context.State).Get("Editor")!;
        Assert.Equal("2.0", receipt.Version);
        Assert.Equal(ApplicationId, receipt.ApplicationId);
        Assert.Equal("Updated Editor from 1.0 to 2.0.", result.Message);
        var upgraded = TreeSnapshot.Take(_context.Tree);
        Assert.True((await _context.UninstallAsync("Editor")).Succeeded);
        Assert.True((await _context.InstallAsync(Version2(_context).Build())).Succeeded);
        Assert.Equal(TreeSnapshot.Take(_context.Tree), upgraded);
        Assert.False(File.Exists(_context.InTree("programs/editor/old-only/legacy.dat")));
        Assert.False(Directory.Exists(_context.InTree("programs/editor/old-only")));
        Assert.Equal("[main]\ncolor=green\nfont=mono 12\n", File.ReadAllText(_ini));
        Assert.True(_context.JournalIsEmpty);
    }

    [Fact]
    public async Task UninstallAfterUpgrade_RestoresTheMachineAsItWasBeforeTheFirstVersion()
    {
        var before = TreeSnapshot.Take(_context.Tree);
        await InstallVersion1Async();
        Assert.True((await UpgradeAsync(_context, Version2(_context).Build())).Succeeded);

        var removed = await _context.UninstallAsync("Editor");

        Assert.Equal(EngineOutcome.Succeeded, removed.Outcome);
        Assert.Equal("the machine's own shared.conf", File.ReadAllText(_shared));
        Assert.Equal("[main]\ncolor=red\n", File.ReadAllText(_ini));
        Assert.Equal(before, TreeSnapshot.Take(_context.Tree));
        Assert.False(Directory.Exists(Path.Combine(_context.State.Receipts, "editor")));
    }

    [Fact]
    public async Task FailingPostInstallScript_RollsBackToTheExactOldTreeAndReceipt()
    {
        await InstallVersion1Async();
        var tree = TreeSnapshot.Take(_context.Tree);
        var receipts = ReceiptsSnapshot();

        var result = await UpgradeAsync(_context, Version2(_context).Script(ScriptStage.PostInstall, "echo broken; exit 9").Build());

        Assert.Equal(EngineOutcome.RolledBack, result.Outcome);
        Assert.Contains("Editor 1.0 is installed as before", result.Message);
        Assert.Contains("exited with code 9", result.Message);
        Assert.Equal(tree, TreeSnapshot.Take(_context.Tree));
        Assert.Equal(receipts, ReceiptsSnapshot());
        Assert.True(_context.JournalIsEmpty);
        Assert.True((await _context.UninstallAsync("Editor")).Succeeded);
        Assert.Equal("the machine's own shared.conf", File.ReadAllText(_shared));
    }

    [Fact]
    public async Task FailureWhileCopyingTheNewVersion_RollsBackToTheExactOldTreeAndReceipt()
    {
        await InstallVersion1Async();
        var tree = TreeSnapshot.Take(_context.Tree);
        var receipts = ReceiptsSnapshot();

        var result = await UpgradeAsync(_context, new ThrowingPackageContent(Version2(_context).Build(), failingIndex: 1));

        Assert.Equal(EngineOutcome.RolledBack, result.Outcome);
        Assert.Equal(tree, TreeSnapshot.Take(_context.Tree));
        Assert.Equal(receipts, ReceiptsSnapshot());
    }

    [Fact]
    public async Task FileTheUserChanged_IsKeptWhenTheCopyAttributeSaysSo_AndStaysClaimed()
    {
        await InstallVersion1Async();
        var userCfg = _context.InTree("programs/editor/user.cfg");
        File.WriteAllText(userCfg, "the user's settings");

        Assert.True((await UpgradeAsync(_context, Version2(_context).Build())).Succeeded);

        Assert.Equal("the user's settings", File.ReadAllText(userCfg));
        var receipt = new ReceiptStore(_context.State).Get("Editor")!;
        Assert.Contains(receipt.Files, f => f.Path == userCfg);
    }

    [Fact]
    public async Task FileOnlyTheOldVersionHadAndTheUserChanged_IsKeptNotDeleted()
    {
        await InstallVersion1Async();
        var legacy = _context.InTree("programs/editor/old-only/legacy.dat");
        File.WriteAllText(legacy, "the user edited this");

        Assert.True((await UpgradeAsync(_context, Version2(_context).Build())).Succeeded);

        Assert.Equal("the user edited this", File.ReadAllText(legacy));
    }

    [Theory]
    [InlineData("0.9", "this update was made for version 0.9")]
    [InlineData("1.0.1", "this update was made for version 1.0.1")]
    public async Task ReceiptOfAnotherVersionThanTheJobNames_IsRefusedAndNothingChanges(string from, string expected)
    {
        await InstallVersion1Async();
        var tree = TreeSnapshot.Take(_context.Tree);
        var receipts = ReceiptsSnapshot();

        var result = await UpgradeAsync(_context, Version2(_context).Build(), from);

        Assert.Equal(EngineOutcome.Failed, result.Outcome);
        Assert.Contains(expected, result.Message);
        Assert.Equal(tree, TreeSnapshot.Take(_context.Tree));
        Assert.Equal(receipts, ReceiptsSnapshot());
    }

    [Fact]
    public async Task ReceiptOfAnotherCatalogApplication_IsRefused()
    {
        await InstallVersion1Async();
        var tree = TreeSnapshot.Take(_context.Tree);

        var result = await UpgradeAsync(_context, Version2(_context).Build(), applicationId: Guid.NewGuid());

        Assert.Equal(EngineOutcome.Failed, result.Outcome);
        Assert.Contains("belongs to another catalog application", result.Message);
        Assert.Equal(tree, TreeSnapshot.Take(_context.Tree));
    }

    [Fact]
    public async Task Downgrade_IsRefusedUnlessAllowed()
    {
        await InstallVersion1Async();
        Assert.True((await UpgradeAsync(_context, Version2(_context).Build())).Succeeded);
        var tree = TreeSnapshot.Take(_context.Tree);

        var refused = await UpgradeAsync(_context, Version1(_context).Build(), from: "2.0");

        Assert.Equal(EngineOutcome.Failed, refused.Outcome);
        Assert.Contains("does not allow going back to an older version", refused.Message);
        Assert.Equal(tree, TreeSnapshot.Take(_context.Tree));

        var allowed = await UpgradeAsync(_context, Version1(_context).Build(), from: "2.0", allowDowngrade: true);

        Assert.Equal(EngineOutcome.Succeeded, allowed.Outcome);
        Assert.Equal("editor 1.0", File.ReadAllText(_context.InTree("programs/editor/bin/editor")));
        Assert.Equal("1.0", new ReceiptStore(_context.State).Get("Editor")!.Version);
    }

    [Fact]
    public async Task PackageOfAnotherProduct_IsRefused()
    {
        await InstallVersion1Async();

        var result = await UpgradeAsync(_context, _context.NewPackage("Paint", "2.0").File("%*PROGRAMS%/paint/p", "p").Build());

        Assert.Equal(EngineOutcome.Failed, result.Outcome);
        Assert.Contains("an update must be the same product", result.Message);
        Assert.Equal("1.0", new ReceiptStore(_context.State).Get("Editor")!.Version);
    }

    [Fact]
    public async Task PackageForAnotherOperatingSystem_IsRefused()
    {
        await InstallVersion1Async();

        var result = await UpgradeAsync(_context, Version2(_context).With(m => m with { Platform = TestPackageBuilder.OtherOs() }).Build());

        Assert.Equal(EngineOutcome.Failed, result.Outcome);
        Assert.Contains("was built for", result.Message);
        Assert.Equal("1.0", new ReceiptStore(_context.State).Get("Editor")!.Version);
    }

    [Fact]
    public async Task TwoUpgradesInARow_ThenUninstall_RestoreTheOriginals()
    {
        var before = TreeSnapshot.Take(_context.Tree);
        await InstallVersion1Async();
        Assert.True((await UpgradeAsync(_context, Version2(_context).Build())).Succeeded);
        var third = _context.NewPackage("Editor", "3.0").File("%*PROGRAMS%/editor/bin/editor", "editor 3.0").File(_shared, "shared by 3.0").Build();
        Assert.True((await UpgradeAsync(_context, third, from: "2.0")).Succeeded);

        Assert.True((await _context.UninstallAsync("Editor")).Succeeded);

        Assert.Equal(before, TreeSnapshot.Take(_context.Tree));
    }

    /// <summary>
    /// The machine before the first version, all at one time: a library file 1.0's link L0 replaces, a directory whose
    /// mode 1.0 changes, a file both versions replace with the same link, and the constructor's setting file 1.0 edits.
    /// </summary>
    private void PrepareLinkTree()
    {
        Directory.CreateDirectory(_context.InTree("lib"));
        File.WriteAllText(_context.InTree("lib/libfoo.so.0"), "the machine's own libfoo");
        File.WriteAllText(_context.InTree("lib/libbar.so"), "the machine's own libbar");
        Directory.CreateDirectory(_context.InTree("share"));
        File.SetUnixFileMode(_context.InTree("share"), (UnixFileMode)0b111_101_000);
        foreach (var path in Directory.EnumerateFileSystemEntries(_context.Tree, "*", SearchOption.AllDirectories).Append(_context.Tree))
        {
            UnixFiles.SetModifiedTime(path, Then);
        }
    }

    private TestPackageBuilder LinksVersion1(EngineTestContext context) => context.NewPackage("Tool", "1.0")
        .Link(context.InTree("lib/libbar.so"), "libfoo.so.0")
        .File("%*PROGRAMS%/tool/lib/libt.so.1.0", "lib 1.0")
        .HardLink("%*PROGRAMS%/tool/lib/libt-copy", "%*PROGRAMS%/tool/lib/libt.so.1.0")
        .File("%*PROGRAMS%/tool/readme", "readme")
        .Link("%*PROGRAMS%/tool/lib/libt.so.1", "libt.so.1.0")
        .Link("%*PROGRAMS%/tool/current", "lib")
        .Link(context.InTree("lib/libfoo.so.0"), "../programs/tool/lib/libt.so.1.0")
        .Setting(context.InTree("etc/app.ini"), "main", "color", "blue")
        .With(m => m with { Directories = [new PackageDirectory(context.InTree("share"), 0b111_101_101)] });

    private TestPackageBuilder LinksVersion2(EngineTestContext context) => context.NewPackage("Tool", "2.0")
        .Link(context.InTree("lib/libbar.so"), "libfoo.so.0")
        .File("%*PROGRAMS%/tool/lib/libt.so.2.0", "lib 2.0")
        .HardLink("%*PROGRAMS%/tool/lib/libt-copy", "%*PROGRAMS%/tool/lib/libt.so.2.0")
        .File("%*PROGRAMS%/tool/readme", "readme")
        .Link("%*PROGRAMS%/tool/lib/libt.so.1", "libt.so.2.0")
        .Link("%*PROGRAMS%/tool/current", "lib")
        .Link("%*PROGRAMS%/tool/bin/t", "../lib/libt.so.1")
        .Setting(context.InTree("etc/app.ini"), "main", "color", "green")
        .With(m => m with { Directories = [new PackageDirectory(context.InTree("share"), 0b111_000_000)] });

    private async Task InstallLinksVersion1Async()
    {
        var result = await new InstallEngine(_context.State).InstallAsync(
            new InstallOptions { Package = LinksVersion1(_context).Build(), MacroOverrides = _context.Overrides, ApplicationId = ApplicationId },
            new Progress<EngineProgress>(), CancellationToken.None);
        Assert.Equal(EngineOutcome.Succeeded, result.Outcome);
    }

    [Fact]
    public async Task UpgradeWithLinks_LeavesTheTreeAFreshInstallLeaves_ChangedLinksReplaced_OldOnlyRemoved_SameKept()
    {
        PrepareLinkTree();
        await InstallLinksVersion1Async();
        var current = _context.InTree("programs/tool/current");
        UnixFiles.SetModifiedTime(current, Then);
        var currentInode = UnixFiles.Status(current)!.Value.Inode;

        var result = await UpgradeAsync(_context, LinksVersion2(_context).Build());

        Assert.Equal(EngineOutcome.Succeeded, result.Outcome);
        Assert.Equal("libt.so.2.0", new FileInfo(_context.InTree("programs/tool/lib/libt.so.1")).LinkTarget);
        Assert.Equal("../lib/libt.so.1", new FileInfo(_context.InTree("programs/tool/bin/t")).LinkTarget);
        Assert.Null(new FileInfo(_context.InTree("lib/libfoo.so.0")).LinkTarget);
        Assert.Equal("the machine's own libfoo", File.ReadAllText(_context.InTree("lib/libfoo.so.0")));
        Assert.False(File.Exists(_context.InTree("programs/tool/lib/libt.so.1.0")));
        // The link both versions ship unchanged is left alone, not removed and recreated.
        Assert.Equal((currentInode, Then.Ticks), (UnixFiles.Status(current)!.Value.Inode, UnixFiles.Status(current)!.Value.ModifiedTicks));
        var copy = UnixFiles.Status(_context.InTree("programs/tool/lib/libt-copy"))!.Value;
        Assert.Equal(UnixFiles.Status(_context.InTree("programs/tool/lib/libt.so.2.0"))!.Value.Inode, copy.Inode);
        Assert.Equal(2u, copy.LinkCount);
        var receipt = new ReceiptStore(_context.State).Get("Tool")!;
        Assert.Equal(
            ["../lib/libt.so.1", "lib", "libfoo.so.0", "libt.so.2.0"],
            receipt.Links.Select(l => l.LinkTarget).Order(StringComparer.Ordinal));
        // The kept link still owns the machine's original it replaced at 1.0, now kept with the 2.0 receipt.
        var bar = receipt.Links.Single(l => l.Path == _context.InTree("lib/libbar.so"));
        Assert.Equal("the machine's own libbar", File.ReadAllText(bar.BackupPath!));
        Assert.Contains($"backup-{receipt.JobId:N}", bar.BackupPath, StringComparison.Ordinal);
        var upgraded = ExactTree.Take(_context.Tree, withTimes: false);

        Assert.True((await _context.UninstallAsync("Tool")).Succeeded);
        Assert.True((await _context.InstallAsync(LinksVersion2(_context).Build())).Succeeded);
        Assert.Equal(ExactTree.Take(_context.Tree, withTimes: false), upgraded);
        Assert.True(_context.JournalIsEmpty);
    }

    [Fact]
    public async Task UpgradeWithLinks_FailingPostInstallScript_RollsBackToTheExactOldTree_LinksModesAndTimesIncluded()
    {
        PrepareLinkTree();
        await InstallLinksVersion1Async();
        foreach (var path in Directory.EnumerateFileSystemEntries(_context.Tree, "*", SearchOption.AllDirectories).Append(_context.Tree))
        {
            UnixFiles.SetModifiedTime(path, Then.AddDays(1));
        }

        var tree = ExactTree.Take(_context.Tree);
        var receipts = ReceiptsSnapshot();

        var result = await UpgradeAsync(_context, LinksVersion2(_context).Script(ScriptStage.PostInstall, "echo broken; exit 9").Build());

        Assert.Equal(EngineOutcome.RolledBack, result.Outcome);
        Assert.Contains("Tool 1.0 is installed as before", result.Message);
        Assert.Equal(tree, ExactTree.Take(_context.Tree));
        Assert.Equal(receipts, ReceiptsSnapshot());
        Assert.True(_context.JournalIsEmpty);
    }

    [Fact]
    public async Task UninstallAfterUpgradeWithLinks_RestoresTheTreeFromBeforeTheFirstVersionExactly()
    {
        PrepareLinkTree();
        var before = ExactTree.Take(_context.Tree);
        await InstallLinksVersion1Async();
        Assert.True((await UpgradeAsync(_context, LinksVersion2(_context).Build())).Succeeded);

        var removed = await _context.UninstallAsync("Tool");

        Assert.Equal(EngineOutcome.Succeeded, removed.Outcome);
        Assert.Equal(before, ExactTree.Take(_context.Tree));
        Assert.Equal("the machine's own libbar", File.ReadAllText(_context.InTree("lib/libbar.so")));
        Assert.False(Directory.Exists(Path.Combine(_context.State.Receipts, "tool")));
    }

    [Fact]
    public async Task UpgradeWithLinks_AnOldOnlyLinkTheUserRetargeted_IsKeptNotRemoved()
    {
        PrepareLinkTree();
        await InstallLinksVersion1Async();
        var libfoo = _context.InTree("lib/libfoo.so.0");
        File.Delete(libfoo);
        File.CreateSymbolicLink(libfoo, "/the/user/chose/this");

        Assert.True((await UpgradeAsync(_context, LinksVersion2(_context).Build())).Succeeded);

        Assert.Equal("/the/user/chose/this", new FileInfo(libfoo).LinkTarget);
        Assert.DoesNotContain(new ReceiptStore(_context.State).Get("Tool")!.Links, l => l.Path == libfoo);
    }
}
