using System.Numerics;
using System.Runtime.CompilerServices;

namespace Doppel.Randomness;

/// <summary>
/// Doppel's own seeded generator (xoshiro256**), so sequences never depend on the runtime.
/// <see cref="Fork(string)"/> derives an independent child from the seed and a stable name,
/// whatever has been drawn so far: adding a column never shifts the draws of another.
/// Not thread-safe; give each thread or block its own fork.
/// </summary>
public sealed class Rng
{
    private readonly ulong _key;
    private ulong _s0, _s1, _s2, _s3;
    private double _spareGaussian;
    private bool _hasSpare;

    /// <summary>A generator for the given seed.</summary>
    public Rng(ulong seed)
    {
        _key = Mix(seed ^ 0x9E3779B97F4A7C15UL);
        ulong sm = _key;
        _s0 = SplitMix(ref sm);
        _s1 = SplitMix(ref sm);
        _s2 = SplitMix(ref sm);
        _s3 = SplitMix(ref sm);
    }

    /// <summary>A generator for a signed seed (as given on the command line).</summary>
    public static Rng FromSeed(long seed) => new(unchecked((ulong)seed));

    /// <summary>An independent child generator named by a stable string.</summary>
    public Rng Fork(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return new Rng(Mix(_key ^ StableHash(name)));
    }

    /// <summary>An independent child generator named by a number (e.g. a block index).</summary>
    public Rng Fork(long index) => new(Mix(_key + 0xD1B54A32D192ED03UL * (unchecked((ulong)index) + 1)));

    /// <summary>
    /// Fills <paramref name="target"/> with the next draws of <see cref="NextUInt64"/>, in order: the same values as
    /// drawing them one by one, with the state held in registers through the loop. (The step is written out again rather
    /// than shared with <see cref="NextUInt64"/> through refs: the JIT then keeps the state in memory, 15-25 % slower.)
    /// </summary>
    public void Fill(Span<ulong> target)
    {
        ulong s0 = _s0, s1 = _s1, s2 = _s2, s3 = _s3;
        for (int i = 0; i < target.Length; i++)
        {
            target[i] = BitOperations.RotateLeft(s1 * 5, 7) * 9;
            ulong t = s1 << 17;
            s2 ^= s0;
            s3 ^= s1;
            s1 ^= s2;
            s0 ^= s3;
            s2 ^= t;
            s3 = BitOperations.RotateLeft(s3, 45);
        }
        (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);
    }

    /// <summary>The next 64 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in the open interval (0, 1): safe to pass to a quantile function.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextOpenDouble() => ((NextUInt64() >> 11) + 0.5) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, maxExclusive) without modulo bias.</summary>
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        ulong m = (ulong)maxExclusive;
        ulong high = Math.BigMul(NextUInt64(), m, out ulong low);
        // Lemire's method: the costly modulo is needed only when the low word falls below m (rarely), and the
        // draws accepted are exactly those of always comparing with the threshold.
        if (low < m)
        {
            ulong threshold = (0UL - m) % m;
            while (low < threshold) high = Math.BigMul(NextUInt64(), m, out low);
        }
        return (int)high;
    }

    /// <summary>Uniform integer in [minInclusive, maxExclusive).</summary>
    public int NextInt(int minInclusive, int maxExclusive) => minInclusive + NextInt(maxExclusive - minInclusive);

    /// <summary>Standard normal draw (Marsaglia polar method).</summary>
    public double NextGaussian()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spareGaussian;
        }
        double u, v, s;
        do
        {
            u = 2.0 * NextDouble() - 1.0;
            v = 2.0 * NextDouble() - 1.0;
            s = u * u + v * v;
        } while (s >= 1.0 || s == 0.0);
        double factor = Math.Sqrt(-2.0 * Math.Log(s) / s);
        _spareGaussian = v * factor;
        _hasSpare = true;
        return u * factor;
    }

    /// <summary>FNV-1a over UTF-16 code units, then mixed: stable across runtimes and processes.</summary>
    internal static ulong StableHash(string text)
    {
        ulong hash = 0xCBF29CE484222325UL;
        foreach (char c in text)
        {
            hash ^= c;
            hash *= 0x100000001B3UL;
        }
        return Mix(hash);
    }

    private static ulong SplitMix(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        return Mix(state);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
