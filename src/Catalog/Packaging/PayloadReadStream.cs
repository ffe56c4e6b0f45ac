using System.Security.Cryptography;

namespace Catalog.Packaging;

/// <summary>
/// Reads one payload entry and checks it against the manifest as it goes: never yields more than the declared size
/// (an entry that keeps expanding fails at the bound), and when the last declared byte has been read it makes sure
/// the entry ends there and that the SHA-256 matches, throwing <see cref="PackageFormatException"/> otherwise.
/// </summary>
internal sealed class PayloadReadStream(Stream inner, string entryName, long declaredSize, string declaredSha256) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _position;
    private bool _finished;
    private PackageFormatException? _failure;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => declaredSize;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (Done() || buffer.Length == 0)
        {
            return 0;
        }

        try
        {
            var read = inner.Read(buffer[..Allowed(buffer.Length)]);
            Account(buffer[..read]);
            if (_position == declaredSize || read == 0)
            {
                Span<byte> probe = stackalloc byte[1];
                Finish(read == 0 ? 0 : inner.Read(probe));
            }

            return read;
        }
        catch (InvalidDataException e)
        {
            throw Corrupt(e);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (Done() || buffer.Length == 0)
        {
            return 0;
        }

        var read = await GuardAsync(inner.ReadAsync(buffer[..Allowed(buffer.Length)], cancellationToken));
        Account(buffer.Span[..read]);
        if (_position == declaredSize || read == 0)
        {
            var probe = new byte[1];
            Finish(read == 0 ? 0 : await GuardAsync(inner.ReadAsync(probe, cancellationToken)));
        }

        return read;
    }

    private async ValueTask<int> GuardAsync(ValueTask<int> read)
    {
        try
        {
            return await read;
        }
        catch (InvalidDataException e)
        {
            throw Corrupt(e);
        }
    }

    private bool Done()
    {
        if (_failure is not null)
        {
            throw _failure;
        }

        return _finished;
    }

    // Ask for at most one byte beyond the declared size, so an oversize entry is noticed without reading on.
    private int Allowed(int requested) => (int)Math.Min(requested, declaredSize - _position + 1);

    private void Account(ReadOnlySpan<byte> data)
    {
        _position += data.Length;
        if (_position > declaredSize)
        {
            Fail($"Payload entry '{entryName}' is larger than the {declaredSize} bytes its manifest declares");
        }

        _hash.AppendData(data);
    }

    private void Finish(int extraBytes)
    {
        if (extraBytes > 0)
        {
            Fail($"Payload entry '{entryName}' is larger than the {declaredSize} bytes its manifest declares");
        }

        if (_position < declaredSize)
        {
            Fail($"Payload entry '{entryName}' ends after {_position} of the {declaredSize} bytes its manifest declares");
        }

        var actual = Convert.ToHexStringLower(_hash.GetHashAndReset());
        if (!string.Equals(actual, declaredSha256, StringComparison.OrdinalIgnoreCase))
        {
            Fail($"Payload entry '{entryName}' has SHA-256 {actual} but its manifest declares {declaredSha256}");
        }

        _finished = true;
    }

    private PackageFormatException Corrupt(InvalidDataException e)
    {
        _failure = new PackageFormatException($"Payload entry '{entryName}' is corrupt: {e.Message}", e);
        return _failure;
    }

    private void Fail(string message)
    {
        _failure = new PackageFormatException(message);
        throw _failure;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }
}
