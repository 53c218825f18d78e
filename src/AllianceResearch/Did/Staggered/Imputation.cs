using AllianceResearch.Data;
using AllianceResearch.Presentation;
using AllianceResearch.Results;
using MathNet.Numerics.Distributions;
using static AllianceResearch.Did.Staggered.StaggeredFormat;

namespace AllianceResearch.Did.Staggered;

/// <summary>Specification of the Borusyak, Jaravel &amp; Spiess (2024) imputation estimator (R didimputation's vocabulary).</summary>
/// <param name="Outcome">Outcome column.</param>
/// <param name="Horizons">Event times (≥ 0) to report separately; null = only the overall ATT; empty list = every horizon.</param>
/// <param name="PreTrends">Negative event times whose coefficients are estimated among untreated cells and tested jointly;
/// null = no pre-trend test.</param>
/// <param name="ClusterColumn">Cluster column (default: the unit).</param>
/// <param name="Alpha">Level of the confidence intervals.</param>
public sealed record ImputationSpec(string Outcome, IReadOnlyList<int>? Horizons = null, IReadOnlyList<int>? PreTrends = null,
    string? ClusterColumn = null, double Alpha = 0.05);

/// <summary>The BJS pre-trend test: coefficients of pre-period event-time dummies in the untreated-only TWFE
/// regression, and their joint Wald test.</summary>
/// <param name="Coefficients">One row per tested event time (term = the event time).</param>
/// <param name="WaldStatistic">β' V⁻¹ β.</param>
/// <param name="DegreesOfFreedom">Number of coefficients.</param>
/// <param name="ChiSquarePValue">χ² p-value of the Wald statistic.</param>
/// <param name="FStatistic">Wald / df.</param>
/// <param name="FPValue">F(df, residual df) p-value.</param>
/// <param name="Variance">Variance used for the coefficients: "cluster" (CR1 with fixest's small-sample factor, as didimputation reports).</param>
public sealed record ImputationPreTrendTest(IReadOnlyList<CoefficientEstimate> Coefficients, double WaldStatistic, int DegreesOfFreedom,
    double ChiSquarePValue, double FStatistic, double FPValue, string Variance);

