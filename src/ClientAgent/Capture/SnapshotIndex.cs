using System.Buffers.Binary;
using System.Text;

namespace ClientAgent.Capture;

/// <summary>
/// The body of a capture state file (format 2) read into one array of fixed-size <see cref="IndexedEntry"/> over
/// the file's bytes, with each directory's block found by its path. Names stay bytes: the finish walk matches an
/// entry by comparing its name with the next one of the same directory (listing order rarely changes), else by a
/// search of that directory's block. A <see cref="SnapshotEntry"/> is built only for what changed.
/// </summary>
internal sealed class SnapshotIndex
{
    private readonly byte[] _data;
    private readonly List<string> _directories = [];
    private readonly Dictionary<string, (int First, int Count)> _blocks = new(StringComparer.Ordinal);
    private readonly Dictionary<int, int[]> _sortedBlocks = [];
    private IndexedEntry[] _entries;
    private int _position;

    private SnapshotIndex(byte[] data, int bodyStart)
    {
        _data = data;
        _position = bodyStart;
        _entries = new IndexedEntry[Math.Max(16, (data.Length - bodyStart) / 32)];
        Parse();
    }

    public int Count { get; private set; }

    /// <summary>Reads the body that starts at <paramref name="bodyStart"/>; throws <see cref="FormatException"/> when it is damaged.</summary>
    public static SnapshotIndex Read(byte[] data, int bodyStart) => new(data, bodyStart);

    public ref IndexedEntry this[int index] => ref _entries[index];

    /// <summary>The block of <paramref name="directory"/>'s entries, if the state file has one.</summary>
    public bool TryFindDirectory(string directory, out int first, out int count)
    {
        var found = _blocks.TryGetValue(directory, out var block);
        (first, count) = block;
        return found;
    }

    /// <summary>
    /// The entry named <paramref name="name"/> in the block, not yet seen: the one at <paramref name="cursor"/> when
    /// the names agree (then the cursor moves on), else found by a search; -1 when there is none.
    /// </summary>
    public int Find(int first, int count, ref int cursor, ReadOnlySpan<byte> name)
    {
        if (cursor < count && !_entries[first + cursor].Seen && Name(first + cursor).SequenceEqual(name))
        {
            return first + cursor++;
        }

        if (count <= 32)
        {
            for (var i = first; i < first + count; i++)
            {
                if (!_entries[i].Seen && Name(i).SequenceEqual(name))
                {
                    cursor = i - first + 1; // the listing order goes on from here, most likely
                    return i;
                }
            }

            return -1;
        }

        if (!_sortedBlocks.TryGetValue(first, out var sorted))
        {
            sorted = Enumerable.Range(first, count).ToArray();
            Array.Sort(sorted, (a, b) => Name(a).SequenceCompareTo(Name(b)));
            _sortedBlocks[first] = sorted;
        }

        int low = 0, high = sorted.Length - 1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            var order = Name(sorted[middle]).SequenceCompareTo(name);
            if (order == 0)
            {
                if (_entries[sorted[middle]].Seen)
                {
                    return -1;
                }

                cursor = sorted[middle] - first + 1;
                return sorted[middle];
            }

            (low, high) = order < 0 ? (middle + 1, high) : (low, middle - 1);
        }

