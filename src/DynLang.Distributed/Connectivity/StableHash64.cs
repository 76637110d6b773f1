using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using DynLang.Runtime;

namespace DynLang.Distributed;

/// <summary>
/// A 64-bit hash of a byte stream that is the same on every machine, process and run (unlike
/// <see cref="HashCode"/>, which is seeded per process): ranks compare the hashes of the files they
/// read to find nodes whose copies differ. Not cryptographic; it finds accidents, not attacks.
/// </summary>
/// <remarks>
/// The bytes are taken as little-endian 64-bit words (the last one zero-padded) and folded with
/// h ← Mix(h ⊕ w), Mix being SplitMix64's finalizer; the byte count is folded in last, so
/// trailing zero bytes change the hash. For a fixed word the step is a bijection of h, so two
/// streams of the same length differing in a single word always hash differently. Chunk boundaries
/// do not matter: appending "ab" then "c" gives the hash of appending "abc".
/// </remarks>
internal sealed class StableHash64
{
    private ulong _state = 0xCBF29CE484222325UL; // FNV's offset basis: any fixed non-zero start
    private ulong _pending;
    private int _pendingBytes;
    private long _length;

    /// <summary>Adds <paramref name="bytes"/> to the stream.</summary>
    public void Append(ReadOnlySpan<byte> bytes)
    {
        _length += bytes.Length;
        // Complete a word started by the previous call.
        while (_pendingBytes > 0 && !bytes.IsEmpty)
        {
            _pending |= (ulong)bytes[0] << (8 * _pendingBytes);
            bytes = bytes.Slice(1);
            if (++_pendingBytes == 8)
            {
                Fold(_pending);
                _pending = 0;
                _pendingBytes = 0;
            }
        }
        int words = bytes.Length / 8;
        foreach (ulong w in MemoryMarshal.Cast<byte, ulong>(bytes.Slice(0, words * 8)))
            Fold(BitConverter.IsLittleEndian ? w : BinaryPrimitives.ReverseEndianness(w));
        for (int k = words * 8; k < bytes.Length; k++)
            _pending |= (ulong)bytes[k] << (8 * _pendingBytes++);
    }

    /// <summary>The hash of everything appended so far (the stream can go on afterwards).</summary>
    public long Value
    {
        get
        {
            ulong h = _state;
            if (_pendingBytes > 0) h = SplitMix64.Mix(h ^ _pending);
            return (long)SplitMix64.Mix(h ^ (ulong)_length);
        }
    }

    private void Fold(ulong word) => _state = SplitMix64.Mix(_state ^ word);
}