/// <summary>
/// Imputation estimates: the overall ATT or event-time effects with Borusyak–Jaravel–Spiess standard errors, and the
/// optional pre-trend test.
/// </summary>
/// <param name="Outcome">Outcome column.</param>
/// <param name="Effects">Term "treat" (overall ATT) or one term per horizon ("0", "1", …).</param>
/// <param name="PreTrend">Pre-trend test, when requested.</param>
/// <param name="Observations">Cells used (rows with an imputable untreated outcome).</param>
/// <param name="TreatedCells">Treated cells whose effects are averaged.</param>
/// <param name="Clusters">Number of clusters.</param>
[TypeFormatterSource(typeof(LibraryFormatterSource))]
public sealed record ImputationResult(string Outcome, IReadOnlyList<CoefficientEstimate> Effects, ImputationPreTrendTest? PreTrend,
    long Observations, long TreatedCells, int Clusters) : IHtmlRenderable, IModelSummary
{
    /// <summary>Tidy event-study rows: pre-trend coefficients (negative event times) then horizons.</summary>
    public IReadOnlyList<EventTimeEstimate> EventStudy()
    {
        var rows = new List<EventTimeEstimate>();
        if (PreTrend is not null)
            rows.AddRange(PreTrend.Coefficients.Select(c => new EventTimeEstimate("Imputation (BJS)", int.Parse(c.Term, System.Globalization.CultureInfo.InvariantCulture), c.Estimate, c.StdError, c.CiLow, c.CiHigh)));
        rows.AddRange(Effects.Where(e => e.Term != "treat").Select(c => new EventTimeEstimate("Imputation (BJS)", int.Parse(c.Term, System.Globalization.CultureInfo.InvariantCulture), c.Estimate, c.StdError, c.CiLow, c.CiHigh)));
        return rows.OrderBy(r => r.EventTime).ToArray();
    }

    /// <inheritdoc/>
    public string ModelName => "Imputation (BJS)";

    /// <inheritdoc/>
    public IReadOnlyList<CoefficientEstimate> Coefficients => Effects;

    /// <inheritdoc/>
    long IModelSummary.Observations => Observations;

    /// <inheritdoc/>
    public double? RSquared => null;

    /// <inheritdoc/>
    public double? WithinRSquared => null;

    /// <inheritdoc/>
    public IReadOnlyList<KeyValuePair<string, string>> Footer =>
        [new("Unit FE", "Yes"), new("Period FE", "Yes"), new("Clusters", Clusters.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    private IEnumerable<IReadOnlyList<string>> Rows()
    {
        if (PreTrend is not null)
            foreach (var c in PreTrend.Coefficients) yield return ["pre " + c.Term, N(c.Estimate), N(c.StdError), N(c.CiLow), N(c.CiHigh)];
        foreach (var c in Effects) yield return [c.Term == "treat" ? "ATT" : "τ" + c.Term, N(c.Estimate), N(c.StdError), N(c.CiLow), N(c.CiHigh)];
    }

    private static readonly string[] Header = ["term", "estimate", "std. error", "low", "high"];

    private IEnumerable<string> Notes()
    {
        yield return $"Imputation estimator (Borusyak, Jaravel & Spiess): unit and period effects fitted on {Observations - TreatedCells} untreated cells, averaged over {TreatedCells} treated cells; standard errors clustered ({Clusters} clusters).";
        if (PreTrend is not null)
            yield return $"Pre-trend test ({PreTrend.Variance} variance): Wald χ²({PreTrend.DegreesOfFreedom}) = {N(PreTrend.WaldStatistic, 3)}, p = {N(PreTrend.ChiSquarePValue)}; F = {N(PreTrend.FStatistic, 3)}, p = {N(PreTrend.FPValue)}.";
    }

    /// <inheritdoc/>
    public override string ToString() => Text($"Imputation DiD ({Outcome})", Header, Rows(), Notes());

    /// <inheritdoc/>
    public string ToHtml() => Table($"Imputation DiD ({Outcome})", Header, Rows(), Notes());
}

public static partial class StaggeredDid
{
    /// <summary>
    /// The imputation estimator of Borusyak, Jaravel &amp; Spiess (2024) with unit and period effects, as R
    /// didimputation 0.5 computes it: fit Y(0) on untreated cells, average Y − Ŷ(0) over treated cells, and take the
    /// standard error Σ_clusters (Σ v*ᵢₜ ε̃ᵢₜ)² with v* = −Z(Z₀'Z₀)⁻¹Z₁'w₁ on untreated cells and ε̃ the residual (untreated)
    /// or the effect minus its v²-weighted cohort × event-time mean (treated). Matches didimputation 0.5 on mpdta to 1e-7
    /// (estimates: fixest recovers the fixed effects iteratively to its tolerance; ours are exact) and 1e-10 (SEs).
    /// </summary>
    public static ImputationResult Imputation(Panel panel, ImputationSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (panel.WeightsColumn is not null) throw new ArgumentException("The imputation estimator here is unweighted; the panel has a weights column.");
        return Imputation(StaggeredDataBuilder.FromPanel(panel, spec.Outcome, [], spec.ClusterColumn, []), spec);
    }

    internal static ImputationResult Imputation(StaggeredData data, ImputationSpec spec)
    {
        int n = data.UnitCount, T = data.PeriodCount;
        long cells = (long)n * T;
        var periods = data.Periods;
        var untreated = new bool[cells];
        var eventTime = new double[cells]; // NaN for never-treated units
        for (int i = 0; i < n; i++)
            for (int t = 0; t < T; t++)
            {
                long c = (long)i * T + t;
                untreated[c] = !data.Treated(i, t);
                eventTime[c] = data.Cohort[i] > 0 ? periods[t] - data.Cohort[i] : double.NaN;
            }
        var proj = new TwoWayProjection(untreated, n, T);
        var (alpha, gamma) = proj.Fit(data.Outcome);
        // Units with no untreated cell (treated throughout) cannot be imputed; didimputation drops their rows.
        var usable = new bool[n];
        for (int i = 0; i < n; i++) usable[i] = proj.UnitCells(i) > 0;
        var adj = new double[cells];
        long obs = 0, treatedCells = 0;
        for (int i = 0; i < n; i++)
        {
            if (!usable[i]) continue;
            for (int t = 0; t < T; t++)
            {
                long c = (long)i * T + t;
                adj[c] = data.Outcome[c] - alpha[i] - gamma[t];
                obs++;
                if (!untreated[c]) treatedCells++;
            }
        }
        if (treatedCells == 0) throw new ArgumentException("No treated cell can be imputed: every treated unit is treated in all periods.");

        // Target weights: the overall ATT, or one average per horizon.
        var targets = new List<(string Term, Func<long, bool> In)>();
        if (spec.Horizons is null) targets.Add(("treat", c => !untreated[c]));
        else
        {
            var all = Enumerable.Range(0, (int)cells).Where(c => usable[c / T] && !untreated[c]).Select(c => (int)eventTime[c]).Distinct().Order().ToArray();
            var hs = spec.Horizons.Count == 0 ? all : spec.Horizons.Order().ToArray();
            foreach (var h in hs)
            {
                if (h < 0) throw new ArgumentException($"Horizon {h} is negative; pre-treatment event times belong in PreTrends.");
                if (!all.Contains(h)) throw new ArgumentException($"Horizon {h} has no treated cells. Available horizons: {string.Join(", ", all)}.");
                targets.Add((h.ToString(System.Globalization.CultureInfo.InvariantCulture), c => !untreated[c] && eventTime[c] == h));
            }
        }
        int[] cluster = data.Cluster ?? Enumerable.Range(0, n).ToArray();
        int clusters = cluster.Distinct().Count();
        double z = Z(spec.Alpha);
        var effects = new List<CoefficientEstimate>();
        foreach (var (term, inTarget) in targets)
        {
            var w = new double[cells];
            long count = 0;
            for (long c = 0; c < cells; c++) if (usable[c / T] && inTarget(c)) count++;
            double est = 0;
            var r = new double[n];
            var s = new double[T];
            for (long c = 0; c < cells; c++)
            {
                if (!usable[c / T] || !inTarget(c)) continue;
                w[c] = 1.0 / count;
                est += w[c] * adj[c];
                r[c / T] += w[c];
                s[c % T] += w[c];
            }
            // v* on untreated cells: minus the fitted value of the projection of the treated weights.
            var (va, vg) = proj.Solve(r, s);
            var v = new double[cells];
            for (long c = 0; c < cells; c++)
            {
                if (!usable[c / T]) continue;
                v[c] = untreated[c] ? -(va[c / T] + vg[c % T]) : w[c];
            }
            // τ̄ by cohort × event time, weighted by v², removed from treated effects before squaring.
            var num = new Dictionary<(double, double), double>();
            var den = new Dictionary<(double, double), double>();
            for (long c = 0; c < cells; c++)
            {
                if (!usable[c / T] || untreated[c]) continue;
                var key = (data.Cohort[c / T], eventTime[c]);
                num[key] = num.GetValueOrDefault(key) + v[c] * v[c] * adj[c];
                den[key] = den.GetValueOrDefault(key) + v[c] * v[c];
            }
            var score = new double[clusters == n && data.Cluster is null ? n : cluster.Max() + 1];
            for (long c = 0; c < cells; c++)
            {
                int i = (int)(c / T);
                if (!usable[i]) continue;
                double centred = adj[c];
                if (!untreated[c])
                {
                    var key = (data.Cohort[i], eventTime[c]);
                    double d = den[key];
                    centred -= d > 0 ? num[key] / d : 0;
                }
                score[cluster[i]] += v[c] * centred;
            }
            double se = Math.Sqrt(score.Sum(x => x * x));
            effects.Add(new CoefficientEstimate(term, est, se, est / se, PNormal(est / se), est - z * se, est + z * se));
        }
        var pre = spec.PreTrends is null ? null : PreTrendTest(data, untreated, usable, eventTime, spec.PreTrends, spec.Alpha);
        return new ImputationResult(data.OutcomeName, effects, pre, obs, treatedCells, clusters);
    }

    /// <summary>
    /// Regresses the outcome on pre-period event-time dummies with unit and period effects among untreated cells
    /// (Frisch–Waugh with the exact two-way projection), with unit-clustered variance and fixest's default small-sample
    /// factor as didimputation reports it, and a joint Wald test.
    /// </summary>
    private static ImputationPreTrendTest PreTrendTest(StaggeredData data, bool[] untreated, bool[] usable, double[] eventTime,
        IReadOnlyList<int> leads, double alpha)
    {
        int n = data.UnitCount, T = data.PeriodCount;
        long cells = (long)n * T;
        var sample = new bool[cells];
        for (long c = 0; c < cells; c++) sample[c] = untreated[c] && usable[c / T];
        var proj = new TwoWayProjection(sample, n, T);
        var ks = leads.Order().ToArray();
        foreach (var k in ks)
        {
            if (k >= 0) throw new ArgumentException($"Pre-trend event time {k} is not negative.");
            bool any = false;
            for (long c = 0; c < cells && !any; c++) any = sample[c] && eventTime[c] == k;
            if (!any) throw new ArgumentException($"Pre-trend event time {k} has no untreated cells.");
        }
        int p = ks.Length;
        var xt = new double[p][];
        for (int j = 0; j < p; j++)
        {
            var x = new double[cells];
            for (long c = 0; c < cells; c++) if (sample[c] && eventTime[c] == ks[j]) x[c] = 1;
            xt[j] = proj.Residualise(x);
        }
        var yt = proj.Residualise(data.Outcome);
        var xx = new double[p, p];
        var xy = new double[p];
        for (long c = 0; c < cells; c++)
        {
            if (!sample[c]) continue;
            for (int a = 0; a < p; a++)
            {
                xy[a] += xt[a][c] * yt[c];
                for (int b = 0; b < p; b++) xx[a, b] += xt[a][c] * xt[b][c];
            }
        }
        var bread = SmallMatrix.Inverse(xx, "pre-trend dummy");
        var beta = SmallMatrix.Multiply(bread, xy);
        double rss = 0;
        long nObs = 0;
        for (long c = 0; c < cells; c++)
        {
            if (!sample[c]) continue;
            nObs++;
            double e = yt[c];
            for (int a = 0; a < p; a++) e -= beta[a] * xt[a][c];
            rss += e * e;
        }
        // Units with a single untreated cell are fitted exactly by their unit effect; they add nothing to the scores
        // but, as in the reference fit, still count as observations and clusters in the small-sample factor.
        long nEff = nObs;
        var clusterOf = data.Cluster ?? Enumerable.Range(0, n).ToArray();
        int g = Enumerable.Range(0, n).Where(i => proj.UnitCells(i) > 0).Select(i => clusterOf[i]).Distinct().Count();
        // Cluster-robust (CR1) with fixest's default small-sample factor G/(G−1)·(n−1)/(n−K), K = slopes + period
        // effects (unit effects are nested in unit clusters), t(G−1) reference distribution.
        var scores = new Dictionary<int, double[]>();
        for (long c = 0; c < cells; c++)
        {
            if (!sample[c]) continue;
            double e = yt[c];
            for (int a = 0; a < p; a++) e -= beta[a] * xt[a][c];
            int cl = clusterOf[c / T];
            if (!scores.TryGetValue(cl, out var sc)) scores[cl] = sc = new double[p];
            for (int a = 0; a < p; a++) sc[a] += xt[a][c] * e;
        }
        var meat = new double[p, p];
        foreach (var sc in scores.Values) for (int a = 0; a < p; a++) for (int b = 0; b < p; b++) meat[a, b] += sc[a] * sc[b];
        double adjust = g / (g - 1.0) * (nEff - 1.0) / (nEff - p - T);
        var v = new double[p, p];
        for (int a = 0; a < p; a++)
            for (int b = 0; b < p; b++)
            {
                double acc = 0;
                for (int x = 0; x < p; x++) for (int y = 0; y < p; y++) acc += bread[a, x] * meat[x, y] * bread[y, b];
                v[a, b] = adjust * acc;
            }
        double dfResid = g - 1;
        var tdist = new StudentT(0, 1, dfResid);
        double tcrit = StudentT.InvCDF(0, 1, dfResid, 1 - alpha / 2);
        var coefs = new List<CoefficientEstimate>();
        for (int a = 0; a < p; a++)
        {
            double se = Math.Sqrt(v[a, a]), tstat = beta[a] / se;
            coefs.Add(new CoefficientEstimate(ks[a].ToString(System.Globalization.CultureInfo.InvariantCulture), beta[a], se, tstat,
                2 * (1 - tdist.CumulativeDistribution(Math.Abs(tstat))), beta[a] - tcrit * se, beta[a] + tcrit * se));
        }
        double wald = SmallMatrix.Dot(beta, SmallMatrix.Multiply(SmallMatrix.Inverse(v, "pre-trend covariance"), beta));
        double f = wald / p;
        return new ImputationPreTrendTest(coefs, wald, p, 1 - ChiSquared.CDF(p, wald), f, 1 - FisherSnedecor.CDF(p, dfResid, f), "cluster");
    }
}
