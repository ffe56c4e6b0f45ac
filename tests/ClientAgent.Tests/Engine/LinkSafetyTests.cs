using Catalog.Applications;
using Catalog.Packaging;
using ClientAgent.Engine;

namespace ClientAgent.Tests.Engine;

/// <summary>Links planted before install, during rollback and before uninstall: the engine never acts through them.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class LinkSafetyTests : IDisposable
{
    private readonly EngineTestContext _context = new();

    public LinkSafetyTests()
    {
        Directory.CreateDirectory(Programs);
        Directory.CreateDirectory(Outside);
        File.WriteAllText(Path.Combine(Outside, "x.txt"), "victim");
        File.WriteAllText(Path.Combine(Outside, "secret.txt"), "secret");
    }

    public void Dispose() => _context.Dispose();

    private string Programs => _context.InTree("programs");
    private string Outside => _context.InTree("outside");
    private IReadOnlyList<string> OutsideNow => TreeSnapshot.Take(Outside);

    [Fact]
    public async Task Install_refuses_to_write_through_a_directory_link_planted_in_the_target()
    {
        Directory.CreateDirectory(Path.Combine(Programs, "editor"));
        Directory.CreateSymbolicLink(Path.Combine(Programs, "editor", "sub"), Outside);
        var outside = OutsideNow;

        var result = await _context.InstallAsync(_context.NewPackage()
            .File("%*PROGRAMS%/editor/a.txt", "a")
            .File("%*PROGRAMS%/editor/sub/x.txt", "written through the link")
            .Build());

        Assert.Equal(EngineOutcome.Failed, result.Outcome);
        Assert.Contains($"{Programs}/editor/sub is a symbolic link", result.Message);
        Assert.Equal(outside, OutsideNow);
        Assert.False(File.Exists(Path.Combine(Programs, "editor", "a.txt")));
        Assert.True(_context.JournalIsEmpty);
    }

    [Fact]
    public async Task A_file_link_at_a_target_is_replaced_not_followed_and_comes_back_as_a_link_on_uninstall()
    {
        var config = Path.Combine(Programs, "config.txt");
        var secret = Path.Combine(Outside, "secret.txt");
        File.CreateSymbolicLink(config, secret);

        var result = await _context.InstallAsync(_context.NewPackage().File("%*PROGRAMS%/config.txt", "from the package").Build());

        Assert.True(result.Succeeded, result.Message);
        Assert.Null(new FileInfo(config).LinkTarget);
        Assert.Equal("from the package", File.ReadAllText(config));
        Assert.Equal("secret", File.ReadAllText(secret));

        var uninstalled = await _context.UninstallAsync("Editor");

        Assert.True(uninstalled.Succeeded, uninstalled.Message);
        Assert.Equal(secret, new FileInfo(config).LinkTarget);
        Assert.Equal("secret", File.ReadAllText(secret));
    }

    [Fact]
    public async Task IfDifferent_on_a_dangling_link_installs_and_creates_nothing_where_the_link_points()
    {
        var target = Path.Combine(Programs, "tool.conf");
        var pointee = Path.Combine(Outside, "created-through-link.conf");
        File.CreateSymbolicLink(target, pointee);

        var result = await _context.InstallAsync(_context.NewPackage().File("%*PROGRAMS%/tool.conf", "conf", CopyAttribute.IfDifferent).Build());

        Assert.True(result.Succeeded, result.Message);
        Assert.False(File.Exists(pointee));
        Assert.Equal("conf", File.ReadAllText(target));
        Assert.Null(new FileInfo(target).LinkTarget);
    }

    [Fact]
    public async Task Failed_install_rolls_a_replaced_link_back_as_a_link()
    {
        var config = Path.Combine(Programs, "config.txt");
        File.CreateSymbolicLink(config, Path.Combine(Outside, "secret.txt"));

        var result = await _context.InstallAsync(_context.NewPackage()
            .File("%*PROGRAMS%/config.txt", "new")
            .Script(ScriptStage.PostInstall, "exit 3")
            .Build());

        Assert.Equal(EngineOutcome.RolledBack, result.Outcome);
        Assert.Equal(Path.Combine(Outside, "secret.txt"), new FileInfo(config).LinkTarget);
        Assert.Equal("secret", File.ReadAllText(Path.Combine(Outside, "secret.txt")));
    }

    [Fact]
    public async Task Recovery_does_not_follow_a_created_directory_replaced_by_a_link_after_a_crash()
    {
        var jobId = Guid.NewGuid();
        var app = Path.Combine(Programs, "app");
        using (var journal = Journal.Begin(_context.State, jobId, JournalOperation.Install, "Editor", [Programs]))
        {
            journal.RecordCreatedDirectories([app]);
            Directory.CreateDirectory(app);
            journal.RecordCreatedFiles([Path.Combine(app, "x.txt")]);
            File.WriteAllText(Path.Combine(app, "x.txt"), "ours");
        }

        // The crash: someone swaps the new directory for a link to another directory with a file of the same name.
        Directory.Delete(app, recursive: true);
        Directory.CreateSymbolicLink(app, Outside);
        var outside = OutsideNow;

        var recovered = Assert.Single(await new RecoveryService(_context.State).RecoverAsync());

        Assert.Equal(outside, OutsideNow);
        Assert.Equal(jobId, recovered.JobId);
        Assert.Equal("Editor", recovered.ApplicationName);
        Assert.True(recovered.RolledBack);
        Assert.Contains($"Rolled back the interrupted Install of Editor (job {jobId})", recovered.Summary);
        Assert.Contains(recovered.Kept, k => k.Contains($"{app} is now a symbolic link"));
        Assert.Equal(Outside, new DirectoryInfo(app).LinkTarget);
        Assert.True(_context.JournalIsEmpty);
    }

    [Fact]
    public async Task Rollback_keeps_a_file_a_user_saved_in_a_new_directory_and_reports_it()
    {
        var app = Path.Combine(Programs, "app");
        using (var journal = Journal.Begin(_context.State, Guid.NewGuid(), JournalOperation.Install, "Editor", [Programs]))
        {
            journal.RecordCreatedDirectories([app]);
            Directory.CreateDirectory(app);
            journal.RecordCreatedFiles([Path.Combine(app, "x.txt")]);
            File.WriteAllText(Path.Combine(app, "x.txt"), "ours");
        }

        File.WriteAllText(Path.Combine(app, "notes.txt"), "the user's work");

        var recovered = Assert.Single(await new RecoveryService(_context.State).RecoverAsync());

        Assert.False(File.Exists(Path.Combine(app, "x.txt")));
        Assert.Equal("the user's work", File.ReadAllText(Path.Combine(app, "notes.txt")));
        Assert.Contains(recovered.Kept, k => k.Contains("notes.txt"));
        Assert.Contains("notes.txt", recovered.Summary);
    }

    [Fact]
    public async Task Recovery_after_a_real_crash_leaves_a_planted_link_target_alone()
    {
        var app = Path.Combine(Programs, "app");
        using (var journal = Journal.Begin(_context.State, Guid.NewGuid(), JournalOperation.Install, "Editor", [Programs]))
        {
            journal.RecordCreatedDirectories([app, Path.Combine(app, "lib")]);
            Directory.CreateDirectory(Path.Combine(app, "lib"));
        }

        // Before recovery the created "lib" becomes a link to a directory full of someone else's files.
        Directory.Delete(Path.Combine(app, "lib"));
        Directory.CreateSymbolicLink(Path.Combine(app, "lib"), Outside);
        var outside = OutsideNow;

        var (exitCode, output, error) = await AgentProcess.RunAsync("status", "--state-dir", _context.State.Root);

        Assert.True(exitCode == 0, error);
        Assert.Contains("Rolled back the interrupted Install of Editor", output);
        Assert.Equal(outside, OutsideNow);
    }

    [Fact]
    public async Task Uninstall_does_not_delete_through_a_link_planted_in_an_installed_directory()
    {
        var installed = await _context.InstallAsync(_context.NewPackage()
            .File("%*PROGRAMS%/editor/sub/x.txt", "ours")
            .File("%*PROGRAMS%/editor/a.txt", "a")
            .Build());
        Assert.True(installed.Succeeded, installed.Message);
        var sub = Path.Combine(Programs, "editor", "sub");
        File.Delete(Path.Combine(sub, "x.txt"));
        Directory.Delete(sub);
        Directory.CreateSymbolicLink(sub, Outside);
        File.WriteAllText(Path.Combine(Outside, "x.txt"), "ours");
        var outside = OutsideNow;

        var result = await _context.UninstallAsync("Editor");

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(outside, OutsideNow);
        Assert.False(File.Exists(Path.Combine(Programs, "editor", "a.txt")));
        Assert.Equal(Outside, new DirectoryInfo(sub).LinkTarget);
        Assert.Contains(_context.Progress, p => p.Message.Contains($"{sub} is a symbolic link"));
    }

    [Fact]
    public async Task Uninstall_keeps_a_directory_holding_files_it_did_not_create_and_says_so()
    {
        Assert.True((await _context.InstallAsync(_context.NewPackage().File("%*PROGRAMS%/editor/a.txt", "a").Build())).Succeeded);
        File.WriteAllText(Path.Combine(Programs, "editor", "mine.txt"), "user data");

        var result = await _context.UninstallAsync("Editor");

        Assert.True(result.Succeeded, result.Message);
        Assert.False(File.Exists(Path.Combine(Programs, "editor", "a.txt")));
        Assert.Equal("user data", File.ReadAllText(Path.Combine(Programs, "editor", "mine.txt")));
        Assert.Contains(_context.Progress, p => p.Message.StartsWith($"Kept {Programs}/editor: it holds items the install did not create (mine.txt)"));
    }

    [Fact]
    public async Task Setuid_setgid_sticky_and_world_writable_bits_are_not_installed()
    {
        var result = await _context.InstallAsync(_context.NewPackage().File("%*PROGRAMS%/editor/tool", "#!/bin/sh\n", mode: 0b111_111_111_111).Build());

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal((UnixFileMode)0b111_111_101, File.GetUnixFileMode(Path.Combine(Programs, "editor", "tool")));
        Assert.Contains(_context.Progress, p => p.Message.Contains("with mode 775 instead of 7777"));
    }

    [Fact]
    public async Task Settings_are_not_written_through_a_link()
    {
        File.WriteAllText(Path.Combine(Outside, "system.ini"), "[a]\nb=c\n");
        File.CreateSymbolicLink(Path.Combine(Programs, "editor.ini"), Path.Combine(Outside, "system.ini"));
        var outside = OutsideNow;

        var result = await _context.InstallAsync(_context.NewPackage().Setting("%*PROGRAMS%/editor.ini", "main", "k", "v").Build());

        Assert.Equal(EngineOutcome.Failed, result.Outcome);
        Assert.Equal(outside, OutsideNow);
    }
}
