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
    [property: JsonPropertyName("l"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Link = null)
{
    public static SnapshotLine From(SnapshotEntry entry) => new(
        entry.Path,
        entry.Kind switch { SnapshotEntryKind.Directory => 'd', SnapshotEntryKind.Link => 'l', _ => 'f' },
        entry.Size,
        entry.ModifiedTicks,
        entry.Mode,
        entry.Settings?.Select(s => new[] { s.Section, s.Key, s.Value }).ToArray(),
        entry.Environment,
        entry.LinkTarget);

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
    };
}
