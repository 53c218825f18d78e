using System.Globalization;
using System.Net;
using System.Text;
using AllianceResearch.Data;
using AllianceResearch.Econometrics;
using AllianceResearch.Presentation;
using AllianceResearch.Results;

namespace AllianceResearch.Did;

/// <summary>Which units identify the counterfactual in a TWFE event study.</summary>
public enum EventStudyComparison
{
    /// <summary>
    /// All units; never-treated units carry no relative-time dummies (fixest <c>i(rel_time, ref = c(-1, -1000))</c> with
    /// never-treated coded −1000). Needs at least one never-treated unit.
    /// </summary>
    NeverTreated,

    /// <summary>
    /// Never-treated units excluded; periods from the last cohort's treatment onward dropped, so later-treated units
    /// are the comparison. Without never-treated units the fully dynamic model needs a second normalisation
    /// (Borusyak, Jaravel and Spiess 2024): the most distant lead is also set to zero.
    /// </summary>
    NotYetTreated,
}

/// <summary>A TWFE event study (事件研究) from the panel's cohort column.</summary>
/// <param name="Outcome">Outcome column.</param>
public sealed record EventStudySpec(string Outcome)
{
    /// <summary>Reference (omitted) relative period; −1 = the period before treatment.</summary>
    public int Reference { get; init; } = -1;

    /// <summary>Relative-time window [Min, Max]; null = every relative period observed.</summary>
    public (int Min, int Max)? Window { get; init; }

    /// <summary>
    /// When true, periods beyond the window are binned into its endpoints (rel ≤ Min → Min, rel ≥ Max → Max); when false
    /// rows of treated units outside the window are dropped.
    /// </summary>
    public bool BinEndpoints { get; init; }

    /// <summary>Comparison group.</summary>
    public EventStudyComparison Comparison { get; init; } = EventStudyComparison.NeverTreated;

    /// <summary>Time-varying covariates.</summary>
    public IReadOnlyList<string> Covariates { get; init; } = [];

    /// <summary>Fixed effects; null = unit and time.</summary>
    public IReadOnlyList<string>? FixedEffects { get; init; }

    /// <summary>Variance; null = clustered by unit.</summary>
    public Vcov? Vcov { get; init; }

    /// <summary>Analytic weights column.</summary>
    public string? Weights { get; init; }

    /// <summary>Confidence level of the pointwise intervals.</summary>
    public double ConfidenceLevel { get; init; } = 0.95;
}

/// <summary>
/// Result of a TWFE event study: the regression, one tidy <see cref="EventTimeEstimate"/> per relative period
/// (reference periods included as 0 with NaN errors) and the joint pre-trend Wald test.
/// </summary>
[TypeFormatterSource(typeof(LibraryFormatterSource))]
public sealed record EventStudyResult : IModelSummary, IHtmlRenderable
{
    internal EventStudyResult() { }

    /// <summary>Estimator label used in tidy rows and tables.</summary>
    public const string EstimatorName = "TWFE event study";

    /// <summary>The specification.</summary>
    public EventStudySpec Spec { get; init; } = null!;

    /// <summary>The underlying regression (terms <c>rel::k</c>).</summary>
    public FeolsResult Regression { get; init; } = null!;

    /// <summary>Reference periods normalised to zero.</summary>
    public IReadOnlyList<int> ReferencePeriods { get; init; } = [];

    /// <summary>One row per relative period, ascending.</summary>
    public IReadOnlyList<EventTimeEstimate> Estimates { get; init; } = [];

    /// <summary>Joint Wald test that all estimated leads (pre-periods) are zero; null when there are none.</summary>
    public WaldTestResult? PreTrendTest { get; init; }

    /// <summary>Term name of relative period <paramref name="k"/>.</summary>
    public static string Term(int k) => "rel::" + k.ToString(CultureInfo.InvariantCulture);

    /// <summary>Event-study chart of <see cref="Estimates"/> (the presentation layer's plot; pass options to relabel).</summary>
    public AllianceResearch.Presentation.Charts.Figure Chart(AllianceResearch.Presentation.Charts.EventStudyOptions? options = null) =>
        AllianceResearch.Presentation.Charts.Charts.EventStudy(Estimates, options);

    /// <summary>The same event study with another variance estimator.</summary>
    public EventStudyResult WithVcov(Vcov vcov) => TwfeEventStudy.Summarise(Spec, Regression.WithVcov(vcov), ReferencePeriods);

