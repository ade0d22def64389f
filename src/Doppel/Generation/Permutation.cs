namespace Doppel.Generation;

/// <summary>
/// A keyed bijection of [0, size): a 4-round Feistel network on the smallest even bit width that covers the size,
/// with cycle walking. Each row index maps to a distinct value, so values drawn through it are unique by
/// construction, with no table of used values and no coordination between threads or shards.
/// </summary>
internal sealed class Permutation
{
    private readonly ulong _size;
    private readonly int _halfBits;
    private readonly ulong _halfMask;
    private readonly ulong[] _keys;

    public Permutation(ulong size, ulong key)
    {
        if (size == 0) throw new ArgumentOutOfRangeException(nameof(size));
        _size = size;
        int bits = Math.Max(2, 64 - System.Numerics.BitOperations.LeadingZeroCount(size - 1));
        if (bits % 2 == 1) bits++;
        _halfBits = bits / 2;
        _halfMask = _halfBits >= 64 ? ulong.MaxValue : (1UL << _halfBits) - 1;
        _keys = new ulong[4];
        for (int i = 0; i < _keys.Length; i++) _keys[i] = RowHash.Mix(key + 0x9E3779B97F4A7C15UL * (ulong)(i + 1));
    }

    public ulong Size => _size;

    /// <summary>The image of <paramref name="index"/> (which must be below <see cref="Size"/>).</summary>
    public ulong Apply(ulong index)
    {
        ulong value = index;
        do value = Round(value); while (value >= _size);
        return value;
    }

    private ulong Round(ulong value)
    {
        ulong left = value >> _halfBits, right = value & _halfMask;
        foreach (ulong key in _keys)
        {
            ulong next = left ^ (RowHash.Mix(right ^ key) & _halfMask);
            left = right;
            right = next;
        }
        return (left << _halfBits) | right;
    }
}

/// <summary>Stateless 64-bit mixing (SplitMix64's finaliser, a bijection), for values that are a pure function of a row index.</summary>
internal static class RowHash
{
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A uniform integer in [0, count) from 64 random bits (multiply-high; bias below 2⁻³² for any count used here).</summary>
    public static long Below(ulong bits, long count) => (long)Math.BigMul(bits, (ulong)count, out _);
}
