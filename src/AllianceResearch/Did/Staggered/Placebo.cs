using AllianceResearch.Data;
using AllianceResearch.Presentation;
using AllianceResearch.Simulation;
using static AllianceResearch.Did.Staggered.StaggeredFormat;

namespace AllianceResearch.Did.Staggered;

/// <summary>The statistic re-estimated under each placebo assignment.</summary>
public enum PlaceboStatistic
{
    /// <summary>The TWFE DiD coefficient of y on D with unit and period effects: what most published placebo figures show.
    /// Fast path: the outcome is double-demeaned once; each draw then costs one pass over units.</summary>
    Twfe,

    /// <summary>Callaway–Sant'Anna's simple aggregate ATT (never-treated comparison, no covariates).</summary>
    CallawaySantAnnaSimple,
}

/// <summary>Specification of a randomisation-inference placebo test (安慰剂检验).</summary>
/// <param name="Outcome">Outcome column.</param>
/// <param name="Draws">Number of placebo reassignments.</param>
/// <param name="Seed">Seed of the permutation generator.</param>
/// <param name="Statistic">Statistic re-estimated per draw.</param>
public sealed record PlaceboSpec(string Outcome, int Draws = 500, ulong Seed = 1, PlaceboStatistic Statistic = PlaceboStatistic.Twfe);

/// <summary>
/// Result of a placebo test: the observed statistic, its distribution when adoption dates are randomly reassigned
/// across units (a permutation of the cohort column, so the number of units per cohort is kept), and the
/// randomisation p-value (1 + #{|placebo| ≥ |observed|}) / (1 + draws).
/// </summary>
/// <param name="Outcome">Outcome column.</param>
/// <param name="Statistic">Statistic used.</param>
/// <param name="Observed">Statistic under the actual assignment.</param>
/// <param name="Placebo">Statistic under each placebo assignment, in draw order.</param>
/// <param name="PValue">Two-sided randomisation p-value.</param>
/// <param name="Seed">Seed used.</param>
[TypeFormatterSource(typeof(LibraryFormatterSource))]
public sealed record PlaceboResult(string Outcome, PlaceboStatistic Statistic, double Observed, IReadOnlyList<double> Placebo, double PValue, ulong Seed)
    : IHtmlRenderable
{
    /// <summary>Mean of the placebo distribution.</summary>
    public double PlaceboMean => Placebo.Average();

    /// <summary>Standard deviation of the placebo distribution.</summary>
    public double PlaceboStdDev
    {
        get
        {
            double m = PlaceboMean;
            return Math.Sqrt(Placebo.Sum(v => (v - m) * (v - m)) / (Placebo.Count - 1));
        }
    }

    private IEnumerable<IReadOnlyList<string>> Rows()
    {
        var sorted = Placebo.Order().ToArray();
        double Q(double p) => MultiplierBootstrap.QuantileType1(sorted, p);
        yield return ["observed", N(Observed)];
        yield return ["placebo mean", N(PlaceboMean)];
        yield return ["placebo s.d.", N(PlaceboStdDev)];
        yield return ["placebo 2.5 % / 97.5 %", $"{N(Q(0.025))} / {N(Q(0.975))}"];
        yield return ["randomisation p-value", N(PValue)];
    }

    private IEnumerable<string> Notes()
    {
        yield return $"{Placebo.Count} random reassignments of adoption dates across units (seed {Seed}); statistic: " +
                     (Statistic == PlaceboStatistic.Twfe ? "TWFE coefficient." : "Callaway–Sant'Anna simple ATT.");
    }

    /// <summary>Histogram of the placebo distribution with the observed value marked.</summary>
    public AllianceResearch.Presentation.Charts.Figure ToChart(string? title = null) => StaggeredCharts.PlaceboHistogram(this, title);

    /// <inheritdoc/>
    public override string ToString() => Text($"Placebo test ({Outcome})", ["", "value"], Rows(), Notes());

    /// <inheritdoc/>
    public string ToHtml() => Table($"Placebo test ({Outcome})", ["", "value"], Rows(), Notes());
}

