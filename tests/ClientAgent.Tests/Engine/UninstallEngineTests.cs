using System.Diagnostics;
using Catalog.Applications;
using Catalog.Events;
using Catalog.Packaging;
using ClientAgent.Engine;

namespace ClientAgent.Tests.Engine;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class UninstallEngineTests : IDisposable
{
    private readonly EngineTestContext _context = new();

    public void Dispose() => _context.Dispose();

    [Fact]
    public async Task InstallThenUninstall_LeavesTheTreeByteIdentical()
    {
        var overwritten = _context.InTree("etc/shared.conf");
        Directory.CreateDirectory(Path.GetDirectoryName(overwritten)!);
        File.WriteAllText(overwritten, "original shared config\n");
        File.SetUnixFileMode(overwritten, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var ini = _context.InTree("etc/app.ini");
        File.WriteAllText(ini, "# keep me\r\n[main]\r\ncolor = red\r\n\r\n[other]\r\nx=1");
        var doomed = _context.InTree("etc/obsolete.txt");
        File.WriteAllText(doomed, "obsolete");
        var package = _context.NewPackage()
            .File("%*PROGRAMS%/editor/bin/editor", "binary", mode: 493)
            .File("%*PROGRAMS%/editor/lib/deep/lib.so", new byte[70_000])
            .File(overwritten, "package shared config\n")
            .Setting(ini, "main", "color", "blue")
            .Setting(ini, "main", "font", "mono", SettingAttribute.AddToSection)
            .Setting(ini, "plugins", "spell", "on", SettingAttribute.AddToSection)
            .Setting(_context.InTree("etc/new.ini"), "s", "k", "v")
            .With(m => m with
            {
                Directories = [new PackageDirectory("%*PROGRAMS%/editor/cache")],
                EnvironmentVariables = [new PackageEnvironmentVariable("EDITOR_HOME", "%*PROGRAMS%/editor")],
                Shortcuts = [new PackageShortcut("%*APPLICATIONS%", "Editor", "%*PROGRAMS%/editor/bin/editor")],
                Deletions = [doomed],
            })
            .Build();
        var before = TreeSnapshot.Take(_context.Tree);

        var installed = await _context.InstallAsync(package);
        Assert.True(installed.Succeeded, installed.Message);
        Assert.NotEqual(before, TreeSnapshot.Take(_context.Tree));

        var removed = await _context.UninstallAsync("Editor");

        Assert.True(removed.Succeeded, removed.Message);
        Assert.Equal(before, TreeSnapshot.Take(_context.Tree));
        Assert.Equal("# keep me\r\n[main]\r\ncolor = red\r\n\r\n[other]\r\nx=1", File.ReadAllText(ini));
        Assert.Null(new ReceiptStore(_context.State).Get("Editor"));
        Assert.False(Directory.Exists(new ReceiptStore(_context.State).BackupDirectoryFor("Editor")));
        Assert.True(_context.JournalIsEmpty);
    }

    [Fact]
    public async Task Settings_AreRevertedOnlyForRemovableAttributesAndUnchangedValues()
    {
        var ini = _context.InTree("app.ini");
        File.WriteAllText(ini, "[main]\nsize=10\nobsolete=yes\ncolor=red\nfont=serif\n");
        await _context.InstallAsync(_context.NewPackage()
            .Setting(ini, "main", "size", "12", SettingAttribute.CreateIfExists)
            .Setting(ini, "main", "obsolete", "", SettingAttribute.Delete)
            .Setting(ini, "main", "color", "blue")
            .Setting(ini, "main", "font", "mono")
            .Build());
        var text = File.ReadAllText(ini).Replace("font=mono", "font=user-choice", StringComparison.Ordinal);
        File.WriteAllText(ini, text);

        var defaults = await _context.UninstallAsync(
            "Editor", new UninstallPolicy { RemovableSettingAttributes = [SettingAttribute.CreateAlways, SettingAttribute.AddToSection] });

        Assert.True(defaults.Succeeded, defaults.Message);
        var after = IniFile.Parse(File.ReadAllText(ini));
        Assert.Equal("12", after.Get("main", "size"));
        Assert.Null(after.Get("main", "obsolete"));
        Assert.Equal("red", after.Get("main", "color"));
        Assert.Equal("user-choice", after.Get("main", "font"));

        File.WriteAllText(ini, "[main]\nsize=10\nobsolete=yes\n");
        await _context.InstallAsync(_context.NewPackage()
            .Setting(ini, "main", "size", "12", SettingAttribute.CreateIfExists)
            .Setting(ini, "main", "obsolete", "", SettingAttribute.Delete)
            .Build());
        var everything = new UninstallPolicy
        {
            RemovableSettingAttributes = [SettingAttribute.CreateAlways, SettingAttribute.CreateIfExists, SettingAttribute.AddToSection, SettingAttribute.Delete],
        };

        var all = await _context.UninstallAsync("Editor", everything);

        Assert.True(all.Succeeded, all.Message);
        Assert.Equal("[main]\nsize=10\nobsolete=yes\n", File.ReadAllText(ini));
    }

    [Fact]
    public async Task UnclaimedIfNotExistsFile_IsKeptAtUninstall()
    {
        var existing = _context.InTree("user.txt");
        File.WriteAllText(existing, "user's own");
        await _context.InstallAsync(_context.NewPackage().File(existing, "package", CopyAttribute.IfNotExists).File(_context.InTree("app.txt"), "app").Build());

        var result = await _context.UninstallAsync("Editor");

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("user's own", File.ReadAllText(existing));
        Assert.False(File.Exists(_context.InTree("app.txt")));
    }

    [Fact]
    public async Task FileChangedSinceInstall_IsKeptUnlessPolicyRemovesChangedFiles()
    {
        await _context.InstallAsync(_context.NewPackage().File(_context.InTree("a.txt"), "a").File(_context.InTree("b.txt"), "b").Build());
        File.WriteAllText(_context.InTree("a.txt"), "edited by the user");

        var result = await _context.UninstallAsync("Editor");

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("edited by the user", File.ReadAllText(_context.InTree("a.txt")));
        Assert.False(File.Exists(_context.InTree("b.txt")));
        Assert.Contains(_context.Progress, p => p.Message.Contains("changed after the install"));

        await _context.InstallAsync(_context.NewPackage().File(_context.InTree("c.txt"), "c").Build());
        File.WriteAllText(_context.InTree("c.txt"), "edited");
        var forced = await _context.UninstallAsync("Editor", new UninstallPolicy { RemoveChangedFiles = true });
        Assert.True(forced.Succeeded, forced.Message);
        Assert.False(File.Exists(_context.InTree("c.txt")));
    }

    [Fact]
    public async Task FilesWhoseAttributeIsNotRemovable_AreKept()
    {
        await _context.InstallAsync(_context.NewPackage()
            .File(_context.InTree("always.txt"), "x")
            .File(_context.InTree("different.txt"), "y", CopyAttribute.IfDifferent)
            .Build());

        var result = await _context.UninstallAsync("Editor", new UninstallPolicy { RemovableCopyAttributes = [CopyAttribute.Always] });

        Assert.True(result.Succeeded, result.Message);
        Assert.False(File.Exists(_context.InTree("always.txt")));
        Assert.True(File.Exists(_context.InTree("different.txt")));
    }

    [Fact]
    public async Task ByApplicationId_FindsTheReceipt()
    {
        var applicationId = Guid.NewGuid();
        var result = await new InstallEngine(_context.State).InstallAsync(
            new InstallOptions { Package = _context.NewPackage().File(_context.InTree("a.txt"), "a").Build(), ApplicationId = applicationId, MacroOverrides = _context.Overrides },
            new Progress<EngineProgress>(),
            CancellationToken.None);
        Assert.True(result.Succeeded, result.Message);

        var removed = await _context.UninstallAsync(applicationId.ToString());

        Assert.True(removed.Succeeded, removed.Message);
        Assert.False(File.Exists(_context.InTree("a.txt")));
    }

    [Fact]
    public async Task NotInstalled_FailsClearly()
    {
        var result = await _context.UninstallAsync("Nothing");

        Assert.Equal(EngineOutcome.Failed, result.Outcome);
        Assert.Equal("Nothing is not installed on this machine.", result.Message);
    }

    [Fact]
    public async Task FailingPreUninstallScript_RollsBackAndKeepsTheReceipt()
    {
        await _context.InstallAsync(_context.NewPackage().File(_context.InTree("a.txt"), "a").Build());
        var before = TreeSnapshot.Take(_context.Tree);
        var failing = new ApplicationScript { Stage = ScriptStage.PostUninstall, Body = "exit 4" };

        var result = await _context.UninstallAsync("Editor", extraScripts: [failing]);

        Assert.Equal(EngineOutcome.RolledBack, result.Outcome);
        Assert.Contains("post-uninstall script exited with code 4", result.Message);
        Assert.Equal(before, TreeSnapshot.Take(_context.Tree));
        Assert.NotNull(new ReceiptStore(_context.State).Get("Editor"));
        Assert.True(_context.JournalIsEmpty);
    }

    [Fact]
    public async Task UninstallScriptsFromThePackage_RunWithMacrosExpandedAtInstall()
    {
        var marker = _context.InTree("uninstalled.txt");
        await _context.InstallAsync(_context.NewPackage()
            .File(_context.InTree("a.txt"), "a")
            .Script(ScriptStage.PreUninstall, $"echo \"%*PROGRAMS%\" > {marker}")
            .Build());

        var result = await _context.UninstallAsync("Editor");

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(_context.InTree("programs") + "\n", File.ReadAllText(marker));
    }

    [Fact]
    public async Task TerminateProcesses_EndsTheApplicationsRunningProcess()
    {
        var script = _context.InTree("programs/app/run.sh");
        await _context.InstallAsync(_context.NewPackage().File(script, "sleep 60\n", mode: 493).Build());
        using var running = Process.Start(new ProcessStartInfo("/bin/sh", [script]) { UseShellExecute = false })!;
        for (var i = 0; i < 50 && !File.ReadAllText($"/proc/{running.Id}/cmdline").Contains("run.sh"); i++)
        {
            await Task.Delay(20);
        }

        var result = await _context.UninstallAsync("Editor", new UninstallPolicy { TerminateProcesses = true }, terminator: new ClientAgent.Platform.LinuxProcessTerminator(TimeSpan.FromSeconds(1)));

        Assert.True(result.Succeeded, result.Message);
        Assert.True(running.WaitForExit(TimeSpan.FromSeconds(10)));
        Assert.Contains(_context.Progress, p => p.Event == EventType.ProcessTermination && p.Message.Contains($"pid {running.Id}"));
        Assert.False(File.Exists(script));
    }
}
