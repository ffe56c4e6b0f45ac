using Catalog.Packaging;

namespace ClientAgent.Tests.Capture;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class CaptureRoundTripTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private string Root => _dir["root"];

    private void Prepare()
    {
        _dir.Write("root/opt/existing/readme.txt", "old readme");
        _dir.Write("root/etc/app.ini", "# settings\n[main]\na=1\nb=2\n\n[other]\nx=y\n");
        _dir.Write("root/etc/old.txt", "to be deleted");
        _dir.Write("root/etc/olddir/one.txt", "1");
        _dir.Write("root/etc/olddir/two.txt", "2");
        Directory.CreateDirectory(_dir["root/apps"]);
        Directory.CreateDirectory(_dir["root/etc/profile.d"]);
    }

    private void Install()
    {
        _dir.Write("root/opt/editor/bin/editor", "#!/bin/sh\necho hi\n");
        File.SetUnixFileMode(_dir["root/opt/editor/bin/editor"], (UnixFileMode)0x1ED);
        _dir.Write("root/opt/editor/logs/run.log", "started");
        _dir.Write("root/opt/existing/readme.txt", "new readme, longer");
        _dir.Write("root/etc/app.ini", "# settings\n[main]\na=10\nc=3\n\n[other]\nx=y\n");
        File.Delete(_dir["root/etc/old.txt"]);
        Directory.Delete(_dir["root/etc/olddir"], recursive: true);
        _dir.Write("root/apps/editor.desktop", $"[Desktop Entry]\nType=Application\nName=Editor\nExec={Root}/opt/editor/bin/editor %F\nIcon=editor\nComment=Edits\n");
        _dir.Write("root/etc/profile.d/editor.sh", "export EDITOR_HOME=/opt/editor\nexport EDITOR_MODE=\"fast\"\n");
        _dir.Write("root/etc/new.ini", "[s]\nk=v\n");
    }

    private string[] FinishArgs(params string[] extra) =>
    [
        "capture", "finish", "--state", _dir["state.json"], "--name", "Editor", "--version", "1.0", "--out", _dir["editor.pkg"],
        "--macro", $"*PROGRAMS={Root}/opt", "--macro", $"*APPLICATIONS={Root}/apps", "--macro", "*TEMP=", "--compression", "Fastest", .. extra,
    ];

    [Fact]
    public async Task Start_then_finish_packages_the_changes_with_macros_settings_desktop_file_and_variables()
    {
        Prepare();
        var start = await CliRun.RunAsync("capture", "start", "--root", Root, "--state", _dir["state.json"]);
        Assert.True(start.ExitCode == 0, start.Error);
        Assert.Contains("Recorded", start.Output);
        Install();

        var finish = await CliRun.RunAsync(FinishArgs());

        Assert.True(finish.ExitCode == 0, finish.Error);
        using var archive = PackageReader.Open(_dir["editor.pkg"]);
        var m = archive.Manifest;
        Assert.Equal(("Editor", "1.0", Catalog.Machines.OsFamily.Linux), (m.Name, m.Version, m.Platform.OsFamily));
        Assert.Equal(
            ["%*APPLICATIONS%/editor.desktop", "%*PROGRAMS%/editor/bin/editor", "%*PROGRAMS%/editor/logs/run.log", "%*PROGRAMS%/existing/readme.txt", $"{Root}/etc/new.ini"],
            m.Files.Select(f => f.Target).Order(StringComparer.Ordinal));
        var editor = m.Files.Single(f => f.Target == "%*PROGRAMS%/editor/bin/editor");
        Assert.Equal(0x1ED, editor.Mode);
        Assert.Equal(Root.TrimStart('/') + "/opt/editor/bin/editor", editor.Source);
        Assert.Contains(new PackageDirectory("%*PROGRAMS%/editor", m.Directories.Single(d => d.Target == "%*PROGRAMS%/editor").Mode), m.Directories);
        Assert.Contains(m.Directories, d => d.Target == "%*PROGRAMS%/editor/bin");
        Assert.Equal(
            [
                new PackageSetting($"{Root}/etc/app.ini", "main", "a", "10", SettingAttribute.CreateAlways),
                new PackageSetting($"{Root}/etc/app.ini", "main", "c", "3", SettingAttribute.CreateAlways),
                new PackageSetting($"{Root}/etc/app.ini", "main", "b", "2", SettingAttribute.Delete),
            ],
            m.Settings);
        Assert.Empty(m.Shortcuts); // the .desktop file is a file (exact bytes), not regenerated as a shortcut
        Assert.Equal(
            [new PackageEnvironmentVariable("EDITOR_HOME", "/opt/editor"), new PackageEnvironmentVariable("EDITOR_MODE", "fast")],
            m.EnvironmentVariables);
        Assert.Equal([$"{Root}/etc/old.txt", $"{Root}/etc/olddir"], m.Deletions);
        Assert.Null(await archive.VerifyAsync());
        using var reader = new StreamReader(archive.OpenPayload(m.Files.Single(f => f.Target.EndsWith("readme.txt"))));
        Assert.Equal("new readme, longer", await reader.ReadToEndAsync());
        Assert.Contains("warning: 2 change(s) look like noise", finish.Output);
        Assert.Contains($"--exclude '{Root}/opt/editor/logs'", finish.Output);
        Assert.Contains("sha256: " + await PackageHash.ComputeAsync(_dir["editor.pkg"]), finish.Output);
    }

    [Fact]
    public async Task Exclude_at_finish_drops_noise_and_its_warning()
    {
        Prepare();
        await CliRun.RunAsync("capture", "start", "--root", Root, "--state", _dir["state.json"]);
        Install();

        var finish = await CliRun.RunAsync(FinishArgs("--exclude", "**/logs/**"));

        Assert.True(finish.ExitCode == 0, finish.Error);
        Assert.DoesNotContain("noise", finish.Output);
        using var archive = PackageReader.Open(_dir["editor.pkg"]);
        Assert.DoesNotContain(archive.Manifest.Files, f => f.Target.Contains("/logs/"));
        Assert.DoesNotContain(archive.Manifest.Directories, d => d.Target.Contains("/logs"));
    }

    [Fact]
    public async Task Exclude_at_start_skips_the_tree_in_both_scans()
    {
        Prepare();
        await CliRun.RunAsync("capture", "start", "--root", Root, "--state", _dir["state.json"], "--exclude", "*.log", "--exclude", "/never/**");
        Install();

        var finish = await CliRun.RunAsync(FinishArgs());

        Assert.True(finish.ExitCode == 0, finish.Error);
        using var archive = PackageReader.Open(_dir["editor.pkg"]);
        Assert.DoesNotContain(archive.Manifest.Files, f => f.Target.EndsWith(".log"));
        Assert.Contains(archive.Manifest.Directories, d => d.Target == "%*PROGRAMS%/editor/logs");
    }

    [Fact]
    public async Task Finish_without_start_fails_with_one_line()
    {
        var finish = await CliRun.RunAsync(FinishArgs());

        Assert.Equal(1, finish.ExitCode);
        Assert.Equal($"error: Capture state file '{_dir["state.json"]}' does not exist; run 'capture start' first", finish.Error.TrimEnd());
    }

    [Fact]
    public async Task Finish_with_nothing_changed_writes_no_package()
    {
        Prepare();
        await CliRun.RunAsync("capture", "start", "--root", Root, "--state-dir", _dir["state"]);

        var finish = await CliRun.RunAsync("capture", "finish", "--state-dir", _dir["state"], "--name", "X", "--version", "1", "--out", _dir["x.pkg"]);

        Assert.Equal(1, finish.ExitCode);
        Assert.StartsWith("error: Nothing changed under", finish.Error);
        Assert.True(File.Exists(_dir["state/capture.state"]));
        Assert.False(File.Exists(_dir["x.pkg"]));
    }

    [Fact]
    public async Task Start_with_a_missing_root_fails_with_one_line()
    {
        var start = await CliRun.RunAsync("capture", "start", "--root", _dir["nope"], "--state", _dir["state.json"]);

        Assert.Equal(1, start.ExitCode);
        Assert.Equal($"error: Capture root '{_dir["nope"]}' does not exist or is not a directory", start.Error.TrimEnd());
        Assert.False(File.Exists(_dir["state.json"]));
    }

    public void Dispose() => _dir.Dispose();
}