    /// <inheritdoc />
    public string ModelName => "Event study";

    /// <inheritdoc />
    public string Outcome => Regression.Outcome;

    /// <inheritdoc />
    public IReadOnlyList<CoefficientEstimate> Coefficients => Regression.Coefficients;

    /// <inheritdoc />
    public long Observations => Regression.Observations;

    /// <inheritdoc />
    public double? RSquared => Regression.RSquared;

    /// <inheritdoc />
    public double? WithinRSquared => Regression.WithinRSquared;

    /// <inheritdoc />
    public IReadOnlyList<KeyValuePair<string, string>> Footer
    {
        get
        {
            var list = Regression.Footer.ToList();
            if (PreTrendTest is { } w)
                list.Add(new("Pre-trend F (p)", string.Create(CultureInfo.InvariantCulture, $"{w.FStatistic:F3} ({FeolsResult.FormatP(w.FPValue)})")));
            return list;
        }
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine(inv, $"TWFE event study: {Outcome}, reference {string.Join(", ", ReferencePeriods)}, comparison {Spec.Comparison}; N = {Observations}; SE: {Regression.VcovDescription}");
        sb.AppendLine(inv, $"{"rel",5} {"estimate",12} {"std.error",12}   [{Spec.ConfidenceLevel * 100:0}% CI]");
        foreach (var e in Estimates)
            sb.AppendLine(double.IsNaN(e.StdError)
                ? string.Create(inv, $"{e.EventTime,5} {0.0,12:G6} {"(ref)",12}")
                : string.Create(inv, $"{e.EventTime,5} {e.Estimate,12:G6} {e.StdError,12:G6}   [{e.CiLow:G5}, {e.CiHigh:G5}]"));
        if (PreTrendTest is { } w) sb.Append(w.ToString()); else sb.Append("No estimated pre-periods: no pre-trend test.");
        foreach (var m in Regression.Messages) sb.AppendLine().Append("Note: ").Append(m);
        return sb.ToString();
    }

    /// <summary>Table of event-time estimates with the pre-trend test.</summary>
    public string ToHtml()
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder("<div class=\"ar-event-study\"><table><caption>TWFE event study: ");
        sb.Append(WebUtility.HtmlEncode(Outcome)).Append("</caption><thead><tr><th>rel. period</th><th>estimate</th><th>std. error</th><th>")
          .Append(inv, $"{Spec.ConfidenceLevel * 100:0}% CI</th></tr></thead><tbody>");
        foreach (var e in Estimates)
            sb.Append(double.IsNaN(e.StdError)
                ? string.Create(inv, $"<tr><td>{e.EventTime}</td><td>0</td><td>(reference)</td><td></td></tr>")
                : string.Create(inv, $"<tr><td>{e.EventTime}</td><td>{e.Estimate:G6}</td><td>{e.StdError:G6}</td><td>[{e.CiLow:G5}, {e.CiHigh:G5}]</td></tr>"));
        sb.Append(inv, $"</tbody></table><p>N = {Observations}; SE: {WebUtility.HtmlEncode(Regression.VcovDescription)}</p>");
        if (PreTrendTest is { } w) sb.Append(w.ToHtml());
        foreach (var m in Regression.Messages) sb.Append("<p><i>Note: ").Append(WebUtility.HtmlEncode(m)).Append("</i></p>");
        return sb.Append("</div>").ToString();
    }
}

/// <summary>TWFE event study with relative-time dummies built from the cohort column.</summary>
public static class TwfeEventStudy
{
    /// <summary>Fits the event study described by <paramref name="spec"/>.</summary>
    public static EventStudyResult Fit(Panel panel, EventStudySpec spec)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(spec);
        if (panel.CohortColumn is null)
            throw new ArgumentException("An event study needs a cohort column (PanelSpec.Cohort: first treated period, 0 = never treated).");
        var cohort = panel.CohortOfUnit.Span;
        var units = panel.UnitCodes.Span;
        int n = panel.RowCount;
        foreach (var p in panel.Periods)
            if (p != Math.Floor(p)) throw new ArgumentException($"Relative periods need integer time values; time {p} is not an integer.");
        for (int u = 0; u < panel.UnitCount; u++)
            if (cohort[u] != Math.Floor(cohort[u])) throw new ArgumentException($"Cohort {cohort[u]} of unit '{panel.UnitLabels[u]}' is not an integer period.");
        if (spec.Window is { } win && (win.Min > spec.Reference || win.Max < spec.Reference || win.Min > win.Max))
            throw new ArgumentException($"Window [{win.Min}, {win.Max}] must contain the reference period {spec.Reference}.");

