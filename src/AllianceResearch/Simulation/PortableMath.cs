namespace AllianceResearch.Simulation;

/// <summary>
/// Natural logarithm and exponential built only from IEEE-754 basic operations (+, −, ×, ÷) and exact
/// power-of-two scaling. <see cref="Math.Log(double)"/> and <see cref="Math.Exp"/> call the platform's C
/// library, whose last bit may differ between operating systems and CPUs; the committed synthetic datasets
/// must regenerate byte for byte everywhere, so the generators use these instead. Accuracy: within a few
/// units in the last place of the true value, far below the datasets' rounding.
/// </summary>
public static class PortableMath
{
    // ln 2 split so that k·Ln2Hi is exact for |k| < 2^20 (fdlibm's constants).
    private const double Ln2Hi = 6.93147180369123816490e-01;
    private const double Ln2Lo = 1.90821492927058770002e-10;
    private const double InvLn2 = 1.44269504088896338700e+00;
    private const double Sqrt2 = 1.41421356237309504880;

    /// <summary>ln x for finite x &gt; 0 (normal range); throws otherwise, because a silent NaN would corrupt a dataset.</summary>
    public static double Log(double x)
    {
        if (!(x > 0) || !double.IsFinite(x) || !double.IsNormal(x))
            throw new ArgumentOutOfRangeException(nameof(x), x, "PortableMath.Log needs a positive, finite, normal number.");
        var bits = BitConverter.DoubleToInt64Bits(x);
        var e = (int)((bits >> 52) & 0x7FF) - 1023;
        var m = BitConverter.Int64BitsToDouble((bits & 0x000FFFFFFFFFFFFFL) | 0x3FF0000000000000L); // m in [1, 2)
        if (m > Sqrt2)
        {
            m *= 0.5;
            e += 1;
        }
        // ln m = 2·atanh(z), z = (m − 1)/(m + 1), |z| ≤ 0.1716; the odd series converges by z² ≤ 0.0295 per term.
        var z = (m - 1.0) / (m + 1.0);
        var z2 = z * z;
        var sum = 0.0;
        for (var k = 27; k >= 1; k -= 2) sum = 1.0 / k + z2 * sum;
        var lnM = 2.0 * z * sum;
        return e * Ln2Hi + (lnM + e * Ln2Lo);
    }

    /// <summary>e^x for finite x in [−700, 700]; throws outside, where the result would leave the normal range.</summary>
    public static double Exp(double x)
    {
        if (!(x >= -700 && x <= 700))
            throw new ArgumentOutOfRangeException(nameof(x), x, "PortableMath.Exp needs x in [−700, 700].");
        var k = Math.Round(x * InvLn2, MidpointRounding.ToEven);
        var r = (x - k * Ln2Hi) - k * Ln2Lo; // |r| ≤ ln2/2 + tiny
        var p = 1.0;
        for (var n = 22; n >= 1; n--) p = 1.0 + r / n * p;
        return Math.ScaleB(p, (int)k);
    }
}
