using Catalog.Applications;
using Catalog.Macros;
using Catalog.Packaging;
using ClientAgent.Engine;

namespace ClientAgent.Tests.Engine;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class InstallEngineTests : IDisposable
{
    private readonly EngineTestContext _context = new();

    public void Dispose() => _context.Dispose();

    [Fact]
    public async Task Install_CopiesFilesAppliesModesAndWritesReceipt()
    {
        var package = _context.NewPackage()
            .File("%*PROGRAMS%/editor/bin/editor", "#!/bin/sh\necho hi\n", mode: 493)
            .File("%*PROGRAMS%/editor/share/readme.txt", "read me")
            .Build();

        var result = await _context.InstallAsync(package);

        Assert.Equal(EngineOutcome.Succeeded, result.Outcome);
        var binary = _context.InTree("programs/editor/bin/editor");
        Assert.Equal("#!/bin/sh\necho hi\n", File.ReadAllText(binary));
        Assert.Equal((UnixFileMode)493, File.GetUnixFileMode(binary));
        var receipt = new ReceiptStore(_context.State).Get("Editor");
        Assert.NotNull(receipt);
        Assert.Equal("1.0", receipt.Version);
        Assert.Equal(2, receipt.Files.Count);
        Assert.All(receipt.Files, f => Assert.False(f.PreExisted));
        Assert.Contains(_context.InTree("programs"), receipt.DirectoriesCreated);
        Assert.Contains(_context.InTree("programs/editor/bin"), receipt.DirectoriesCreated);
        Assert.True(_context.JournalIsEmpty);
        Assert.Contains(_context.Progress, p => p.Phase == Catalog.Jobs.JobPhase.Installing && p.Percent == 100);
    }

    [Fact]
    public async Task Always_OverwritesAndKeepsBackupOfTheOldFile()
    {
        var target = _context.InTree("config.txt");
        File.WriteAllText(target, "old");

        var result = await _context.InstallAsync(_context.NewPackage().File(target, "new").Build());

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("new", File.ReadAllText(target));
        var entry = Assert.Single(result.Receipt!.Files);
        Assert.True(entry.PreExisted);
        Assert.Equal("old", File.ReadAllText(entry.BackupPath!));
    }

    [Fact]
    public async Task IfNotExists_SkipsAnExistingFileAndDoesNotClaimIt()
    {
        var existing = _context.InTree("keep.txt");
        File.WriteAllText(existing, "mine");
        var package = _context.NewPackage()
            .File(existing, "theirs", CopyAttribute.IfNotExists)
            .File(_context.InTree("fresh.txt"), "fresh", CopyAttribute.IfNotExists)
            .Build();

        var result = await _context.InstallAsync(package);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("mine", File.ReadAllText(existing));
        Assert.Equal("fresh", File.ReadAllText(_context.InTree("fresh.txt")));
        Assert.Equal([_context.InTree("fresh.txt")], result.Receipt!.Files.Select(f => f.Path));
    }

    [Fact]
    public async Task IfExists_OnlyOverwritesExistingFiles()
    {
        var existing = _context.InTree("present.txt");
        File.WriteAllText(existing, "old");
        var package = _context.NewPackage()
            .File(existing, "new", CopyAttribute.IfExists)
            .File(_context.InTree("absent.txt"), "never", CopyAttribute.IfExists)
            .Build();

        var result = await _context.InstallAsync(package);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("new", File.ReadAllText(existing));
        Assert.False(File.Exists(_context.InTree("absent.txt")));
        Assert.True(Assert.Single(result.Receipt!.Files).PreExisted);
    }

    [Fact]
    public async Task IfDifferent_CopiesOnlyWhenTheContentDiffers()
    {
        File.WriteAllText(_context.InTree("same.txt"), "same");
        File.WriteAllText(_context.InTree("other.txt"), "before");
        var package = _context.NewPackage()
            .File(_context.InTree("same.txt"), "same", CopyAttribute.IfDifferent)
            .File(_context.InTree("other.txt"), "after", CopyAttribute.IfDifferent)
            .Build();

        var result = await _context.InstallAsync(package);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("after", File.ReadAllText(_context.InTree("other.txt")));
        Assert.Equal([_context.InTree("other.txt")], result.Receipt!.Files.Select(f => f.Path));
    }

