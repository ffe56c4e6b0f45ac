using Catalog.Packaging;

namespace ClientAgent.Capture;

/// <summary>The first line of a capture state file (JSON): what was scanned, how, and when.</summary>
public sealed record SnapshotHeader
{
    /// <summary>Format 2: JSON header line, binary body (see <see cref="SnapshotFile"/>); format 1 was JSON lines.</summary>
    public const string CurrentFormat = "clientagent-capture/2";

    public string Format { get; init; } = CurrentFormat;
    public required IReadOnlyList<string> Roots { get; init; }
    public IReadOnlyList<string> Excludes { get; init; } = [];
    public DateTimeOffset CreatedAt { get; init; }
    public PackagePlatform? Platform { get; init; }
}
