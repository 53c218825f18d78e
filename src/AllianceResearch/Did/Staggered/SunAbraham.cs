using System.Globalization;
using AllianceResearch.Data;
using AllianceResearch.Econometrics;
using AllianceResearch.Presentation;
using AllianceResearch.Results;
using MathNet.Numerics.Distributions;
using static AllianceResearch.Did.Staggered.StaggeredFormat;

namespace AllianceResearch.Did.Staggered;

/// <summary>Specification of the Sun &amp; Abraham (2021) interaction-weighted event study (fixest's <c>sunab</c>).</summary>
/// <param name="Outcome">Outcome column.</param>
/// <param name="ReferencePeriod">Relative period left out for every cohort (fixest's <c>ref.p</c>, default −1).</param>
/// <param name="ClusterColumn">Cluster column (default: the unit).</param>
/// <param name="Alpha">Level of the intervals.</param>
public sealed record SunAbrahamSpec(string Outcome, int ReferencePeriod = -1, string? ClusterColumn = null, double Alpha = 0.05);

/// <summary>
/// Sun–Abraham estimates: cohort × relative-period coefficients from one TWFE regression with never-treated units as
/// the only clean controls, aggregated to relative periods, cohorts and one ATT with cohort-share weights (fixest's
/// <c>sunab</c> and <c>aggregate</c>), with cluster-robust standard errors and fixest's small-sample corrections.
/// </summary>
/// <param name="Outcome">Outcome column.</param>
/// <param name="RelativePeriods">Coefficients by relative period ("year::e" in fixest's naming: term = e).</param>
/// <param name="Att">The aggregated ATT over non-negative relative periods.</param>
/// <param name="Cohorts">Post-period average by cohort (term = cohort).</param>
/// <param name="Interactions">The underlying cohort × period coefficients (term "e:cohort").</param>
/// <param name="Observations">Rows used.</param>
/// <param name="Clusters">Number of clusters.</param>
/// <param name="TDegreesOfFreedom">Degrees of freedom of the t reference distribution (G − 1).</param>
/// <param name="Regression">The underlying fixed-effects regression.</param>
[TypeFormatterSource(typeof(LibraryFormatterSource))]
public sealed record SunAbrahamResult(string Outcome, IReadOnlyList<CoefficientEstimate> RelativePeriods, CoefficientEstimate Att,
    IReadOnlyList<CoefficientEstimate> Cohorts, IReadOnlyList<CoefficientEstimate> Interactions, long Observations, int Clusters,
    int TDegreesOfFreedom, FeolsResult Regression) : IHtmlRenderable, IModelSummary
{
    /// <summary>Tidy event-study rows, including the reference period as 0 with no error.</summary>
    public IReadOnlyList<EventTimeEstimate> EventStudy(int referencePeriod = -1)
    {
        var rows = RelativePeriods.Select(c => new EventTimeEstimate("Sun–Abraham", int.Parse(c.Term, CultureInfo.InvariantCulture), c.Estimate, c.StdError, c.CiLow, c.CiHigh)).ToList();
        rows.Add(new EventTimeEstimate("Sun–Abraham", referencePeriod, 0, double.NaN, double.NaN, double.NaN));
        return rows.OrderBy(r => r.EventTime).ToArray();
    }

    /// <inheritdoc/>
    public string ModelName => "Sun–Abraham";

    /// <inheritdoc/>
    public IReadOnlyList<CoefficientEstimate> Coefficients =>
        [Att with { Term = "ATT" }, .. RelativePeriods.Select(c => c with { Term = "rel::" + c.Term })];

    /// <inheritdoc/>
    public double? RSquared => Regression.RSquared;

    /// <inheritdoc/>
    public double? WithinRSquared => Regression.WithinRSquared;

    /// <inheritdoc/>
    public IReadOnlyList<KeyValuePair<string, string>> Footer => Regression.Footer;

    private IEnumerable<IReadOnlyList<string>> Rows()
    {
        foreach (var c in RelativePeriods) yield return ["rel " + c.Term, N(c.Estimate), N(c.StdError), N(c.CiLow), N(c.CiHigh)];
        yield return ["ATT", N(Att.Estimate), N(Att.StdError), N(Att.CiLow), N(Att.CiHigh)];
        foreach (var c in Cohorts) yield return ["cohort " + c.Term, N(c.Estimate), N(c.StdError), N(c.CiLow), N(c.CiHigh)];
    }

    private static readonly string[] Header = ["term", "estimate", "std. error", "low", "high"];

    private IEnumerable<string> Notes()
    {
        yield return $"Sun–Abraham interaction-weighted estimator: {Interactions.Count} cohort × period coefficients, unit and period effects, never-treated units as controls; {Observations} rows.";
        yield return $"Standard errors: {Regression.VcovDescription}; t({TDegreesOfFreedom}) intervals.";
    }

    /// <inheritdoc/>
    public override string ToString() => Text($"Sun–Abraham event study ({Outcome})", Header, Rows(), Notes());

    /// <inheritdoc/>
    public string ToHtml() => Table($"Sun–Abraham event study ({Outcome})", Header, Rows(), Notes());
}

