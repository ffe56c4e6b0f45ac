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
    public void A_root_given_as_a_link_to_a_directory_is_walked_but_links_below_it_are_not_followed()
    {
        _dir.Write("real/a.txt", "a");
        _dir.Write("other/b.txt", "b");
        Directory.CreateSymbolicLink(_dir["real/other"], _dir["other"]);
        Directory.CreateSymbolicLink(_dir["root"], _dir["real"]);

        var entries = new SnapshotScanner(ExcludeRules.None).Scan([_dir["root"]]).ToList();

        Assert.Equal([($"{_dir["root"]}/a.txt", SnapshotEntryKind.File), ($"{_dir["root"]}/other", SnapshotEntryKind.Link)],
            entries.Select(e => (e.Path, e.Kind)).Order());
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
        var (readHeader, unordered) = await SnapshotFile.ReadAsync(_dir["state.json"], CancellationToken.None);
        var read = unordered.OrderBy(e => e.Path, StringComparer.Ordinal).ToList(); // the file groups entries by directory

        Assert.Equal(4, written);
        Assert.Equal(header.Roots, readHeader.Roots);
        Assert.Equal(header.Excludes, readHeader.Excludes);
        Assert.Equal(header.CreatedAt, readHeader.CreatedAt);
        Assert.Equal(entries.Select(e => (e.Path, e.Kind, e.Size, e.ModifiedTicks, e.Mode, e.LinkTarget)),
            read.Select(e => (e.Path, e.Kind, e.Size, e.ModifiedTicks, e.Mode, e.LinkTarget)));
        Assert.Equal(entries[1].Settings, read[1].Settings);
        Assert.Equal("1", read[2].Environment!["A"]);
    }

    [Fact]
    public async Task A_state_file_written_by_the_older_JSON_lines_version_is_refused_with_a_clear_message()
    {
        File.WriteAllText(_dir["state.json"], "{\"format\":\"clientagent-capture/1\",\"roots\":[\"/r\"]}\n{\"p\":\"/r/a\",\"k\":\"f\",\"s\":1,\"t\":2,\"m\":420}\n");

        var error = await Assert.ThrowsAsync<CaptureException>(() => SnapshotFile.ReadAsync(_dir["state.json"], CancellationToken.None));

        Assert.Equal($"'{_dir["state.json"]}' holds capture state from an older version; run capture start again", error.Message);
    }

    [Fact]
    public async Task A_truncated_state_file_is_reported_as_damaged_not_read_as_fewer_entries()
    {
        var header = new SnapshotHeader { Roots = ["/r"] };
        SnapshotEntry[] entries = [new("/r/a", SnapshotEntryKind.File, 1, 2, 420), new("/r/b", SnapshotEntryKind.File, 1, 2, 420)];
        await SnapshotFile.WriteAsync(_dir["state.json"], header, entries, CancellationToken.None);
        var bytes = File.ReadAllBytes(_dir["state.json"]);
        File.WriteAllBytes(_dir["state.json"], bytes[..^5]);

        var error = await Assert.ThrowsAsync<CaptureException>(() => SnapshotFile.ReadAsync(_dir["state.json"], CancellationToken.None));

        Assert.StartsWith($"Capture state file '{_dir["state.json"]}' is damaged", error.Message);
    }

    [Fact]
    public async Task State_file_keeps_identity_and_status_change_time_and_groups_entries_by_directory()
    {
        var header = new SnapshotHeader { Roots = ["/"] };
        SnapshotEntry[] entries =
        [
            new("/top", SnapshotEntryKind.File, 300, -5, 420) { ChangedTicks = 77, Inode = 1UL << 40, Device = 2049, LinkCount = 3 },
            new("/r/d/é ü", SnapshotEntryKind.File, long.MaxValue, long.MinValue, 0xFFF) { ChangedTicks = 1, Inode = 9 },
            new("/r/x", SnapshotEntryKind.Directory, 0, 4, 493),
            new("/r/d/second", SnapshotEntryKind.File, 0, 0, 0),
        ];

        Assert.Equal(4, await SnapshotFile.WriteAsync(_dir["state.json"], header, entries, CancellationToken.None));
        var (_, read) = await SnapshotFile.ReadAsync(_dir["state.json"], CancellationToken.None);

        Assert.Equal(entries.OrderBy(e => e.Path, StringComparer.Ordinal), read.OrderBy(e => e.Path, StringComparer.Ordinal));
        Assert.StartsWith("{\"format\":\"clientagent-capture/2\"", File.ReadLines(_dir["state.json"]).First());
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

    [Fact]
    public async Task Finish_walk_against_the_state_file_finds_what_a_diff_of_two_full_scans_finds()
    {
        var root = _dir["root"];
        for (var i = 0; i < 100; i++)
        {
            _dir.Write($"root/many/f{i:D3}.dat", "abcd");
        }

        _dir.Write("root/cfg/app.ini", "[s]\nk=v\n");
        File.CreateSymbolicLink(_dir["root/link"], "x");
        SnapshotFile.Write(_dir["state.bin"], new SnapshotHeader { Roots = [root] }, writer => new SnapshotScanner(ExcludeRules.None).Walk([root], writer));
        var before = new SnapshotScanner(ExcludeRules.None).Scan([root]).ToList();
        var then = File.GetLastWriteTimeUtc(_dir["root/many/f005.dat"]);

        File.Delete(_dir["root/many/f003.dat"]);
        _dir.Write("root/many/f100.dat", "new");
        _dir.Write("root/many2/new.dat", "new");
        File.WriteAllText(_dir["root/many/f005.dat"], "wxyz"); // same size and time: only the ctime tells
        File.SetLastWriteTimeUtc(_dir["root/many/f005.dat"], then);
        File.Delete(_dir["root/many/f007.dat"]);
        Directory.CreateDirectory(_dir["root/many/f007.dat"]);
        _dir.Write("root/cfg/app.ini", "[s]\nk=w\n");
        File.Delete(_dir["root/link"]);
        File.CreateSymbolicLink(_dir["root/link"], "y");
        File.SetUnixFileMode(_dir["root/many"], (UnixFileMode)0x1C0);

        var expected = SnapshotDiff.Compute(before, new SnapshotScanner(ExcludeRules.None).Scan([root]));
        var (_, index) = await SnapshotFile.ReadIndexAsync(_dir["state.bin"], CancellationToken.None);
        var comparer = new SnapshotComparer(index);
        new SnapshotScanner(ExcludeRules.None).Walk([root], comparer);
        var actual = comparer.Result(ExcludeRules.None);

        Assert.Equal(expected.Added.Select(e => e.Path), actual.Added.Select(e => e.Path));
        Assert.Equal(expected.Changed.Select(c => (c.Before.Path, c.After.Path, c.After.Kind)), actual.Changed.Select(c => (c.Before.Path, c.After.Path, c.After.Kind)));
        Assert.Equal(expected.Removed.Select(e => e.Path), actual.Removed.Select(e => e.Path));
        Assert.Equal(["/many/f100.dat", "/many2", "/many2/new.dat"], actual.Added.Select(e => e.Path[root.Length..]));
        Assert.Equal(["/cfg/app.ini", "/link", "/many", "/many/f005.dat", "/many/f007.dat"], actual.Changed.Select(c => c.After.Path[root.Length..]));
        Assert.Equal(["/many/f003.dat"], actual.Removed.Select(e => e.Path[root.Length..]));
        Assert.Equal([new ConfigValue("s", "k", "v")], actual.Changed[0].Before.Settings);
        Assert.Equal([new ConfigValue("s", "k", "w")], actual.Changed[0].After.Settings);
    }

    public void Dispose() => _dir.Dispose();
}
