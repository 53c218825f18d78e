namespace AllianceResearch.Evaluation;

/// <summary>How p-values of a family of tests are adjusted before classifying effects.</summary>
public enum MultipleTestingAdjustment
{
    /// <summary>No adjustment (each test at the nominal level).</summary>
    None,

    /// <summary>Benjamini–Hochberg (1995) step-up adjustment, controlling the false discovery rate.</summary>
    BenjaminiHochberg,

    /// <summary>Holm (1979) step-down adjustment, controlling the family-wise error rate.</summary>
    Holm,
}

/// <summary>Adjusted p-values for a family of tests; inputs are never changed.</summary>
public static class MultipleTesting
{
    /// <summary>Applies <paramref name="method"/> to <paramref name="pValues"/>, returning adjusted values in the input order.</summary>
    public static double[] Adjust(IReadOnlyList<double> pValues, MultipleTestingAdjustment method) => method switch
    {
        MultipleTestingAdjustment.None => Check(pValues).ToArray(),
        MultipleTestingAdjustment.BenjaminiHochberg => BenjaminiHochberg(pValues),
        MultipleTestingAdjustment.Holm => Holm(pValues),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Valid: None, BenjaminiHochberg, Holm."),
    };

    /// <summary>
    /// Benjamini–Hochberg adjusted p-values: with p sorted ascending, p̃(i) = min over j ≥ i of m·p(j)/j,
    /// capped at 1 (Benjamini and Hochberg, 1995, JRSS-B 57:289–300) — the values R's p.adjust(method = "BH") returns.
    /// </summary>
    public static double[] BenjaminiHochberg(IReadOnlyList<double> pValues)
    {
        var p = Check(pValues);
        var m = p.Count;
        var order = Enumerable.Range(0, m).OrderBy(i => p[i]).ThenBy(i => i).ToArray();
        var adjusted = new double[m];
        var running = 1.0;
        for (var k = m - 1; k >= 0; k--)
        {
            var i = order[k];
            running = Math.Min(running, p[i] * m / (k + 1));
            adjusted[i] = running;
        }
        return adjusted;
    }

    /// <summary>
    /// Holm adjusted p-values: with p sorted ascending, p̃(i) = max over j ≤ i of min(1, (m − j + 1)·p(j))
    /// (Holm, 1979, Scand. J. Statist. 6:65–70) — the values R's p.adjust(method = "holm") returns.
    /// </summary>
    public static double[] Holm(IReadOnlyList<double> pValues)
    {
        var p = Check(pValues);
        var m = p.Count;
        var order = Enumerable.Range(0, m).OrderBy(i => p[i]).ThenBy(i => i).ToArray();
        var adjusted = new double[m];
        var running = 0.0;
        for (var k = 0; k < m; k++)
        {
            var i = order[k];
            running = Math.Max(running, Math.Min(1.0, (m - k) * p[i]));
            adjusted[i] = running;
        }
        return adjusted;
    }

    private static IReadOnlyList<double> Check(IReadOnlyList<double> pValues)
    {
        ArgumentNullException.ThrowIfNull(pValues);
        for (var i = 0; i < pValues.Count; i++)
        {
            if (double.IsNaN(pValues[i]) || pValues[i] < 0 || pValues[i] > 1)
                throw new ArgumentOutOfRangeException(nameof(pValues), pValues[i], $"p-value {i + 1} must lie in [0, 1] (got {pValues[i]}).");
        }
        return pValues;
    }
}
