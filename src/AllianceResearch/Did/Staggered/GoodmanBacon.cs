using AllianceResearch.Data;
using AllianceResearch.Presentation;
using static AllianceResearch.Did.Staggered.StaggeredFormat;

namespace AllianceResearch.Did.Staggered;

/// <summary>Kind of 2×2 comparison inside a TWFE estimate (Goodman-Bacon 2021).</summary>
public enum BaconComparison
{
    /// <summary>A timing group against never-treated units: a clean comparison.</summary>
    TreatedVsUntreated,

    /// <summary>An earlier-treated group against a later group before the later one is treated: clean.</summary>
    EarlierVsLater,

    /// <summary>A later-treated group against an already-treated earlier group: the "forbidden" comparison that biases
    /// TWFE when effects change over time.</summary>
    LaterVsEarlier,
}

/// <summary>One 2×2 DiD inside the TWFE estimate.</summary>
/// <param name="Treated">Timing group whose treatment switches on in the window.</param>
/// <param name="Control">Comparison timing group (+∞ = never treated).</param>
/// <param name="Type">Kind of comparison.</param>
/// <param name="Estimate">The 2×2 DiD estimate.</param>
/// <param name="Weight">Its weight in the TWFE coefficient (weights sum to one).</param>
public sealed record BaconTwoByTwo(double Treated, double Control, BaconComparison Type, double Estimate, double Weight)
{
    /// <summary>bacondecomp's label of the comparison type.</summary>
    public string TypeLabel => Type switch
    {
        BaconComparison.TreatedVsUntreated => "Treated vs Untreated",
        BaconComparison.EarlierVsLater => "Earlier vs Later Treated",
        _ => "Later vs Earlier Treated",
    };
}

/// <summary>Weights and weighted average estimate of one comparison type.</summary>
/// <param name="Type">Comparison type.</param>
/// <param name="Comparisons">Number of 2×2s of this type.</param>
/// <param name="Weight">Total weight.</param>
/// <param name="AverageEstimate">Weight-averaged estimate within the type.</param>
public sealed record BaconTypeSummary(BaconComparison Type, int Comparisons, double Weight, double AverageEstimate);

/// <summary>
/// The Goodman-Bacon (2021) decomposition of a two-way fixed-effects DiD coefficient into every 2×2 comparison,
/// computed as R's bacondecomp 0.1 does for the uncontrolled case. <see cref="WeightedSum"/> reproduces
/// <see cref="TwfeCoefficient"/> exactly (up to rounding).
/// </summary>
/// <param name="Outcome">Outcome column.</param>
/// <param name="Comparisons">Every 2×2, clean comparisons first.</param>
/// <param name="Summary">Totals by comparison type.</param>
/// <param name="WeightedSum">Σ weight × estimate.</param>
/// <param name="TwfeCoefficient">The TWFE coefficient of y on D with unit and period effects, computed directly.</param>
[TypeFormatterSource(typeof(LibraryFormatterSource))]
public sealed record BaconDecomposition(string Outcome, IReadOnlyList<BaconTwoByTwo> Comparisons, IReadOnlyList<BaconTypeSummary> Summary,
    double WeightedSum, double TwfeCoefficient) : IHtmlRenderable
{
    private IEnumerable<IReadOnlyList<string>> Rows() => Comparisons.Select(c => (IReadOnlyList<string>)
        [Key(c.Treated), double.IsPositiveInfinity(c.Control) ? "never" : Key(c.Control), c.TypeLabel, N(c.Estimate), N(c.Weight)]);

    private static readonly string[] Header = ["treated", "control", "comparison", "2×2 estimate", "weight"];

    private IEnumerable<string> Notes()
    {
        foreach (var s in Summary)
            yield return $"{new BaconTwoByTwo(0, 0, s.Type, 0, 0).TypeLabel}: {s.Comparisons} comparisons, weight {N(s.Weight)}, average estimate {N(s.AverageEstimate)}.";
        yield return $"Σ weight × estimate = {N(WeightedSum, 6)}; TWFE coefficient = {N(TwfeCoefficient, 6)}.";
    }

    /// <summary>Scatter of 2×2 estimates against weights by comparison type.</summary>
    public AllianceResearch.Presentation.Charts.Figure ToChart(string? title = null) => StaggeredCharts.BaconScatter(this, title);

    /// <inheritdoc/>
    public override string ToString() => Text($"Goodman-Bacon decomposition of the TWFE estimate ({Outcome})", Header, Rows(), Notes());

    /// <inheritdoc/>
    public string ToHtml() => Table($"Goodman-Bacon decomposition of the TWFE estimate ({Outcome})", Header, Rows(), Notes());
}

public static partial class StaggeredDid
{
    /// <summary>Goodman-Bacon decomposition of the TWFE DiD coefficient of <paramref name="outcome"/> on the absorbing
    /// treatment implied by the panel's cohort column (balanced panel, no weights, no covariates).</summary>
    public static BaconDecomposition GoodmanBacon(Panel panel, string outcome)
    {
        if (panel.WeightsColumn is not null)
            throw new ArgumentException("The Goodman-Bacon decomposition is defined for unweighted TWFE; the panel has a weights column.");
        if (!panel.IsBalanced) throw new ArgumentException($"The Goodman-Bacon decomposition needs a balanced panel; panel from {panel.Audit.Source} is unbalanced.");
        return GoodmanBacon(StaggeredDataBuilder.FromPanel(panel, outcome, [], null, []));
    }

