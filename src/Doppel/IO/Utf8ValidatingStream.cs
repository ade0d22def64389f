using System.Buffers;
using System.Text.Unicode;

namespace Doppel.IO;

/// <summary>
/// A read-only pass-through stream that checks, as the bytes go by, that they are valid UTF-8, and throws a
/// <see cref="DataFormatException"/> naming the line and byte offset of the first invalid byte. A character split
/// between two reads is carried over to the next one. It does not own the underlying stream.
/// </summary>
internal sealed class Utf8ValidatingStream(Stream inner, string source) : Stream
{
    private readonly byte[] _carry = new byte[4];
    private int _carryCount;
    private byte[] _joined = [];
    private char[] _scratch = [];
    private long _validated;
    private long _lineBreaks;
    private bool _finished;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int read = inner.Read(buffer);
        if (read > 0) Check(buffer[..read], isFinalBlock: false);
        else if (buffer.Length > 0 && !_finished)
        {
            _finished = true;
            Check([], isFinalBlock: true);
        }
        return read;
    }

    private void Check(ReadOnlySpan<byte> chunk, bool isFinalBlock)
    {
        ReadOnlySpan<byte> data = chunk;
        if (_carryCount > 0)
        {
            int length = _carryCount + chunk.Length;
            if (_joined.Length < length) _joined = new byte[Math.Max(length, 2 * _joined.Length)];
            _carry.AsSpan(0, _carryCount).CopyTo(_joined);
            chunk.CopyTo(_joined.AsSpan(_carryCount));
            data = _joined.AsSpan(0, length);
        }
        if (data.IsEmpty) return;
        if (Utf8.IsValid(data))
        {
            _lineBreaks += data.Count((byte)'\n');
            _validated += data.Length;
            _carryCount = 0;
            return;
        }
        if (_scratch.Length < data.Length) _scratch = new char[Math.Max(data.Length, 2 * _scratch.Length)];

        // The block is invalid or ends inside a character. Decoding is the one API that reports both where invalid
        // data starts and where an incomplete character at the end of a block starts; the text itself is not needed.
        OperationStatus status = Utf8.ToUtf16(data, _scratch, out int consumed, out _, replaceInvalidSequences: false, isFinalBlock);
        _lineBreaks += data[..consumed].Count((byte)'\n');
        _validated += consumed;
        _carryCount = 0;
        switch (status)
        {
            case OperationStatus.Done:
                return;
            case OperationStatus.NeedMoreData:
                data[consumed..].CopyTo(_carry);
                _carryCount = data.Length - consumed;
                return;
            default:
                ReadOnlySpan<byte> bad = data[consumed..];
                throw TableReadErrors.InvalidUtf8(source, _validated, _lineBreaks + 1, bad[..Math.Min(bad.Length, 4)]);
        }
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
