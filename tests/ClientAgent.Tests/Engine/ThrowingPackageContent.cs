using Catalog.Packaging;

namespace ClientAgent.Tests.Engine;

/// <summary>Wraps a package so that reading the payload of the file at <paramref name="failingIndex"/> throws halfway.</summary>
internal sealed class ThrowingPackageContent(IPackageContent inner, int failingIndex) : IPackageContent
{
    public PackageManifest Manifest => inner.Manifest;

    public Stream OpenPayload(PackageFile file)
    {
        var stream = inner.OpenPayload(file);
        var index = Manifest.Files.ToList().IndexOf(file);
        return index == failingIndex ? new FailingStream(stream) : stream;
    }

    private sealed class FailingStream(Stream inner) : Stream
    {
        private bool _readOnce;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_readOnce)
            {
                throw new IOException("Simulated read failure in the middle of a payload file.");
            }

            _readOnce = true;
            return inner.Read(buffer, offset, Math.Max(1, count / 2));
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
            }

            base.Dispose(disposing);
        }
    }
}
