using System.Globalization;
using System.Text;
using AllianceResearch.Presentation;

namespace AllianceResearch.Indicators;

/// <summary>One column of a composite evaluation: an indicator and how its values are normalised.</summary>
/// <param name="Id">Indicator id (for labels and error messages).</param>
/// <param name="Direction">Higher or lower is better; <see cref="ImprovementDirection.Monitor"/> requires a band target.</param>
/// <param name="BandTarget">For band-type indicators ("closer to 85 % is better"): the target value.</param>
/// <param name="BandMaxDeviation">For band-type indicators: the deviation that scores zero.</param>
public sealed record CompositeCriterion(string Id, ImprovementDirection Direction, double? BandTarget = null, double? BandMaxDeviation = null)
{
    /// <summary>A criterion taking its direction from a registry indicator.</summary>
    public static CompositeCriterion From(IndicatorDefinition indicator) => new(indicator.Id, indicator.Direction);
}

/// <summary>The composite score of one unit (county or alliance).</summary>
/// <param name="Unit">Unit label.</param>
/// <param name="Closeness">TOPSIS relative closeness to the ideal, in [0, 1].</param>
/// <param name="Rank">1 = best.</param>
public sealed record CompositeScore(string Unit, double Closeness, int Rank);

/// <summary>Entropy weights and TOPSIS closeness for a set of units (domain notes §7.9).</summary>
[TypeFormatterSource(typeof(LibraryFormatterSource))]
public sealed record CompositeIndexResult(IReadOnlyList<string> Criteria, IReadOnlyList<double> Weights, IReadOnlyList<string> DroppedCriteria,
    IReadOnlyList<CompositeScore> Scores) : IHtmlRenderable
{
    /// <inheritdoc />
    public string ToHtml()
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder("<table><thead><tr><th>Criterion</th><th>Entropy weight</th></tr></thead><tbody>");
        for (var j = 0; j < Criteria.Count; j++)
            sb.Append("<tr><td>").Append(Html.Encode(Criteria[j])).Append("</td><td>").Append(Weights[j].ToString("F3", inv)).Append("</td></tr>");
        sb.Append("</tbody></table><table><thead><tr><th>Rank</th><th>Unit</th><th>Closeness C</th></tr></thead><tbody>");
        foreach (var s in Scores.OrderBy(s => s.Rank))
            sb.Append("<tr><td>").Append(s.Rank).Append("</td><td>").Append(Html.Encode(s.Unit)).Append("</td><td>").Append(s.Closeness.ToString("F3", inv)).Append("</td></tr>");
        sb.Append("</tbody></table>");
        if (DroppedCriteria.Count > 0) sb.Append("<p>Dropped (no variation): ").Append(Html.Encode(string.Join(", ", DroppedCriteria))).Append("</p>");
        return sb.ToString();
    }

    /// <inheritdoc />
    public override string ToString() =>
        "Entropy weights: " + string.Join(", ", Criteria.Select((c, j) => $"{c} {Weights[j].ToString("F3", CultureInfo.InvariantCulture)}")) +
        "; closeness: " + string.Join(", ", Scores.OrderBy(s => s.Rank).Select(s => $"{s.Unit} {s.Closeness.ToString("F3", CultureInfo.InvariantCulture)}"));
}

/// <summary>
/// Entropy-weight TOPSIS composite evaluation (domain notes §7.9): direction-normalise each criterion to [0, 1],
/// weight criteria by their information (1 − entropy), and score each unit by its relative closeness to the
/// ideal point. Criteria without variation carry no information and are dropped, and reported as such.
/// </summary>
public static class CompositeIndex
{
    /// <summary>Computes entropy weights and TOPSIS closeness; <paramref name="values"/> is units × criteria (not changed).</summary>
    /// <param name="units">Unit labels, one per row.</param>
    /// <param name="criteria">Criteria, one per column.</param>
    /// <param name="values">Indicator values.</param>
    /// <param name="shiftFloor">If set (e.g. 0.01), normalised values are shifted into [floor, 1] so that no share is zero, as many studies do.</param>
    public static CompositeIndexResult EntropyTopsis(IReadOnlyList<string> units, IReadOnlyList<CompositeCriterion> criteria, double[,] values, double? shiftFloor = null)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(criteria);
        ArgumentNullException.ThrowIfNull(values);
        int m = units.Count, n = criteria.Count;
        if (values.GetLength(0) != m || values.GetLength(1) != n)
            throw new ArgumentException($"values is {values.GetLength(0)}×{values.GetLength(1)} but there are {m} units and {n} criteria.", nameof(values));
        if (m < 2) throw new ArgumentException("A composite evaluation needs at least two units to compare.", nameof(units));
        if (shiftFloor is { } f && !(f > 0 && f < 1)) throw new ArgumentOutOfRangeException(nameof(shiftFloor), f, "shiftFloor must lie in (0, 1).");
        for (var i = 0; i < m; i++)
        for (var j = 0; j < n; j++)
        {
            if (!double.IsFinite(values[i, j]))
                throw new ArgumentException($"Indicator {criteria[j].Id} for unit '{units[i]}' is {values[i, j]}; every value must be a finite number.", nameof(values));
        }

