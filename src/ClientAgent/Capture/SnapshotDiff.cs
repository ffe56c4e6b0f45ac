namespace ClientAgent.Capture;

/// <summary>Compares a snapshot taken before an installation with one taken after it.</summary>
public static class SnapshotDiff
{
    /// <param name="excludes">Paths to leave out of the result (also applied to the "before" side).</param>
    public static SnapshotChanges Compute(IEnumerable<SnapshotEntry> before, IEnumerable<SnapshotEntry> after, ExcludeRules? excludes = null)
    {
        excludes ??= ExcludeRules.None;
        var earlier = new Dictionary<string, SnapshotEntry>(StringComparer.Ordinal);
        foreach (var entry in before)
        {
            earlier[entry.Path] = entry;
        }

        var added = new List<SnapshotEntry>();
        var changed = new List<(SnapshotEntry, SnapshotEntry)>();
        foreach (var entry in after)
        {
            if (excludes.IsExcluded(entry.Path))
            {
                earlier.Remove(entry.Path);
                continue;
            }

            if (!earlier.Remove(entry.Path, out var old))
            {
                added.Add(entry);
            }
            else if (entry.DiffersFrom(old))
            {
                changed.Add((old, entry));
            }
        }

        var removed = earlier.Values.Where(e => !excludes.IsExcluded(e.Path)).ToList();
        added.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        changed.Sort((a, b) => string.CompareOrdinal(a.Item2.Path, b.Item2.Path));
        removed.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return new SnapshotChanges(added, changed, removed);
    }
}
