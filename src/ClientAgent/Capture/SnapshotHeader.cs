using Catalog.Packaging;

namespace ClientAgent.Capture;

/// <summary>The first line of a capture state file: what was scanned, how, and when.</summary>
public sealed record SnapshotHeader
{
    public const string CurrentFormat = "clientagent-capture/1";

    public string Format { get; init; } = CurrentFormat;
    public required IReadOnlyList<string> Roots { get; init; }
    public IReadOnlyList<string> Excludes { get; init; } = [];
    public DateTimeOffset CreatedAt { get; init; }
    public PackagePlatform? Platform { get; init; }
}
