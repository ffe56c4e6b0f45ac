using ClientAgent.Capture;

namespace ClientAgent.Tests.Capture;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SnapshotTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void Scanner_records_kinds_sizes_modes_and_parsed_config_without_following_links()
    {
        _dir.Write("root/a/data.bin", "12345");
        _dir.Write("root/a/app.ini", "[s]\nk=v\n");
        _dir.Write("root/outside/secret.txt", "s");
        File.CreateSymbolicLink(_dir["root/link"], _dir["root/outside"]);
        File.SetUnixFileMode(_dir["root/a/data.bin"], (UnixFileMode)0x1C0);

        var entries = new SnapshotScanner(new ExcludeRules(["outside"])).Scan([_dir["root"]]).ToDictionary(e => e.Path);

        var root = _dir["root"];
        Assert.Equal([$"{root}/a", $"{root}/a/app.ini", $"{root}/a/data.bin", $"{root}/link"], entries.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((SnapshotEntryKind.File, 5L, 0x1C0), (entries[$"{root}/a/data.bin"].Kind, entries[$"{root}/a/data.bin"].Size, entries[$"{root}/a/data.bin"].Mode));
        Assert.Equal(SnapshotEntryKind.Directory, entries[$"{root}/a"].Kind);
        Assert.Equal((SnapshotEntryKind.Link, _dir["root/outside"]), (entries[$"{root}/link"].Kind, entries[$"{root}/link"].LinkTarget));
        Assert.Equal([new ConfigValue("s", "k", "v")], entries[$"{root}/a/app.ini"].Settings);
    }

    [Fact]
    public async Task State_file_round_trips_entries_with_settings_environment_and_links()
    {
        var header = new SnapshotHeader { Roots = ["/r"], Excludes = ["*.log"], CreatedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero) };
        SnapshotEntry[] entries =
        [
            new("/r/d", SnapshotEntryKind.Directory, 0, 10, 493),
            new("/r/d/a.ini", SnapshotEntryKind.File, 8, 11, 420) { Settings = [new ConfigValue("s", "k", "v")] },
            new("/r/environment", SnapshotEntryKind.File, 4, 12, 420) { Environment = new Dictionary<string, string> { ["A"] = "1" } },
            new("/r/l", SnapshotEntryKind.Link, 0, 13, 511) { LinkTarget = "/elsewhere" },
        ];

        var written = await SnapshotFile.WriteAsync(_dir["state.json"], header, entries, CancellationToken.None);
        var (readHeader, read) = await SnapshotFile.ReadAsync(_dir["state.json"], CancellationToken.None);

        Assert.Equal(4, written);
        Assert.Equal(5, File.ReadAllLines(_dir["state.json"]).Length);
        Assert.Equal(header.Roots, readHeader.Roots);
        Assert.Equal(header.Excludes, readHeader.Excludes);
        Assert.Equal(header.CreatedAt, readHeader.CreatedAt);
        Assert.Equal(entries.Select(e => (e.Path, e.Kind, e.Size, e.ModifiedTicks, e.Mode, e.LinkTarget)),
            read.Select(e => (e.Path, e.Kind, e.Size, e.ModifiedTicks, e.Mode, e.LinkTarget)));
        Assert.Equal(entries[1].Settings, read[1].Settings);
        Assert.Equal("1", read[2].Environment!["A"]);
    }

    [Fact]
    public async Task A_damaged_state_file_is_reported_with_its_line()
    {
        File.WriteAllText(_dir["state.json"], "{\"format\":\"clientagent-capture/1\",\"roots\":[\"/r\"]}\n{\"p\":\"/r/a\",\"k\":\"f\",\"s\":1,\"t\":2,\"m\":420}\n{broken\n");

        var error = await Assert.ThrowsAsync<CaptureException>(() => SnapshotFile.ReadAsync(_dir["state.json"], CancellationToken.None));

        Assert.StartsWith($"Capture state file '{_dir["state.json"]}' is damaged at line 3", error.Message);
    }

    [Fact]
    public void Diff_ignores_directory_times_and_reports_added_changed_removed()
    {
        SnapshotEntry[] before =
        [
            new("/r/d", SnapshotEntryKind.Directory, 0, 1, 493),
            new("/r/d/same", SnapshotEntryKind.File, 3, 1, 420),
            new("/r/d/touched", SnapshotEntryKind.File, 3, 1, 420),
            new("/r/d/chmod", SnapshotEntryKind.File, 3, 1, 420),
            new("/r/gone", SnapshotEntryKind.File, 3, 1, 420),
            new("/r/d/x.log", SnapshotEntryKind.File, 3, 1, 420),
        ];
        SnapshotEntry[] after =
        [
            new("/r/d", SnapshotEntryKind.Directory, 0, 99, 493),
            new("/r/d/same", SnapshotEntryKind.File, 3, 1, 420),
            new("/r/d/touched", SnapshotEntryKind.File, 3, 2, 420),
            new("/r/d/chmod", SnapshotEntryKind.File, 3, 1, 493),
            new("/r/new", SnapshotEntryKind.File, 1, 5, 420),
            new("/r/d/y.log", SnapshotEntryKind.File, 3, 1, 420),
        ];

        var changes = SnapshotDiff.Compute(before, after, new ExcludeRules(["*.log"]));

        Assert.Equal(["/r/new"], changes.Added.Select(e => e.Path));
        Assert.Equal(["/r/d/chmod", "/r/d/touched"], changes.Changed.Select(c => c.After.Path));
        Assert.Equal(["/r/gone"], changes.Removed.Select(e => e.Path));
    }

    public void Dispose() => _dir.Dispose();
}