public static partial class StaggeredDid
{
    /// <summary>Randomisation-inference placebo test: permute adoption dates across units, re-estimate, compare.</summary>
    public static PlaceboResult Placebo(Panel panel, PlaceboSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (panel.WeightsColumn is not null) throw new ArgumentException("The placebo test is unweighted; the panel has a weights column.");
        return Placebo(StaggeredDataBuilder.FromPanel(panel, spec.Outcome, [], null, []), spec);
    }

    internal static PlaceboResult Placebo(StaggeredData data, PlaceboSpec spec)
    {
        if (spec.Draws < 1) throw new ArgumentOutOfRangeException(nameof(spec), spec.Draws, "At least one placebo draw is needed.");
        Func<double[], double> statistic = spec.Statistic switch
        {
            PlaceboStatistic.Twfe => TwfePlaceboKernel(data),
            PlaceboStatistic.CallawaySantAnnaSimple => cohorts =>
            {
                var core = CallawaySantAnnaCore.Estimate(data.WithCohorts(cohorts), ComparisonGroup.NeverTreated, BasePeriod.Varying, 0, CovariateMethod.DoublyRobust);
                return CallawaySantAnnaAggregation.Compute(core, new AggregationSpec(AggregationType.Simple)).Overall.Att;
            },
            _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Statistic, "Unknown placebo statistic."),
        };
        double observed = statistic(data.Cohort);
        var rng = new SeededRandom(spec.Seed);
        var draws = new double[spec.Draws];
        var cohorts = (double[])data.Cohort.Clone();
        for (int b = 0; b < spec.Draws; b++)
        {
            rng.Shuffle(cohorts);
            draws[b] = statistic(cohorts);
        }
        // A small relative slack so draws equal to the observed value up to rounding count as "at least as extreme".
        double threshold = Math.Abs(observed) * (1 - 1e-12);
        int extreme = draws.Count(v => Math.Abs(v) >= threshold);
        return new PlaceboResult(data.OutcomeName, spec.Statistic, observed, draws, (1.0 + extreme) / (1.0 + spec.Draws), spec.Seed);
    }

    /// <summary>
    /// The TWFE slope for any cohort assignment in O(units): with ỹ the double-demeaned outcome, Σ D̃y = Σ Dỹ is a sum of
    /// per-unit tail sums of ỹ from the unit's adoption period, and Σ D̃² depends only on how many units adopt when.
    /// </summary>
    private static Func<double[], double> TwfePlaceboKernel(StaggeredData data)
    {
        int n = data.UnitCount, T = data.PeriodCount;
        var periods = data.Periods;
        var yUnit = new double[n];
        var yTime = new double[T];
        double yAll = 0;
        for (int i = 0; i < n; i++)
            for (int t = 0; t < T; t++)
            {
                double y = data.Y(i, t);
                yUnit[i] += y / T; yTime[t] += y / n; yAll += y;
            }
        yAll /= (double)n * T;
        // tail[i*(T+1) + s] = Σ_{t ≥ s} ỹ_it.
        var tail = new double[(long)n * (T + 1)];
        for (int i = 0; i < n; i++)
            for (int t = T - 1; t >= 0; t--)
                tail[(long)i * (T + 1) + t] = tail[(long)i * (T + 1) + t + 1] + data.Y(i, t) - yUnit[i] - yTime[t] + yAll;
        return cohorts =>
        {
            var perStart = new double[T + 1]; // units whose treatment starts at period code s (T = never)
            double num = 0;
            for (int i = 0; i < n; i++)
            {
                double g = cohorts[i];
                int s = T;
                if (g > 0) { s = 0; while (s < T && periods[s] < g) s++; }
                perStart[s]++;
                num += tail[(long)i * (T + 1) + s];
            }
            // Σ D̃² = Σ D² − T Σᵢ D̄ᵢ² − n Σₜ D̄ₜ² + nT D̄².
            double sumD = 0, sumUnit = 0, sumTime = 0;
            for (int s = 0; s < T; s++)
            {
                double len = T - s;
                sumD += perStart[s] * len;
                sumUnit += perStart[s] * (len / T) * (len / T) * T;
            }
            double cum = 0;
            for (int t = 0; t < T; t++)
            {
                cum += perStart[t];
                double dt = cum / n;
                sumTime += n * dt * dt;
            }
            double dbar = sumD / ((double)n * T);
            double den = sumD - sumUnit - sumTime + n * T * dbar * dbar;
            return den > 0 ? num / den : double.NaN;
        };
    }
}
