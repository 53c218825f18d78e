namespace AllianceResearch.Simulation;

/// <summary>
/// A seeded xoshiro256** generator (Blackman and Vigna, 2018) whose state is initialised with
/// SplitMix64. We carry our own generator rather than <see cref="System.Random"/> because the stream
/// of <c>Random(seed)</c> is an implementation detail that may change between .NET versions, and the
/// committed synthetic datasets must regenerate byte for byte on any platform.
/// </summary>
public sealed class SeededRandom
{
    private ulong s0, s1, s2, s3;
    private double? spareNormal;

    /// <summary>Creates a generator whose whole stream is determined by <paramref name="seed"/>.</summary>
    public SeededRandom(ulong seed)
    {
        var x = seed;
        s0 = SplitMix64(ref x);
        s1 = SplitMix64(ref x);
        s2 = SplitMix64(ref x);
        s3 = SplitMix64(ref x);
    }

    private static ulong SplitMix64(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        var z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong v, int k) => (v << k) | (v >> (64 - k));

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        var result = RotateLeft(s1 * 5, 7) * 9;
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = RotateLeft(s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1) built from the top 53 bits, exact on every platform.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / 9007199254740992.0);

    /// <summary>A uniform integer in [0, <paramref name="n"/>), unbiased (rejection sampling).</summary>
    public int NextInt(int n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), n, "The upper bound must be positive.");
        var bound = (ulong)n;
        var limit = ulong.MaxValue - ulong.MaxValue % bound;
        ulong r;
        do { r = NextUInt64(); } while (r >= limit);
        return (int)(r % bound);
    }

    /// <summary>
    /// A standard normal draw by Marsaglia's polar method; it needs only a logarithm and a square
    /// root (the logarithm is <see cref="PortableMath.Log"/>), so the draws depend on no platform maths library.
    /// </summary>
    public double NextNormal()
    {
        if (spareNormal is { } spare)
        {
            spareNormal = null;
            return spare;
        }
        double u, v, s;
        do
        {
            u = 2.0 * NextDouble() - 1.0;
            v = 2.0 * NextDouble() - 1.0;
            s = u * u + v * v;
        } while (s >= 1.0 || s == 0.0);
        var factor = Math.Sqrt(-2.0 * PortableMath.Log(s) / s);
        spareNormal = v * factor;
        return u * factor;
    }

    /// <summary>A normal draw with the given mean and standard deviation.</summary>
    public double NextNormal(double mean, double sd) => mean + sd * NextNormal();

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher–Yates) — only call on arrays you own.</summary>
    public void Shuffle<T>(T[] items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