    [Fact]
    public async Task IfNewer_CopiesOverTargetsOlderThanThePackageOnly()
    {
        var older = _context.InTree("older.txt");
        var newer = _context.InTree("newer.txt");
        File.WriteAllText(older, "older");
        File.WriteAllText(newer, "newer");
        File.SetLastWriteTimeUtc(older, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        File.SetLastWriteTimeUtc(newer, new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var package = _context.NewPackage()
            .File(older, "package", CopyAttribute.IfNewer)
            .File(newer, "package", CopyAttribute.IfNewer)
            .File(_context.InTree("missing.txt"), "package", CopyAttribute.IfNewer)
            .Build();

        var result = await _context.InstallAsync(package);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("package", File.ReadAllText(older));
        Assert.Equal("newer", File.ReadAllText(newer));
        Assert.Equal("package", File.ReadAllText(_context.InTree("missing.txt")));
        Assert.Equal(2, result.Receipt!.Files.Count);
    }

    [Fact]
    public async Task Settings_FollowTheirAttributesAndKeepComments()
    {
        var ini = _context.InTree("app.ini");
        File.WriteAllText(ini, "; settings\n[main]\ncolor = red\nsize=10\nobsolete=yes\n\n[other]\nx=1\n");
        var package = _context.NewPackage()
            .Setting(ini, "main", "color", "blue")
            .Setting(ini, "main", "size", "12", SettingAttribute.CreateIfExists)
            .Setting(ini, "main", "missing", "1", SettingAttribute.CreateIfExists)
            .Setting(ini, "main", "size", "99", SettingAttribute.AddToSection)
            .Setting(ini, "main", "font", "mono", SettingAttribute.AddToSection)
            .Setting(ini, "new", "key", "value", SettingAttribute.AddToSection)
            .Setting(ini, "main", "obsolete", "", SettingAttribute.Delete)
            .Build();

        var result = await _context.InstallAsync(package);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("; settings\n[main]\ncolor = blue\nsize=12\nfont=mono\n\n[other]\nx=1\n[new]\nkey=value\n", File.ReadAllText(ini));
        var settings = result.Receipt!.Settings;
        Assert.Equal(5, settings.Count);
        Assert.Equal("red", settings.Single(s => s.Key == "color").PreviousValue);
        Assert.Null(settings.Single(s => s.Key == "font").PreviousValue);
        Assert.True(settings.Single(s => s.Key == "key").SectionCreated);
        Assert.Equal("yes", settings.Single(s => s.Key == "obsolete").PreviousValue);
    }

    [Fact]
    public async Task EnvironmentShortcutsDirectoriesDeletionsAndMacrosInScripts()
    {
        var marker = _context.InTree("script-saw.txt");
        var doomed = _context.InTree("old-version");
        Directory.CreateDirectory(doomed);
        File.WriteAllText(Path.Combine(doomed, "a.txt"), "a");
        var package = _context.NewPackage()
            .File("%APPDIR%/bin/editor", "x")
            .With(m => m with
            {
                Directories = [new PackageDirectory("%APPDIR%/data", 448)],
                EnvironmentVariables = [new PackageEnvironmentVariable("EDITOR_HOME", "%APPDIR%")],
                Shortcuts = [new PackageShortcut("%*APPLICATIONS%", "Editor", "%APPDIR%/bin/editor", "editor", "Edits text")],
                Deletions = [doomed],
            })
            .Script(ScriptStage.PostInstall, $"echo \"%APPDIR%\" > {marker}")
            .Build();
        var macros = new MacroDefinition[] { new StringMacro { Name = "APPDIR", Value = "%*PROGRAMS%/editor" } };

        var result = await _context.InstallAsync(package, macros: macros);

        Assert.True(result.Succeeded, result.Message);
        var appDir = _context.InTree("programs/editor");
        Assert.Equal(appDir + "\n", File.ReadAllText(marker));
        Assert.Equal((UnixFileMode)448, File.GetUnixFileMode(Path.Combine(appDir, "data")));
        Assert.Equal($"EDITOR_HOME={appDir}\n", File.ReadAllText(_context.InTree("environment.d/editor.conf")));
        var desktop = File.ReadAllText(_context.InTree("applications/Editor.desktop"));
        Assert.Contains($"Exec={appDir}/bin/editor\n", desktop);
        Assert.Contains("Name=Editor\n", desktop);
        Assert.Contains("Comment=Edits text\n", desktop);
        Assert.False(Directory.Exists(doomed));
        var deletion = Assert.Single(result.Receipt!.Deletions);
        Assert.True(File.Exists(Path.Combine(deletion.BackupPath, "a.txt")));
    }

    [Fact]
    public async Task WrongOs_IsRefusedBeforeAnythingIsWritten()
    {
        var before = TreeSnapshot.Take(_context.Root);
        var package = _context.NewPackage().File(_context.InTree("x.txt"), "x")
            .With(m => m with { Platform = TestPackageBuilder.OtherOs() }).Build();
        before = TreeSnapshot.Take(_context.Root);

        var result = await _context.InstallAsync(package);

        Assert.Equal(EngineOutcome.Failed, result.Outcome);
        Assert.Contains("was built for", result.Message);
        Assert.Contains("this machine runs", result.Message);
        Assert.Equal(before, TreeSnapshot.Take(_context.Root));
    }

    [Fact]
    public async Task TooLittleDisk_IsRefusedNamingTheVolume()
    {
        var package = _context.NewPackage().File(_context.InTree("x.txt"), "x").Build();
        var macros = new MacroDefinition[]
        {
            new PromptedVolumeMacro { Name = "VOLUME", Prompt = "Where?", DefaultVolume = VolumeName(), MinimumFreeMb = 1L << 40 },
        };

        var result = await _context.InstallAsync(package, macros: macros);

        Assert.Equal(EngineOutcome.Failed, result.Outcome);
        Assert.Matches(@"^Needs [\d.]+ [MGT]B free on /\S*; [\d.]+ [MGT]B free\.$", result.Message);
        Assert.False(File.Exists(_context.InTree("x.txt")));
    }

    [Fact]
    public async Task PayloadBiggerThanTheMargin_IsRefused()
    {
        var package = _context.NewPackage().File(_context.InTree("x.txt"), "x").Build();

        var result = await new InstallEngine(_context.State).InstallAsync(
            new InstallOptions { Package = package, MacroOverrides = _context.Overrides, FreeSpaceMarginBytes = 1L << 55 },
            new Progress<EngineProgress>(),
            CancellationToken.None);

        Assert.Equal(EngineOutcome.Failed, result.Outcome);
        Assert.Matches(@"^Needs [\d.]+ [MGT]B free on /\S*; [\d.]+ [MGT]B free\.$", result.Message);
        Assert.False(File.Exists(_context.InTree("x.txt")));
    }

    private string VolumeName()
    {
        var root = ClientAgent.Platform.VolumeSpace.VolumeOf(_context.Tree).RootDirectory.FullName;
        return root.Length > 1 ? Path.TrimEndingDirectorySeparator(root) : root;
    }

    [Fact]
    public async Task BadPromptAnswer_IsRefused()
    {
        var package = _context.NewPackage().File("%*PROGRAMS%/%FOLDER%/x.txt", "x").Build();
        var macros = new MacroDefinition[] { new PromptedStringMacro { Name = "FOLDER", Prompt = "Folder?", MaximumLength = 20 } };

        var result = await _context.InstallAsync(package, macros: macros, answers: new Dictionary<string, string> { ["FOLDER"] = "../../etc" });

        Assert.Equal(EngineOutcome.Failed, result.Outcome);
        Assert.Contains("FOLDER", result.Message);
        Assert.False(Directory.Exists(_context.InTree("programs")));
    }

    [Fact]
    public async Task SecondInstallOfTheSameApplication_IsRefused()
    {
        Assert.True((await _context.InstallAsync(_context.NewPackage().File(_context.InTree("a.txt"), "a").Build())).Succeeded);

        var again = await _context.InstallAsync(_context.NewPackage(version: "2.0").File(_context.InTree("a.txt"), "b").Build());

        Assert.Equal(EngineOutcome.Failed, again.Outcome);
        Assert.Equal("Editor 1.0 is already installed; uninstall it first.", again.Message);
        Assert.Equal("a", File.ReadAllText(_context.InTree("a.txt")));
    }

    [Fact]
    public async Task ScriptOutput_IsReportedAsOutputLines()
    {
        var package = _context.NewPackage().Script(ScriptStage.PreInstall, "echo hello from script; echo oops >&2").Build();

        var result = await _context.InstallAsync(package);

        Assert.True(result.Succeeded, result.Message);
        Assert.Contains(_context.Progress, p => p.Level == Catalog.Jobs.JobEventLevel.Output && p.Message == "hello from script");
        Assert.Contains(_context.Progress, p => p.Level == Catalog.Jobs.JobEventLevel.Output && p.Message == "oops");
    }
}