    internal static BaconDecomposition GoodmanBacon(StaggeredData data)
    {
        int n = data.UnitCount, T = data.PeriodCount;
        var periods = data.Periods;
        // Timing group = first period with D = 1 (+∞ if never within the sample).
        var timing = new double[n];
        for (int i = 0; i < n; i++)
        {
            double g = data.Cohort[i];
            timing[i] = g <= 0 || g > periods[T - 1] ? double.PositiveInfinity : periods.First(p => p >= g);
        }
        var groups = timing.Distinct().Order().ToArray();
        if (groups.Length < 2) throw new ArgumentException("The decomposition needs at least two timing groups.");
        // Per group: unit count and mean outcome by period.
        var count = new Dictionary<double, int>();
        var mean = new Dictionary<double, double[]>();
        foreach (var g in groups) { count[g] = 0; mean[g] = new double[T]; }
        for (int i = 0; i < n; i++)
        {
            count[timing[i]]++;
            var m = mean[timing[i]];
            for (int t = 0; t < T; t++) m[t] += data.Y(i, t);
        }
        foreach (var g in groups) for (int t = 0; t < T; t++) mean[g][t] /= count[g];

        var list = new List<(double Tr, double Co, BaconComparison Type, double Est, double Raw)>();
        foreach (var k in groups)
        {
            if (double.IsPositiveInfinity(k) || k == periods[0]) continue; // never or always treated: not a "treated" group
            foreach (var l in groups)
            {
                if (l == k) continue;
                // Window: all periods; before the later group's start; or from the earlier group's start.
                Func<double, bool> inWindow = double.IsPositiveInfinity(l) ? _ => true : k < l ? t => t < l : t => t >= l;
                var window = Enumerable.Range(0, T).Where(t => inWindow(periods[t])).ToArray();
                var post = window.Where(t => periods[t] >= k).ToArray();
                var pre = window.Where(t => periods[t] < k).ToArray();
                double Avg(double g, int[] ts) => ts.Average(t => mean[g][t]);
                double estimate = (Avg(k, post) - Avg(k, pre)) - (Avg(l, post) - Avg(l, pre));
                double Dshare(double g) => window.Count(t => periods[t] >= g) / (double)window.Length;
                double nk = count[k] * (double)window.Length, nl = count[l] * (double)window.Length;
                double raw;
                BaconComparison type;
                if (double.IsPositiveInfinity(l))
                {
                    type = BaconComparison.TreatedVsUntreated;
                    double share = nk / (nk + nl), dk = Dshare(k);
                    raw = (nk + nl) * (nk + nl) * share * (1 - share) * dk * (1 - dk);
                }
                else if (k < l)
                {
                    type = BaconComparison.EarlierVsLater;
                    double share = nk / (nk + nl), dk = Dshare(k), dl = Dshare(l);
                    double v = share * (1 - share) * (dk - dl) / (1 - dl) * (1 - dk) / (1 - dl);
                    raw = Math.Pow((nk + nl) * (1 - dl), 2) * v;
                }
                else
                {
                    type = BaconComparison.LaterVsEarlier;
                    // bacondecomp names the earlier (control) group k here: shares and D's follow that labelling.
                    double nEarly = nl, nLate = nk;
                    double share = nEarly / (nEarly + nLate), dEarly = Dshare(l), dLate = Dshare(k);
                    double v = share * (1 - share) * (dLate / dEarly) * (dEarly - dLate) / dEarly;
                    raw = Math.Pow((nEarly + nLate) * dEarly, 2) * v;
                }
                list.Add((k, l, type, estimate, raw));
            }
        }
        double total = list.Sum(c => c.Raw);
        var comps = list.Select(c => new BaconTwoByTwo(c.Tr, c.Co, c.Type, c.Est, c.Raw / total))
            .OrderBy(c => c.Type).ThenBy(c => c.Treated).ThenBy(c => c.Control).ToArray();
        var summary = comps.GroupBy(c => c.Type).OrderBy(g => g.Key).Select(g =>
        {
            double w = g.Sum(c => c.Weight);
            return new BaconTypeSummary(g.Key, g.Count(), w, g.Sum(c => c.Weight * c.Estimate) / w);
        }).ToArray();
        double weighted = comps.Sum(c => c.Weight * c.Estimate);
        return new BaconDecomposition(data.OutcomeName, comps, summary, weighted, BalancedTwfeSlope(data));
    }

    /// <summary>
    /// The TWFE slope of y on D in a balanced panel by the closed-form within transformation
    /// D̃ = D − D̄ᵢ − D̄ₜ + D̄ (Frisch–Waugh), β = Σ D̃ y / Σ D̃²: one regressor, no iteration.
    /// </summary>
    internal static double BalancedTwfeSlope(StaggeredData data)
    {
        int n = data.UnitCount, T = data.PeriodCount;
        var dUnit = new double[n];
        var dTime = new double[T];
        double dAll = 0;
        for (int i = 0; i < n; i++)
            for (int t = 0; t < T; t++)
            {
                double d = data.Treated(i, t) ? 1 : 0;
                dUnit[i] += d / T; dTime[t] += d / n; dAll += d;
            }
        dAll /= (double)n * T;
        double num = 0, den = 0;
        for (int i = 0; i < n; i++)
            for (int t = 0; t < T; t++)
            {
                double dt = (data.Treated(i, t) ? 1 : 0) - dUnit[i] - dTime[t] + dAll;
                num += dt * data.Y(i, t);
                den += dt * dt;
            }
        if (den == 0) throw new InvalidOperationException("Treatment has no variation after removing unit and period effects.");
        return num / den;
    }
}