        return -1;
    }

    public ReadOnlySpan<byte> Name(int index) => _data.AsSpan(_entries[index].NameOffset, _entries[index].NameLength);

    /// <summary>The full snapshot entry (path, fields, link target, settings, variables).</summary>
    public SnapshotEntry ToEntry(int index)
    {
        ref var entry = ref _entries[index];
        var directory = _directories[entry.Directory];
        var name = Encoding.UTF8.GetString(Name(index));
        var path = directory == "/" ? "/" + name : directory + "/" + name;
        _position = entry.ExtraOffset;
        var link = entry.Kind == SnapshotEntryKind.Link ? ReadString() : null;
        List<ConfigValue>? settings = null;
        if ((entry.Flags & SnapshotWriter.HasSettings) != 0)
        {
            settings = [];
            for (var count = ReadNumber(); count > 0; count--)
            {
                settings.Add(new ConfigValue(ReadString(), ReadString(), ReadString()));
            }
        }

        SortedDictionary<string, string>? environment = null;
        if ((entry.Flags & SnapshotWriter.HasEnvironment) != 0)
        {
            environment = new SortedDictionary<string, string>(StringComparer.Ordinal);
            for (var count = ReadNumber(); count > 0; count--)
            {
                environment[ReadString()] = ReadString();
            }
        }

        return new SnapshotEntry(path, entry.Kind, entry.Size, entry.ModifiedTicks, entry.Mode)
        {
            LinkTarget = link,
            Settings = settings,
            Environment = environment,
            ChangedTicks = entry.ChangedTicks,
            Inode = entry.Inode,
            Device = entry.Device,
            LinkCount = entry.LinkCount,
        };
    }

    private void Parse()
    {
        while (true)
        {
            var directoryLength = (int)ReadNumber();
            if (directoryLength == 0)
            {
                break;
            }

            var directory = Encoding.UTF8.GetString(Take(directoryLength));
            var count = (int)ReadNumber();
            if (count <= 0 || !_blocks.TryAdd(directory, (Count, count)))
            {
                throw new FormatException($"directory block '{directory}' is empty or repeated");
            }

            _directories.Add(directory);
            for (var i = 0; i < count; i++)
            {
                ParseEntry(_directories.Count - 1);
            }
        }

        if (_position != _data.Length)
        {
            throw new FormatException("data after the end mark");
        }
    }

    private void ParseEntry(int directory)
    {
        if (Count == _entries.Length)
        {
            Array.Resize(ref _entries, _entries.Length * 2);
        }

        ref var entry = ref _entries[Count++];
        var tag = Take(1)[0];
        entry.Directory = directory;
        entry.Kind = (SnapshotEntryKind)(tag & SnapshotWriter.KindMask);
        if (entry.Kind > SnapshotEntryKind.Link)
        {
            throw new FormatException($"unknown entry kind {tag & SnapshotWriter.KindMask}");
        }

        entry.Flags = tag;
        entry.NameLength = (int)ReadNumber();
        entry.NameOffset = _position;
        Take(entry.NameLength);
        entry.Size = (long)ReadNumber();
        entry.ModifiedTicks = BinaryPrimitives.ReadInt64LittleEndian(Take(8));
        entry.Mode = (int)ReadNumber();
        if (entry.Kind == SnapshotEntryKind.File)
        {
            entry.ChangedTicks = BinaryPrimitives.ReadInt64LittleEndian(Take(8));
            entry.Inode = ReadNumber();
            if ((tag & SnapshotWriter.HasHardLink) != 0)
            {
                entry.Device = ReadNumber();
                entry.LinkCount = (uint)ReadNumber();
            }
        }

        entry.ExtraOffset = _position;
        if (entry.Kind == SnapshotEntryKind.Link)
        {
            Take((int)ReadNumber());
        }

        if ((tag & SnapshotWriter.HasSettings) != 0)
        {
            for (var count = ReadNumber(); count > 0; count--)
            {
                Take((int)ReadNumber());
                Take((int)ReadNumber());
                Take((int)ReadNumber());
            }
        }

        if ((tag & SnapshotWriter.HasEnvironment) != 0)
        {
            for (var count = ReadNumber(); count > 0; count--)
            {
                Take((int)ReadNumber());
                Take((int)ReadNumber());
            }
        }
    }

    private string ReadString() => Encoding.UTF8.GetString(Take((int)ReadNumber()));

    private ReadOnlySpan<byte> Take(int length)
    {
        if (length < 0 || length > _data.Length - _position)
        {
            throw new FormatException("the file ends inside an entry");
        }

        var span = _data.AsSpan(_position, length);
        _position += length;
        return span;
    }

    private ulong ReadNumber()
    {
        if (_position < _data.Length && _data[_position] < 0x80)
        {
            return _data[_position++]; // most numbers (lengths, counts, small sizes) fit one byte
        }

        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = Take(1)[0];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new FormatException("a number is too long");
    }
}
