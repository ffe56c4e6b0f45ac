using System.Buffers.Binary;
using System.Text;

namespace ClientAgent.Capture;

/// <summary>
/// Writes the body of a capture state file (format 2, see <see cref="SnapshotFile"/>) straight from the walk:
/// one block per directory — its path once, then its entries by name with their fields as varints and fixed
/// 8-byte times — into a buffer written out in large chunks. No JSON, no object per entry: only INI-style and
/// environment files (parsed) and links (read) cost more than copying bytes.
/// </summary>
internal sealed class SnapshotWriter(Stream stream) : IWalkVisitor
{
    public const byte KindMask = 0x03;
    public const byte HasSettings = 0x04;
    public const byte HasEnvironment = 0x08;
    public const byte HasHardLink = 0x10;

    private const int ChunkBytes = 1 << 18;

    private byte[] _block = new byte[1 << 16];
    private int _blockLength;
    private int _blockEntries;
    private byte[] _directory = [];
    private readonly byte[] _chunk = new byte[ChunkBytes];
    private int _chunkLength;

    /// <summary>How many entries were written.</summary>
    public int Count { get; private set; }

    public void EnterDirectory(string path)
    {
        EndBlock();
        _directory = Encoding.UTF8.GetBytes(path);
    }

    public void Visit(scoped in WalkedEntry entry)
    {
        if (entry.Kind == SnapshotEntryKind.Link || entry.MayHoldConfig)
        {
            var full = entry.ToEntry(readConfig: true);
            Write(entry.Name, full);
            return;
        }

        WriteFields(entry.Name, entry.Kind, 0, entry.Size, entry.Status.ModifiedTicks, entry.Status.Mode, entry.ChangedTicks, entry.Inode, entry.Device, entry.LinkCount);
        Count++;
    }

    /// <summary>Adds <paramref name="entry"/> (named <paramref name="name"/> in the current directory) with its link target, settings or variables.</summary>
    public void Write(ReadOnlySpan<byte> name, SnapshotEntry entry)
    {
        var flags = (byte)((entry.Settings is null ? 0 : HasSettings) | (entry.Environment is null ? 0 : HasEnvironment));
        WriteFields(name, entry.Kind, flags, entry.Size, entry.ModifiedTicks, entry.Mode, entry.ChangedTicks, entry.Inode, entry.Device, entry.LinkCount);
        if (entry.Kind == SnapshotEntryKind.Link)
        {
            WriteString(entry.LinkTarget ?? "");
        }

        if (entry.Settings is { } settings)
        {
            WriteNumber((ulong)settings.Count);
            foreach (var setting in settings)
            {
                WriteString(setting.Section);
                WriteString(setting.Key);
                WriteString(setting.Value);
            }
        }

        if (entry.Environment is { } environment)
        {
            WriteNumber((ulong)environment.Count);
            foreach (var (variable, value) in environment)
            {
                WriteString(variable);
                WriteString(value);
            }
        }

        Count++;
    }

    /// <summary>Ends the last block, writes the end mark and everything still buffered.</summary>
    public void Finish()
    {
        EndBlock();
        Ensure(ref _block, ref _blockLength, 10);
        _block[_blockLength++] = 0; // a directory path is never empty: length 0 marks the end
        Emit(_block.AsSpan(0, _blockLength));
        _blockLength = 0;
        stream.Write(_chunk, 0, _chunkLength);
        _chunkLength = 0;
    }

    private void WriteFields(ReadOnlySpan<byte> name, SnapshotEntryKind kind, byte flags, long size, long modified, int mode, long changed, ulong inode, ulong device, uint linkCount)
    {
        Ensure(ref _block, ref _blockLength, name.Length + 64);
        var hardLink = kind == SnapshotEntryKind.File && linkCount > 1;
        _block[_blockLength++] = (byte)((byte)kind | flags | (hardLink ? HasHardLink : 0));
        WriteNumber((ulong)name.Length);
        name.CopyTo(_block.AsSpan(_blockLength));
        _blockLength += name.Length;
        WriteNumber((ulong)size);
        BinaryPrimitives.WriteInt64LittleEndian(_block.AsSpan(_blockLength), modified);
        _blockLength += 8;
        WriteNumber((uint)mode);
        if (kind == SnapshotEntryKind.File)
        {
            BinaryPrimitives.WriteInt64LittleEndian(_block.AsSpan(_blockLength), changed);
            _blockLength += 8;
            WriteNumber(inode);
            if (hardLink)
            {
                WriteNumber(device);
                WriteNumber(linkCount);
            }
        }

        _blockEntries++;
    }

    private void WriteString(string text)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        Ensure(ref _block, ref _blockLength, length + 10);
        WriteNumber((ulong)length);
        _blockLength += Encoding.UTF8.GetBytes(text, _block.AsSpan(_blockLength));
    }

    private void WriteNumber(ulong value)
    {
        while (value >= 0x80)
        {
            _block[_blockLength++] = (byte)(value | 0x80);
            value >>= 7;
        }

        _block[_blockLength++] = (byte)value;
    }

    /// <summary>Writes the finished block: directory path, entry count, entries.</summary>
    private void EndBlock()
    {
        if (_blockEntries == 0)
        {
            _blockLength = 0;
            return;
        }

        Span<byte> head = stackalloc byte[20];
        var headLength = Varint(head, (ulong)_directory.Length);
        Emit(head[..headLength]);
        Emit(_directory);
        headLength = Varint(head, (ulong)_blockEntries);
        Emit(head[..headLength]);
        Emit(_block.AsSpan(0, _blockLength));
        _blockLength = 0;
        _blockEntries = 0;
    }

    private void Emit(ReadOnlySpan<byte> bytes)
    {
        if (_chunkLength + bytes.Length > ChunkBytes)
        {
            stream.Write(_chunk, 0, _chunkLength);
            _chunkLength = 0;
            if (bytes.Length > ChunkBytes)
            {
                stream.Write(bytes);
                return;
            }
        }

        bytes.CopyTo(_chunk.AsSpan(_chunkLength));
        _chunkLength += bytes.Length;
    }

    private static int Varint(Span<byte> target, ulong value)
    {
        var length = 0;
        while (value >= 0x80)
        {
            target[length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        target[length++] = (byte)value;
        return length;
    }

    private static void Ensure(ref byte[] buffer, ref int length, int more)
    {
        if (length + more > buffer.Length)
        {
            Array.Resize(ref buffer, Math.Max(buffer.Length * 2, length + more));
        }
    }
}