public static partial class StaggeredDid
{
    /// <summary>
    /// Sun &amp; Abraham (2021): regress the outcome on cohort × relative-period dummies (reference period left out,
    /// never-treated units the control) with unit and period effects, using the project's fixed-effects regression,
    /// then average the interactions with weights equal to each cohort's share of the observations at that relative
    /// period. Standard errors of the averages come from the clustered covariance: se = √(w'Vw).
    /// </summary>
    public static SunAbrahamResult SunAbraham(Panel panel, SunAbrahamSpec spec)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(spec);
        if (panel.CohortColumn is null) throw new ArgumentException($"Panel from {panel.Audit.Source} has no cohort column: set PanelSpec.Cohort.");
        var periods = panel.Periods;
        var cohortOfUnit = panel.CohortOfUnit.ToArray();
        var unitOf = panel.UnitCodes.Span;
        var timeOf = panel.TimeCodes.Span;
        int rows = panel.RowCount;
        // Cohorts within the sample window; others (0, or beyond the last period) are never-treated controls.
        double first = periods[0], last = periods[^1];
        bool Treated(double g) => g > first && g <= last;
        if (!Enumerable.Range(0, panel.UnitCount).Any(u => !Treated(cohortOfUnit[u])))
            throw new ArgumentException("Sun–Abraham needs never-treated (or not-yet-treated-in-sample) units as controls; every unit is treated in the sample.");
        var cells = new SortedDictionary<(double Cohort, int Rel), List<int>>();
        for (int r = 0; r < rows; r++)
        {
            double g = cohortOfUnit[unitOf[r]];
            if (!Treated(g)) continue;
            int relTime = (int)Math.Round(periods[timeOf[r]] - g);
            if (relTime == spec.ReferencePeriod) continue;
            var key = (g, relTime);
            if (!cells.TryGetValue(key, out var list)) cells[key] = list = [];
            list.Add(r);
        }
        var extra = new List<(string Name, double[] Values)>();
        var keys = cells.Keys.ToArray();
        foreach (var k in keys)
        {
            var x = new double[rows];
            foreach (var r in cells[k]) x[r] = 1;
            extra.Add((Name(k), x));
        }
        string cluster = spec.ClusterColumn ?? panel.Spec.Unit;
        var fit = Feols.Fit(panel, new FeolsSpec(spec.Outcome, [], [panel.Spec.Unit, panel.Spec.Time]) { Vcov = Vcov.Cluster(cluster) },
            extra, null, "Sun–Abraham");
        var names = keys.Select(Name).Where(fit.CoefficientNames.Contains).ToArray();
        var kept = keys.Where(k => fit.CoefficientNames.Contains(Name(k))).ToArray();
        var v = fit.CovarianceOf(names);
        var beta = names.Select(fit.Estimate).ToArray();
        int df = fit.TDegreesOfFreedom;
        double q = StudentT.InvCDF(0, 1, df, 1 - spec.Alpha / 2);
        CoefficientEstimate Combine(string term, Func<(double Cohort, int Rel), bool> include)
        {
            var w = new double[kept.Length];
            double total = 0;
            for (int j = 0; j < kept.Length; j++) if (include(kept[j])) { w[j] = cells[kept[j]].Count; total += w[j]; }
            for (int j = 0; j < kept.Length; j++) w[j] /= total;
            double est = SmallMatrix.Dot(w, beta);
            double se = Math.Sqrt(SmallMatrix.Dot(w, Multiply(v, w)));
            double t = est / se;
            return new CoefficientEstimate(term, est, se, t, 2 * StudentT.CDF(0, 1, df, -Math.Abs(t)), est - q * se, est + q * se);
        }
        var rel = kept.Select(k => k.Rel).Distinct().Order().Select(e => Combine(e.ToString(CultureInfo.InvariantCulture), k => k.Rel == e)).ToArray();
        var att = Combine("ATT", k => k.Rel >= 0);
        var byCohort = kept.Select(k => k.Cohort).Distinct().Order().Where(c => kept.Any(k => k.Cohort == c && k.Rel >= 0))
            .Select(c => Combine(Key(c), k => k.Cohort == c && k.Rel >= 0)).ToArray();
        var interactions = fit.Coefficients.Where(c => names.Contains(c.Term)).ToArray();
        int clusters = df + 1;
        return new SunAbrahamResult(spec.Outcome, rel, att, byCohort, interactions, fit.Observations, clusters, df, fit);

        static string Name((double Cohort, int Rel) k) => $"{k.Rel.ToString(CultureInfo.InvariantCulture)}:{Key(k.Cohort)}";
    }

    private static double[] Multiply(double[,] a, double[] x) => SmallMatrix.Multiply(a, x);
}
