using System.Diagnostics;
using System.Text;
using Catalog.Packaging;
using ClientAgent.Capture;
using ClientAgent.Engine;
using ClientAgent.Platform;

namespace ClientAgent.Tests.Capture;

/// <summary>
/// Capture → package → install on another root → uninstall, for the things real software ships: links, names with
/// <c>%</c>, .desktop files, case pairs, special files, hard links, type changes — and uninstall leaving the tree
/// exactly as it was.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class CaptureFidelityTests : IDisposable
{
    private static readonly DateTime Then = new(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc);
    private readonly CaptureWorkbench _bench = new();

    public void Dispose() => _bench.Dispose();

    private static PackageManifest Manifest(CaptureResult result) => result.Package.Manifest;

    [Fact]
    public async Task Links_relative_and_absolute_are_captured_installed_and_removed_exactly()
    {
        _bench.BothDirectory("usr/lib");
        _bench.SameTimes(Then);
        var before = ExactTree.Take(_bench.InstallRoot);
        await _bench.StartAsync();
        File.WriteAllText(_bench.InCapture("usr/lib/libx.so.1.2"), "library");
        File.CreateSymbolicLink(_bench.InCapture("usr/lib/libx.so.1"), "libx.so.1.2");
        File.CreateSymbolicLink(_bench.InCapture("usr/lib/hosts"), "/etc/hosts");
        File.CreateSymbolicLink(_bench.InCapture("usr/lib/dangling"), "../nowhere");

        var result = await _bench.FinishAsync();

        Assert.Equal(
            [new PackageLink("%*ROOT%/usr/lib/dangling", "../nowhere"), new PackageLink("%*ROOT%/usr/lib/hosts", "/etc/hosts"), new PackageLink("%*ROOT%/usr/lib/libx.so.1", "libx.so.1.2")],
            Manifest(result).Links);
        Assert.Equal(EngineOutcome.Succeeded, (await _bench.InstallAsync()).Outcome);
        Assert.Equal("libx.so.1.2", new FileInfo(_bench.InInstall("usr/lib/libx.so.1")).LinkTarget);
        Assert.Equal("library", File.ReadAllText(_bench.InInstall("usr/lib/libx.so.1")));
        Assert.Equal("/etc/hosts", new FileInfo(_bench.InInstall("usr/lib/hosts")).LinkTarget);
        Assert.Equal("../nowhere", new FileInfo(_bench.InInstall("usr/lib/dangling")).LinkTarget);

        Assert.Equal(EngineOutcome.Succeeded, (await _bench.UninstallAsync()).Outcome);
        Assert.Equal(before, ExactTree.Take(_bench.InstallRoot));
    }

    [Fact]
    public async Task Uninstall_keeps_a_link_that_is_no_longer_the_one_the_install_made()
    {
        await _bench.StartAsync();
        File.CreateSymbolicLink(_bench.InCapture("current"), "v1");
        await _bench.FinishAsync();
        await _bench.InstallAsync();
        File.Delete(_bench.InInstall("current"));
        File.CreateSymbolicLink(_bench.InInstall("current"), "v2");

        await _bench.UninstallAsync();

        Assert.Equal("v2", new FileInfo(_bench.InInstall("current")).LinkTarget);
        Assert.Contains(_bench.Progress, p => p.Message.Contains("no longer the link the install created"));
    }

    [Fact]
    public async Task A_link_is_never_created_through_a_link_below_the_install_root()
    {
        Directory.CreateDirectory(_bench.InCapture("lib"));
        await _bench.StartAsync();
        File.CreateSymbolicLink(_bench.InCapture("lib/libx.so"), "libx.so.1");
        await _bench.FinishAsync();
        var elsewhere = Directory.CreateTempSubdirectory("elsewhere-").FullName;
        try
        {
            Directory.CreateSymbolicLink(_bench.InInstall("lib"), elsewhere);

            var result = await _bench.InstallAsync();

            Assert.NotEqual(EngineOutcome.Succeeded, result.Outcome);
            Assert.Contains("symbolic link", result.Message);
            Assert.Empty(Directory.EnumerateFileSystemEntries(elsewhere));
        }
        finally
        {
            Directory.Delete(elsewhere, recursive: true);
        }
    }

    [Fact]
    public async Task Percent_is_escaped_in_every_captured_string_and_installs_literally()
    {
        _bench.Both("etc/app.ini", "[main]\nformat=plain\n");
        await _bench.StartAsync();
        File.WriteAllText(_bench.InCapture("%HOME%.txt"), "not home");
        File.WriteAllText(_bench.InCapture("100%.txt"), "full");
        File.WriteAllText(_bench.InCapture("etc/app.ini"), "[main]\nformat=%h-%u\n");
        Directory.CreateDirectory(_bench.InCapture("etc/profile.d"));
        File.WriteAllText(_bench.InCapture("etc/profile.d/app.sh"), "export APP_RATIO=\"50%\"\n");
        var desktop = "[Desktop Entry]\nType=Application\nName=App\nExec=app %F\n";
        File.WriteAllText(_bench.InCapture("app.desktop"), desktop);

        var manifest = Manifest(await _bench.FinishAsync());

        Assert.Contains(manifest.Files, f => f.Target == "%*ROOT%/%%HOME%%.txt");
        Assert.Contains(manifest.Files, f => f.Target == "%*ROOT%/100%%.txt");
        Assert.Contains(new PackageSetting("%*ROOT%/etc/app.ini", "main", "format", "%%h-%%u", SettingAttribute.CreateAlways), manifest.Settings);
        Assert.Contains(new PackageEnvironmentVariable("APP_RATIO", "50%%"), manifest.EnvironmentVariables);
        Assert.Equal(EngineOutcome.Succeeded, (await _bench.InstallAsync()).Outcome);
        Assert.Equal("not home", File.ReadAllText(_bench.InInstall("%HOME%.txt")));
        Assert.Equal("full", File.ReadAllText(_bench.InInstall("100%.txt")));
        Assert.Equal("[main]\nformat=%h-%u\n", File.ReadAllText(_bench.InInstall("etc/app.ini")));
        Assert.Contains("APP_RATIO=50%\n", File.ReadAllText(_bench.InInstall("etc/environment.d/app.conf")));
        Assert.Equal(desktop, File.ReadAllText(_bench.InInstall("app.desktop")));
    }

    [Fact]
    public async Task Desktop_files_are_captured_as_files_with_exact_bytes_name_and_mode()
    {
        Directory.CreateDirectory(_bench.InCapture("usr/share/applications"));
        Directory.CreateDirectory(_bench.InInstall("usr/share/applications"));
        await _bench.StartAsync();
        var bytes = Encoding.UTF8.GetBytes(
            "[Desktop Entry]\r\nType=Application\r\nName=Viewer\r\nName[de]=Betrachter\r\nExec=viewer %U\r\nTerminal=false\r\nNoDisplay=true\r\nMimeType=image/png;\r\nCategories=Graphics;\r\n");
        var path = _bench.InCapture("usr/share/applications/org.example.Viewer.desktop");
        File.WriteAllBytes(path, bytes);
        File.SetUnixFileMode(path, (UnixFileMode)0x1ED);

        var manifest = Manifest(await _bench.FinishAsync());
        await _bench.InstallAsync();

        Assert.Empty(manifest.Shortcuts);
        var installed = _bench.InInstall("usr/share/applications/org.example.Viewer.desktop");
        Assert.Equal(bytes, File.ReadAllBytes(installed));
        Assert.Equal((UnixFileMode)0x1ED, File.GetUnixFileMode(installed));
        Assert.Single(Directory.GetFiles(_bench.InInstall("usr/share/applications")));
    }

    [Fact]
    public async Task Names_differing_only_in_case_or_normalisation_are_captured_on_Linux()
    {
        await _bench.StartAsync();
        string[] names = ["xt_MARK.h", "xt_mark.h", "caf\u00e9.txt", "cafe\u0301.txt"];
        foreach (var name in names)
        {
            File.WriteAllText(_bench.InCapture(name), name);
        }

        var manifest = Manifest(await _bench.FinishAsync());
        await _bench.InstallAsync();

        Assert.Equal(4, manifest.Files.Count);
        Assert.All(names, name => Assert.Equal(name, File.ReadAllText(_bench.InInstall(name))));
    }

    [Fact]
    public async Task Special_files_and_unholdable_names_are_skipped_with_a_warning_naming_them()
    {
        await _bench.StartAsync();
        File.WriteAllText(_bench.InCapture("good.txt"), "kept");
        File.WriteAllText(_bench.InCapture("bad\nname.txt"), "a control character");
        File.WriteAllText(_bench.InCapture("back\\slash.txt"), "a backslash");
        var fifo = _bench.InCapture("app.conf"); // a FIFO with an INI name: opening it to parse would block forever
        Run("mkfifo", fifo);

        var result = await _bench.FinishAsync();

        Assert.Equal(["%*ROOT%/good.txt"], Manifest(result).Files.Select(f => f.Target));
        Assert.Contains(result.Warnings, w => w.Contains("bad\\x0Aname.txt") && w.Contains("control character"));
        Assert.Contains(result.Warnings, w => w.Contains("back\\slash.txt") && w.Contains("backslash"));
        Assert.Contains(result.Warnings, w => w.Contains(fifo) && w.Contains("FIFO"));
    }

    [Fact]
    public async Task A_path_longer_than_4096_bytes_is_skipped_with_a_warning()
    {
        var segment = new string('d', 200);
        await _bench.StartAsync();
        File.WriteAllText(_bench.InCapture("short.txt"), "kept");
        // Built one relative step at a time (perl's chdir), since no call accepts the whole path.
        Run("perl", "-e", $"chdir '{_bench.CaptureRoot}' or die; for (1..22) {{ mkdir '{segment}' or die; chdir '{segment}' or die }} open my $f, '>', 'deep.txt' or die;");
        try
        {
            var result = await _bench.FinishAsync();

            Assert.Contains(Manifest(result).Files, f => f.Target == "%*ROOT%/short.txt");
            Assert.DoesNotContain(Manifest(result).Files, f => f.Target.EndsWith("deep.txt"));
            Assert.Contains(result.Warnings, w => w.StartsWith($"warning: skipped {_bench.CaptureRoot}/ddd", StringComparison.Ordinal) && w.Contains("longer than 4095 bytes"));
        }
        finally
        {
            Run("rm", "-rf", _bench.InCapture(segment));
        }
    }

    [Fact]
    public async Task Nested_and_repeated_roots_are_merged_and_the_state_file_is_never_captured()
    {
        Directory.CreateDirectory(_bench.InCapture("sub"));
        var state = _bench.InCapture("sub/capture.state");
        var (_, warnings) = await new ClientAgent.Capture.CapturePackager(TimeProvider.System).StartAsync(
            [_bench.CaptureRoot, _bench.InCapture("sub"), _bench.CaptureRoot + "/"], [], state, ClientAgent.Capture.MachinePlatform.Detect());
        File.WriteAllText(_bench.InCapture("sub/new.txt"), "once");

        var result = await new ClientAgent.Capture.CapturePackager(TimeProvider.System).FinishAsync(new ClientAgent.Capture.CaptureRequest
        {
            StatePath = state,
            Name = "App",
            Version = "1.0",
            OutPath = _bench.InCapture("sub/app.pkg"),
            Macros = new ClientAgent.Capture.CaptureMacros(new Dictionary<string, string> { ["*ROOT"] = _bench.CaptureRoot }),
            Platform = ClientAgent.Capture.MachinePlatform.Detect(),
        });

        Assert.Empty(warnings);
        Assert.Equal(["%*ROOT%/sub/new.txt"], Manifest(result).Files.Select(f => f.Target));
    }

    [Fact]
    public async Task A_type_change_is_a_deletion_plus_the_new_entry_and_uninstall_puts_the_old_item_back()
    {
        _bench.Both("a", "was a file");
        _bench.Both("b/child.txt", "was in a directory");
        _bench.SameTimes(Then);
        var before = ExactTree.Take(_bench.InstallRoot);
        await _bench.StartAsync();
        File.Delete(_bench.InCapture("a"));
        Directory.CreateDirectory(_bench.InCapture("a"));
        File.WriteAllText(_bench.InCapture("a/inside.txt"), "now a directory");
        Directory.Delete(_bench.InCapture("b"), recursive: true);
        File.WriteAllText(_bench.InCapture("b"), "now a file");

        var manifest = Manifest(await _bench.FinishAsync());

        Assert.Equal(["%*ROOT%/a", "%*ROOT%/b"], manifest.Deletions);
        Assert.Contains(manifest.Directories, d => d.Target == "%*ROOT%/a");
        Assert.Equal(EngineOutcome.Succeeded, (await _bench.InstallAsync()).Outcome);
        Assert.Equal("now a directory", File.ReadAllText(_bench.InInstall("a/inside.txt")));
        Assert.Equal("now a file", File.ReadAllText(_bench.InInstall("b")));
        Assert.Equal(EngineOutcome.Succeeded, (await _bench.UninstallAsync()).Outcome);
        Assert.Equal(before, ExactTree.Take(_bench.InstallRoot));
    }

    [Fact]
    public async Task Hard_links_inside_the_package_stay_hard_links()
    {
        await _bench.StartAsync();
        Directory.CreateDirectory(_bench.InCapture("bin"));
        File.WriteAllText(_bench.InCapture("bin/gzip"), "#!/bin/sh\necho gzip\n");
        UnixFiles.HardLink(_bench.InCapture("bin/gzip"), _bench.InCapture("bin/gunzip"));

        var manifest = Manifest(await _bench.FinishAsync());
        await _bench.InstallAsync();

        var gzipSource = manifest.Files.Single(f => f.Target.EndsWith("/gzip")).Source;
        var gunzipSource = manifest.Files.Single(f => f.Target.EndsWith("/gunzip")).Source;
        Assert.Equal([gunzipSource], manifest.Files.Where(f => f.HardLinkOf is not null).Select(f => f.HardLinkOf!)); // the first in path order holds the content
        Assert.Equal(gunzipSource, manifest.Files.Single(f => f.Source == gzipSource).HardLinkOf);
        var gzip = UnixFiles.Status(_bench.InInstall("bin/gzip"))!.Value;
        var gunzip = UnixFiles.Status(_bench.InInstall("bin/gunzip"))!.Value;
        Assert.Equal(gzip.Inode, gunzip.Inode);
        Assert.Equal(2u, gzip.LinkCount);
    }

    [Fact]
    public async Task A_rewrite_that_keeps_size_and_mtime_is_still_captured()
    {
        _bench.Both("etc/data.bin", "AAAA", time: Then);
        await _bench.StartAsync();
        var path = _bench.InCapture("etc/data.bin");
        File.WriteAllText(path, "BBBB");
        File.SetLastWriteTimeUtc(path, Then);

        var manifest = Manifest(await _bench.FinishAsync());

        var file = Assert.Single(manifest.Files);
        Assert.Equal("%*ROOT%/etc/data.bin", file.Target);
    }

    [Fact]
    public async Task Install_then_uninstall_leaves_the_tree_identical_in_names_types_modes_links_contents_and_times()
    {
        _bench.Both("etc/app.ini", "\uFEFF# config\n[main]\nkeep=1\nchange=old\nremove=gone\n");
        _bench.Both("var/data/readme.txt", "data");
        _bench.BothDirectory("var/data", mode: 0x1ED);
        _bench.Both("old/tree/deep/file.txt", "old", mode: 0x180);
        _bench.BothDirectory("old/tree/deep", mode: 0x1C0);
        _bench.BothDirectory("opt");
        _bench.SameTimes(Then);
        var before = ExactTree.Take(_bench.InstallRoot);
        await _bench.StartAsync();
        File.WriteAllText(_bench.InCapture("etc/app.ini"), "\uFEFF# config\n[main]\nkeep=1\nchange=new\nadded=yes\n");
        File.SetUnixFileMode(_bench.InCapture("var/data"), (UnixFileMode)0x1E8);
        Directory.Delete(_bench.InCapture("old"), recursive: true);
        Directory.CreateDirectory(_bench.InCapture("opt/app/bin"));
        File.WriteAllText(_bench.InCapture("opt/app/bin/app"), "#!/bin/sh\n");
        File.WriteAllText(_bench.InCapture("var/data/new.txt"), "new");
        var captured = new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(_bench.InCapture("var/data/new.txt"), captured);

        var manifest = Manifest(await _bench.FinishAsync());

        Assert.Contains(new PackageSetting("%*ROOT%/etc/app.ini", "main", "remove", "gone", SettingAttribute.Delete), manifest.Settings);
        Assert.Equal(EngineOutcome.Succeeded, (await _bench.InstallAsync()).Outcome);
        Assert.Equal(captured, File.GetLastWriteTimeUtc(_bench.InInstall("var/data/new.txt")));
        Assert.Equal((UnixFileMode)0x1E8, File.GetUnixFileMode(_bench.InInstall("var/data")));
        Assert.Equal(Encoding.UTF8.GetBytes("\uFEFF# config\n[main]\nkeep=1\nchange=new\nadded=yes\n"), File.ReadAllBytes(_bench.InInstall("etc/app.ini")));
        Assert.False(Directory.Exists(_bench.InInstall("old")));

        Assert.Equal(EngineOutcome.Succeeded, (await _bench.UninstallAsync()).Outcome);

        Assert.Equal(before, ExactTree.Take(_bench.InstallRoot));
    }

    [Fact]
    public async Task Default_policy_puts_back_a_key_the_install_deleted_even_when_the_file_changed_since()
    {
        _bench.Both("etc/app.ini", "[main]\nkeep=1\nremove=gone\n");
        await _bench.StartAsync();
        File.WriteAllText(_bench.InCapture("etc/app.ini"), "[main]\nkeep=1\n");
        await _bench.FinishAsync();
        await _bench.InstallAsync();
        File.AppendAllText(_bench.InInstall("etc/app.ini"), "user=added\n");

        await _bench.UninstallAsync();

        var text = File.ReadAllText(_bench.InInstall("etc/app.ini"));
        Assert.Contains("remove=gone", text);
        Assert.Contains("user=added", text);
    }

    internal static void Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} failed: {error}");
    }
}
