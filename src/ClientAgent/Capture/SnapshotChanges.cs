namespace ClientAgent.Capture;

/// <summary>What changed between two snapshots. Changed pairs are (before, after). All lists are sorted by path.</summary>
public sealed record SnapshotChanges(
    IReadOnlyList<SnapshotEntry> Added,
    IReadOnlyList<(SnapshotEntry Before, SnapshotEntry After)> Changed,
    IReadOnlyList<SnapshotEntry> Removed);
