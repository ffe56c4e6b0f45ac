using System.Text;

namespace ClientAgent.Capture;

/// <summary>
/// The finish walk compared against the state file as it goes (<see cref="SnapshotDiff"/>'s rules without building
/// the "after" snapshot): each walked entry is matched by directory and name in the <see cref="SnapshotIndex"/> and
/// compared field by field (<see cref="SnapshotEntry.DiffersFrom"/>); entries are built, and INI-style or
/// environment files parsed, only when added or changed. What the walk never met was removed.
/// </summary>
internal sealed class SnapshotComparer(SnapshotIndex before) : IWalkVisitor
{
    private readonly List<SnapshotEntry> _added = [];
    private readonly List<(SnapshotEntry, SnapshotEntry)> _changed = [];
    private bool _known;
    private int _first;
    private int _count;
    private int _cursor;

    public void EnterDirectory(string path)
    {
        _known = before.TryFindDirectory(path, out _first, out _count);
        _cursor = 0;
    }

    public void Visit(scoped in WalkedEntry entry)
    {
        var index = _known ? before.Find(_first, _count, ref _cursor, entry.Name) : -1;
        if (index < 0)
        {
            _added.Add(entry.ToEntry(readConfig: true));
            return;
        }

        ref var old = ref before[index];
        old.Seen = true;
        if (Differs(old, index, entry))
        {
            _changed.Add((before.ToEntry(index), entry.ToEntry(readConfig: true)));
        }
    }

    /// <summary>The changes, sorted by path; removed entries that <paramref name="excludes"/> now leave out are not reported.</summary>
    public SnapshotChanges Result(ExcludeRules excludes)
    {
        var removed = new List<SnapshotEntry>();
        for (var i = 0; i < before.Count; i++)
        {
            if (!before[i].Seen && before.ToEntry(i) is var entry && !excludes.IsExcluded(entry.Path))
            {
                removed.Add(entry);
            }
        }

        _added.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        _changed.Sort((a, b) => string.CompareOrdinal(a.Item2.Path, b.Item2.Path));
        removed.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return new SnapshotChanges(_added, _changed, removed);
    }

    /// <summary><see cref="SnapshotEntry.DiffersFrom"/> on the indexed fields and the walked status.</summary>
    private bool Differs(in IndexedEntry old, int index, scoped in WalkedEntry now) => now.Kind switch
    {
        _ when now.Kind != old.Kind => true,
        SnapshotEntryKind.Directory => now.Status.Mode != old.Mode,
        SnapshotEntryKind.Link => Encoding.UTF8.GetString(now.LinkTarget()) != before.ToEntry(index).LinkTarget,
        _ => now.Size != old.Size || now.Status.ModifiedTicks != old.ModifiedTicks || now.Status.Mode != old.Mode
            || (now.Inode != 0 && old.Inode != 0 && now.Inode != old.Inode)
            || (now.ChangedTicks != 0 && old.ChangedTicks != 0 && now.ChangedTicks != old.ChangedTicks),
    };
}
