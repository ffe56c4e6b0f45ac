using System.Text.Json.Serialization;

namespace ClientAgent.Capture;

/// <summary>The compact JSON of one <see cref="SnapshotEntry"/> in a state file (one line each).</summary>
internal sealed record SnapshotLine(
    [property: JsonPropertyName("p")] string Path,
    [property: JsonPropertyName("k")] char Kind,
    [property: JsonPropertyName("s")] long Size,
    [property: JsonPropertyName("t")] long Ticks,
    [property: JsonPropertyName("m")] int Mode,
    [property: JsonPropertyName("ini"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string[][]? Settings = null,
    [property: JsonPropertyName("env"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string>? Environment = null,
    [property: JsonPropertyName("l"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Link = null,
    [property: JsonPropertyName("c"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] long Changed = 0,
    [property: JsonPropertyName("i"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] ulong Inode = 0,
    [property: JsonPropertyName("v"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] ulong Device = 0,
    [property: JsonPropertyName("n"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] uint LinkCount = 0)
{
    public static SnapshotLine From(SnapshotEntry entry) => new(
        entry.Path,
        entry.Kind switch { SnapshotEntryKind.Directory => 'd', SnapshotEntryKind.Link => 'l', _ => 'f' },
        entry.Size,
        entry.ModifiedTicks,
        entry.Mode,
        entry.Settings?.Select(s => new[] { s.Section, s.Key, s.Value }).ToArray(),
        entry.Environment,
        entry.LinkTarget,
        entry.ChangedTicks,
        entry.Inode,
        entry.Device,
        entry.LinkCount);

    public SnapshotEntry ToEntry() => new(
        Path,
        Kind switch { 'd' => SnapshotEntryKind.Directory, 'l' => SnapshotEntryKind.Link, _ => SnapshotEntryKind.File },
        Size,
        Ticks,
        Mode)
    {
        Settings = Settings?.Select(s => new ConfigValue(s[0], s[1], s[2])).ToList(),
        Environment = Environment,
        LinkTarget = Link,
        ChangedTicks = Changed,
        Inode = Inode,
        Device = Device,
        LinkCount = LinkCount,
    };
}
