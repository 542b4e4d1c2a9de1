namespace PruneTask.Engine.IO;

/// <summary>
/// A write-only pass-through that refuses to let one tensor write more bytes than its header entry promises,
/// and reports when it wrote fewer.
/// </summary>
internal sealed class LengthCheckingStream(Stream inner, string tensorName, long expectedLength) : Stream
{
    private long _written;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _written;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (buffer.Length > expectedLength - _written)
            throw Mismatch(_written + buffer.Length);
        inner.Write(buffer);
        _written += buffer.Length;
    }

    /// <exception cref="InvalidOperationException">Fewer bytes were written than promised.</exception>
    public void CheckComplete()
    {
        if (_written != expectedLength)
            throw Mismatch(_written);
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private InvalidOperationException Mismatch(long written) =>
        new($"tensor '{tensorName}': wrote {(written > expectedLength ? "at least " : "")}{written} bytes, " +
            $"but its dtype and shape need {expectedLength}");
}