        bool anyNever = false;
        double maxCohort = 0;
        for (int u = 0; u < panel.UnitCount; u++) { anyNever |= cohort[u] == 0; maxCohort = Math.Max(maxCohort, cohort[u]); }
        if (spec.Comparison == EventStudyComparison.NeverTreated && !anyNever)
            throw new ArgumentException("Comparison NeverTreated needs never-treated units (cohort 0); none found. Use EventStudyComparison.NotYetTreated.");

        // Relative period per row (int.MinValue = no dummy: never treated), sample selection.
        var rel = new int[n];
        var keep = new List<int>(n);
        for (int i = 0; i < n; i++)
        {
            double g = cohort[units[i]];
            double t = panel.TimeOf(i);
            if (g == 0)
            {
                if (spec.Comparison == EventStudyComparison.NotYetTreated) continue;
                rel[i] = int.MinValue;
                keep.Add(i);
                continue;
            }
            if (spec.Comparison == EventStudyComparison.NotYetTreated && t >= maxCohort) continue;
            int k = checked((int)(t - g));
            if (spec.Window is { } w)
            {
                if (k < w.Min) { if (!spec.BinEndpoints) continue; k = w.Min; }
                if (k > w.Max) { if (!spec.BinEndpoints) continue; k = w.Max; }
            }
            rel[i] = k;
            keep.Add(i);
        }
        var relValues = keep.Select(i => rel[i]).Where(k => k != int.MinValue).Distinct().Order().ToList();
        if (!relValues.Contains(spec.Reference))
            throw new ArgumentException($"Reference period {spec.Reference} is not observed for any treated unit (relative periods: {string.Join(", ", relValues)}).");
        var refs = new List<int> { spec.Reference };
        if (spec.Comparison == EventStudyComparison.NotYetTreated && relValues[0] < spec.Reference) refs.Add(relValues[0]);
        var estimated = relValues.Where(k => !refs.Contains(k)).ToList();
        if (estimated.Count == 0) throw new ArgumentException("No relative period left to estimate besides the reference.");

        var extra = estimated.Select(k =>
        {
            var d = new double[n];
            foreach (var i in keep) if (rel[i] == k) d[i] = 1;
            return (EventStudyResult.Term(k), d);
        }).ToList();
        var fe = spec.FixedEffects ?? [panel.Spec.Unit, panel.Spec.Time];
        var feSpec = new FeolsSpec(spec.Outcome, spec.Covariates, fe)
        {
            Weights = spec.Weights, Vcov = spec.Vcov ?? Vcov.Cluster(panel.Spec.Unit), ConfidenceLevel = spec.ConfidenceLevel,
        };
        var subset = keep.Count == n ? null : keep.ToArray();
        var reg = Feols.Fit(panel, feSpec, extra, subset, "Event study");
        return Summarise(spec, reg, refs);
    }

    internal static EventStudyResult Summarise(EventStudySpec spec, FeolsResult reg, IReadOnlyList<int> refs)
    {
        var rows = new List<EventTimeEstimate>();
        var coefs = reg.Coefficients.Where(c => c.Term.StartsWith("rel::", StringComparison.Ordinal))
            .ToDictionary(c => int.Parse(c.Term[5..], CultureInfo.InvariantCulture));
        foreach (var k in coefs.Keys.Concat(refs).Distinct().Order())
        {
            if (coefs.TryGetValue(k, out var c))
                rows.Add(new EventTimeEstimate(EventStudyResult.EstimatorName, k, c.Estimate, c.StdError, c.CiLow, c.CiHigh));
            else
                rows.Add(new EventTimeEstimate(EventStudyResult.EstimatorName, k, 0, double.NaN, double.NaN, double.NaN));
        }
        var leads = coefs.Keys.Where(k => k < 0).Order().Select(EventStudyResult.Term).ToList();
        var wald = leads.Count == 0 ? null : WaldTest.AllZero(reg, leads) with { Hypothesis = $"all pre-period coefficients are zero ({string.Join(", ", leads)})" };
        return new EventStudyResult { Spec = spec, Regression = reg, ReferencePeriods = refs.ToList(), Estimates = rows, PreTrendTest = wald };
    }
}