        var kept = new List<int>();
        var dropped = new List<string>();
        var s = new double[m, n];
        for (var j = 0; j < n; j++)
        {
            var c = criteria[j];
            double min = double.MaxValue, max = double.MinValue;
            for (var i = 0; i < m; i++) { min = Math.Min(min, values[i, j]); max = Math.Max(max, values[i, j]); }
            if (c.Direction == ImprovementDirection.Monitor)
            {
                if (c.BandTarget is not { } target || c.BandMaxDeviation is not { } dev || !(dev > 0))
                    throw new ArgumentException($"Criterion {c.Id} has no preferred direction: give BandTarget and a positive BandMaxDeviation.", nameof(criteria));
                for (var i = 0; i < m; i++) s[i, j] = Math.Max(0, 1 - Math.Abs(values[i, j] - target) / dev);
                double sMin = double.MaxValue, sMax = double.MinValue;
                for (var i = 0; i < m; i++) { sMin = Math.Min(sMin, s[i, j]); sMax = Math.Max(sMax, s[i, j]); }
                if (sMax == sMin) { dropped.Add(c.Id); continue; }
            }
            else
            {
                if (max == min) { dropped.Add(c.Id); continue; }
                for (var i = 0; i < m; i++)
                    s[i, j] = c.Direction == ImprovementDirection.HigherIsBetter ? (values[i, j] - min) / (max - min) : (max - values[i, j]) / (max - min);
            }
            if (shiftFloor is { } floor)
                for (var i = 0; i < m; i++) s[i, j] = floor + (1 - floor) * s[i, j];
            kept.Add(j);
        }
        if (kept.Count == 0) throw new ArgumentException("No criterion varies across the units; a composite index cannot rank them.", nameof(values));

        var divergence = new double[kept.Count];
        for (var k = 0; k < kept.Count; k++)
        {
            var j = kept[k];
            double total = 0;
            for (var i = 0; i < m; i++) total += s[i, j];
            double h = 0;
            for (var i = 0; i < m; i++)
            {
                var p = s[i, j] / total;
                if (p > 0) h -= p * Math.Log(p); // 0·ln 0 := 0
            }
            divergence[k] = 1 - h / Math.Log(m);
        }
        var sumDiv = divergence.Sum();
        var weights = divergence.Select(d => d / sumDiv).ToArray();

        var vPlus = new double[kept.Count];
        var vMinus = new double[kept.Count];
        for (var k = 0; k < kept.Count; k++)
        {
            vPlus[k] = double.MinValue;
            vMinus[k] = double.MaxValue;
            for (var i = 0; i < m; i++)
            {
                var v = weights[k] * s[i, kept[k]];
                vPlus[k] = Math.Max(vPlus[k], v);
                vMinus[k] = Math.Min(vMinus[k], v);
            }
        }
        var closeness = new double[m];
        for (var i = 0; i < m; i++)
        {
            double dPlus = 0, dMinus = 0;
            for (var k = 0; k < kept.Count; k++)
            {
                var v = weights[k] * s[i, kept[k]];
                dPlus += (v - vPlus[k]) * (v - vPlus[k]);
                dMinus += (v - vMinus[k]) * (v - vMinus[k]);
            }
            dPlus = Math.Sqrt(dPlus);
            dMinus = Math.Sqrt(dMinus);
            closeness[i] = dPlus + dMinus == 0 ? 0.5 : dMinus / (dPlus + dMinus);
        }
        var order = Enumerable.Range(0, m).OrderByDescending(i => closeness[i]).ThenBy(i => i).ToArray();
        var rank = new int[m];
        for (var r = 0; r < m; r++) rank[order[r]] = r + 1;
        return new CompositeIndexResult(kept.Select(j => criteria[j].Id).ToList(), weights, dropped,
            Enumerable.Range(0, m).Select(i => new CompositeScore(units[i], closeness[i], rank[i])).ToList());
    }
}
