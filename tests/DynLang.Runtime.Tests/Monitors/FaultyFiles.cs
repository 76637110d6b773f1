namespace DynLang.Runtime.Tests.Monitors;

/// <summary>
/// A file stream whose writes fail on demand, as on a full disk: with <see cref="Full"/> set, a
/// write puts <see cref="PartialBytes"/> bytes of its data in the file (the part a real disk
/// might still take) and then throws <see cref="IOException"/>. Also records the size of every
/// write that reached the file.
/// </summary>
internal sealed class FaultyStream(Stream inner) : Stream
{
    public bool Full { get; set; }

    public int PartialBytes { get; set; }

    public List<byte[]> Writes { get; } = new();

    public override bool CanRead => false;
    public override bool CanSeek => inner.CanSeek;
    public override bool CanWrite => true;
    public override long Length => inner.Length;
    public override long Position { get => inner.Position; set => inner.Position = value; }
    public override void Flush() => inner.Flush();
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
    public override void SetLength(long value) => inner.SetLength(value);

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (Full)
        {
            inner.Write(buffer[..Math.Min(PartialBytes, buffer.Length)]);
            throw new IOException("No space left on device (injected)");
        }
        inner.Write(buffer);
        Writes.Add(buffer.ToArray());
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>
/// Wraps the files monitors create in this scope (this test's async flow only) in
/// <see cref="FaultyStream"/>s, reachable by file name.
/// </summary>
internal sealed class FaultyFiles : IDisposable
{
    private readonly Func<string, Stream, Stream>? _saved;

    public FaultyFiles()
    {
        _saved = MonitorFileStreams.Wrap.Value;
        MonitorFileStreams.Wrap.Value = (path, stream) =>
        {
            var faulty = new FaultyStream(stream);
            lock (Streams) Streams[Path.GetFileName(path)] = faulty;
            return faulty;
        };
    }

    public Dictionary<string, FaultyStream> Streams { get; } = new();

    public FaultyStream this[string fileName] => Streams[fileName];

    public void Dispose() => MonitorFileStreams.Wrap.Value = _saved;
}
