using System.Globalization;
using System.Text;
using AllianceResearch.Data;
using AllianceResearch.Indicators;
using AllianceResearch.Literature;
using AllianceResearch.Presentation;
using AllianceResearch.Results;
using AllianceResearch.Simulation;

namespace AllianceResearch.Evaluation;

/// <summary>
/// Estimates the overall reform effect on one outcome column of a panel (e.g. a TWFE coefficient or a
/// Callaway–Sant'Anna simple aggregate) with its standard error, p-value and confidence interval.
/// </summary>
public delegate CoefficientEstimate ReformEffectEstimator(Panel panel, string outcome);

/// <summary>What the scorecard concludes about one indicator.</summary>
public enum EffectVerdict
{
    /// <summary>Significant after adjustment, in the improving direction.</summary>
    Improved,

    /// <summary>Significant after adjustment, in the worsening direction.</summary>
    Worsened,

    /// <summary>Not significant after adjustment.</summary>
    Inconclusive,

    /// <summary>Significant, but the indicator has no preferred direction (monitor only).</summary>
    Changed,
}

/// <summary>An outcome column of the panel with the indicator it measures.</summary>
/// <param name="Outcome">Panel column.</param>
/// <param name="Indicator">Registry definition (names, dimension, direction, unit).</param>
public sealed record ScorecardIndicator(string Outcome, IndicatorDefinition Indicator)
{
    /// <summary>The sixteen outcomes of the synthetic county panel with their registry indicators.</summary>
    public static IReadOnlyList<ScorecardIndicator> SyntheticPanelOutcomes { get; } =
        CountyPanelOutcomes.All.Select(o => new ScorecardIndicator(o.Column, IndicatorRegistry.Default[o.IndicatorId])).ToList();
}

/// <summary>Options of the scorecard.</summary>
/// <param name="Alpha">Significance level applied to adjusted p-values.</param>
/// <param name="Adjustment">Multiple-testing adjustment across all indicators.</param>
public sealed record ScorecardOptions(double Alpha = 0.05, MultipleTestingAdjustment Adjustment = MultipleTestingAdjustment.BenjaminiHochberg)
{
    /// <summary>Throws when the level is not in (0, 1).</summary>
    public void Validate()
    {
        if (!(Alpha > 0 && Alpha < 1)) throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, "Alpha must lie strictly between 0 and 1.");
    }
}

/// <summary>One indicator's row of the scorecard.</summary>
/// <param name="Indicator">The outcome and its indicator.</param>
/// <param name="Estimate">Estimator output (unadjusted inference).</param>
/// <param name="AdjustedP">p-value after the multiple-testing adjustment.</param>
/// <param name="Verdict">Improved, worsened, inconclusive (or changed, for monitor-only indicators).</param>
/// <param name="ImprovementInSd">Estimate signed so that positive = improvement, in standard deviations of the outcome among untreated rows.</param>
/// <param name="ImprovementCiInSd">The confidence interval on the same scale (low, high).</param>
public sealed record ScorecardRow(ScorecardIndicator Indicator, CoefficientEstimate Estimate, double AdjustedP, EffectVerdict Verdict,
    double ImprovementInSd, (double Low, double High) ImprovementCiInSd);

/// <summary>The roll-up of one evaluation dimension, with what the literature reported beside it.</summary>
/// <param name="Dimension">Evaluation dimension.</param>
/// <param name="Improved">Indicators improved.</param>
/// <param name="Worsened">Indicators worsened.</param>
/// <param name="Inconclusive">Indicators inconclusive (or changed without a preferred direction).</param>
/// <param name="Verdict">Improved, worsened, mixed, inconclusive or "not measured".</param>
/// <param name="Literature">The review's (document 000) reported direction for the dimension.</param>
public sealed record DimensionRollup(EvaluationDimension Dimension, int Improved, int Worsened, int Inconclusive, string Verdict, string Literature);

/// <summary>
/// A reform scorecard: one DiD estimate per indicator across the seven dimensions, multiple-testing
/// adjusted, classified by the indicator's direction, rolled up by dimension beside the literature's
/// direction, with a forest plot grouped by dimension.
/// </summary>
[TypeFormatterSource(typeof(LibraryFormatterSource))]
public sealed class ReformScorecard : IHtmlRenderable, ISvgRenderable
{
    private ReformScorecard(string estimatorName, ScorecardOptions options, IReadOnlyList<ScorecardRow> rows, IReadOnlyList<DimensionRollup> dimensions)
    {
        EstimatorName = estimatorName;
        Options = options;
        Rows = rows;
        Dimensions = dimensions;
    }

    /// <summary>Name of the estimator used.</summary>
    public string EstimatorName { get; }

    /// <summary>Options used.</summary>
    public ScorecardOptions Options { get; }

    /// <summary>Indicator rows in dimension order.</summary>
    public IReadOnlyList<ScorecardRow> Rows { get; }

    /// <summary>Dimension roll-ups in the review's order.</summary>
    public IReadOnlyList<DimensionRollup> Dimensions { get; }

    /// <summary>
    /// Runs <paramref name="estimator"/> on every indicator, adjusts the p-values, classifies and rolls up.
    /// <paramref name="literature"/> gives the review's direction per dimension (see <see cref="LiteratureDirections"/>).
    /// </summary>
    public static ReformScorecard Build(Panel panel, IReadOnlyList<ScorecardIndicator> indicators, ReformEffectEstimator estimator,
        string estimatorName, ScorecardOptions? options = null, IReadOnlyDictionary<EvaluationDimension, string>? literature = null)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(indicators);
        ArgumentNullException.ThrowIfNull(estimator);
        options ??= new ScorecardOptions();
        options.Validate();
        if (indicators.Count == 0) throw new ArgumentException("The scorecard needs at least one indicator.", nameof(indicators));
        foreach (var i in indicators)
        {
            if (!panel.HasColumn(i.Outcome))
                throw new ArgumentException($"Outcome column '{i.Outcome}' (indicator {i.Indicator.Id}) is not in the panel. Columns: {string.Join(", ", panel.NumericColumns)}.", nameof(indicators));
        }
        var ordered = indicators.OrderBy(i => (int)i.Indicator.Dimension).ToList();
        var estimates = ordered.Select(i =>
        {
            var e = estimator(panel, i.Outcome);
            if (!double.IsFinite(e.Estimate) || !double.IsFinite(e.StdError) || double.IsNaN(e.PValue))
                throw new InvalidOperationException($"{estimatorName} returned a non-finite estimate for '{i.Outcome}': {e}.");
            return e;
        }).ToList();
        var adjusted = MultipleTesting.Adjust(estimates.Select(e => e.PValue).ToList(), options.Adjustment);

        var treatedFlags = panel.TreatmentColumn is { } tc ? panel.Column(tc).ToArray() : panel.TreatmentFromCohort();
        var rows = new List<ScorecardRow>();
        for (var k = 0; k < ordered.Count; k++)
        {
            var ind = ordered[k];
            var e = estimates[k];
            var sign = ind.Indicator.Direction == ImprovementDirection.LowerIsBetter ? -1.0 : 1.0;
            var verdict = adjusted[k] >= options.Alpha ? EffectVerdict.Inconclusive
                : ind.Indicator.Direction == ImprovementDirection.Monitor ? EffectVerdict.Changed
                : sign * e.Estimate > 0 ? EffectVerdict.Improved : EffectVerdict.Worsened;
            var sd = UntreatedSd(panel.Column(ind.Outcome).Span, treatedFlags, ind.Outcome);
            var lo = sign * e.CiLow / sd;
            var hi = sign * e.CiHigh / sd;
            rows.Add(new ScorecardRow(ind, e, adjusted[k], verdict, sign * e.Estimate / sd, (Math.Min(lo, hi), Math.Max(lo, hi))));
        }

        var dims = EvaluationDimensions.All.Select(d =>
        {
            var inDim = rows.Where(r => r.Indicator.Indicator.Dimension == d).ToList();
            int imp = inDim.Count(r => r.Verdict == EffectVerdict.Improved), wor = inDim.Count(r => r.Verdict == EffectVerdict.Worsened);
            var inc = inDim.Count - imp - wor;
            var verdict = inDim.Count == 0 ? "not measured"
                : imp > 0 && wor > 0 ? "mixed"
                : imp > 0 ? "improved"
                : wor > 0 ? "worsened"
                : "inconclusive";
            var lit = literature is not null && literature.TryGetValue(d, out var l) ? l : "";
            return new DimensionRollup(d, imp, wor, inc, verdict, lit);
        }).ToList();
        return new ReformScorecard(estimatorName, options, rows, dims);
    }

    /// <summary>The review's reported direction per dimension (the review-wide rows of region_dimension_evidence.csv).</summary>
    public static IReadOnlyDictionary<EvaluationDimension, string> LiteratureDirections(EvidenceBase evidence) =>
        evidence.RegionDimensionEvidence.Where(e => e.RegionId == "ALL")
            .ToDictionary(e => e.Dimension, e => string.IsNullOrEmpty(e.Note) ? e.Direction : $"{e.Direction} ({e.Note})");

    private static double UntreatedSd(ReadOnlySpan<double> y, double[] treated, string outcome)
    {
        double sum = 0, sumSq = 0;
        var n = 0;
        for (var r = 0; r < y.Length; r++)
        {
            if (treated[r] != 0 || double.IsNaN(y[r])) continue;
            sum += y[r];
            n++;
        }
        if (n < 2) throw new InvalidOperationException($"Outcome '{outcome}' has fewer than two untreated rows; cannot standardise.");
        var mean = sum / n;
        for (var r = 0; r < y.Length; r++)
        {
            if (treated[r] != 0 || double.IsNaN(y[r])) continue;
            sumSq += (y[r] - mean) * (y[r] - mean);
        }
        var sd = Math.Sqrt(sumSq / (n - 1));
        if (sd == 0) throw new InvalidOperationException($"Outcome '{outcome}' is constant among untreated rows; cannot standardise.");
        return sd;
    }

    /// <summary>Compares estimates with known true effects (synthetic data): bias and whether the CI covers the truth.</summary>
    public TruthComparison CompareWithTruth(Func<string, double> trueEffect) =>
        new(EstimatorName, Rows.Select(r =>
        {
            var t = trueEffect(r.Indicator.Outcome);
            return new TruthComparisonRow(r.Indicator.Outcome, r.Indicator.Indicator.Dimension, r.Estimate.Estimate, t,
                r.Estimate.Estimate - t, r.Estimate.CiLow <= t && t <= r.Estimate.CiHigh, r.Verdict);
        }).ToList());

    /// <summary>Several scorecards' verdicts side by side (e.g. two estimators, or BH against Holm), one row per indicator.</summary>
    public static Literature.ComparisonTable CompareVerdicts(string title, params ReformScorecard[] cards)
    {
        if (cards.Length == 0) throw new ArgumentException("Give at least one scorecard.", nameof(cards));
        var outcomes = cards[0].Rows.Select(r => r.Indicator).ToList();
        var rows = outcomes.Select(o => (IReadOnlyList<string>)[o.Indicator.Dimension.EnglishName(), $"{o.Indicator.Id} {o.Indicator.NameEn}",
            .. cards.SelectMany(c =>
            {
                var r = c.Rows.SingleOrDefault(x => x.Indicator.Outcome == o.Outcome)
                    ?? throw new ArgumentException($"Scorecard '{c.EstimatorName}' has no row for '{o.Outcome}'.", nameof(cards));
                return new[] { F(r.Estimate.Estimate), FormatP(r.AdjustedP), r.Verdict.ToString() };
            })]).ToList();
        var columns = new List<string> { "Dimension", "Indicator" };
        foreach (var c in cards)
        {
            var label = $"{c.EstimatorName}, {c.Options.Adjustment}";
            columns.AddRange([$"{label}: estimate", $"{label}: adj. p", $"{label}: verdict"]);
        }
        return new Literature.ComparisonTable(title, "computed in this notebook", columns, rows);
    }

    private static string F(double v, int d = 3) => double.IsNaN(v) ? "—" : v.ToString("F" + d, CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public string ToHtml()
    {
        var sb = new StringBuilder();
        sb.Append("<div><p><b>Reform scorecard</b> — estimator: ").Append(Html.E(EstimatorName))
          .Append("; adjustment: ").Append(Options.Adjustment).Append("; α = ").Append(F(Options.Alpha, 2)).Append("</p>");
        sb.Append("<table><thead><tr><th>Dimension</th><th>Indicator</th><th>Unit</th><th>Dir.</th><th>Estimate</th><th>SE</th><th>95% CI</th><th>p</th><th>adj. p</th><th>Verdict</th></tr></thead><tbody>");
        foreach (var r in Rows)
        {
            var d = r.Indicator.Indicator;
            sb.Append("<tr><td>").Append(Html.E(d.Dimension.EnglishName())).Append("</td><td>").Append(Html.E($"{d.Id} {d.NameEn} ({d.NameZh})"))
              .Append("</td><td>").Append(Html.E(d.Unit)).Append("</td><td>").Append(d.Direction == ImprovementDirection.LowerIsBetter ? "↓" : d.Direction == ImprovementDirection.HigherIsBetter ? "↑" : "·")
              .Append("</td><td>").Append(F(r.Estimate.Estimate)).Append("</td><td>").Append(F(r.Estimate.StdError))
              .Append("</td><td>[").Append(F(r.Estimate.CiLow)).Append(", ").Append(F(r.Estimate.CiHigh)).Append("]</td><td>")
              .Append(FormatP(r.Estimate.PValue)).Append("</td><td>").Append(FormatP(r.AdjustedP)).Append("</td><td>").Append(r.Verdict).Append("</td></tr>");
        }
        sb.Append("</tbody></table><table><thead><tr><th>Dimension</th><th>Improved</th><th>Worsened</th><th>Inconclusive</th><th>Roll-up</th><th>Literature (document 000)</th></tr></thead><tbody>");
        foreach (var d in Dimensions)
        {
            sb.Append("<tr><td>").Append(Html.E($"{d.Dimension.EnglishName()} ({d.Dimension.ChineseName()})")).Append("</td><td>").Append(d.Improved)
              .Append("</td><td>").Append(d.Worsened).Append("</td><td>").Append(d.Inconclusive).Append("</td><td>").Append(Html.E(d.Verdict))
              .Append("</td><td>").Append(Html.E(d.Literature)).Append("</td></tr>");
        }
        return sb.Append("</tbody></table></div>").ToString();
    }

    private static string FormatP(double p) => p < 0.0001 ? "<0.0001" : p.ToString("F4", CultureInfo.InvariantCulture);

    /// <summary>The forest plot's data: one row per indicator, direction-aligned, in SD units, grouped by dimension.</summary>
    public ForestPlot ForestPlot() => new(
        $"Reform effects by dimension ({EstimatorName}); right = improvement, in SDs of the untreated outcome",
        Rows.Select(r => new ForestPlotRow(r.Indicator.Indicator.Dimension.EnglishName(), $"{r.Indicator.Indicator.Id} {r.Indicator.Indicator.NameEn}",
            r.ImprovementInSd, r.ImprovementCiInSd.Low, r.ImprovementCiInSd.High, r.Verdict.ToString())).ToList());

    /// <inheritdoc />
    public string ToSvg() => ForestPlot().ToSvg();

    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new StringBuilder($"Reform scorecard ({EstimatorName}, {Options.Adjustment}, alpha {F(Options.Alpha, 2)})\n");
        foreach (var r in Rows)
            sb.Append($"  {r.Indicator.Indicator.Dimension.EnglishName(),-20} {r.Indicator.Outcome,-30} {F(r.Estimate.Estimate),10} adj.p {FormatP(r.AdjustedP),8} {r.Verdict}\n");
        foreach (var d in Dimensions) sb.Append($"  {d.Dimension.EnglishName(),-20} {d.Verdict} | literature: {d.Literature}\n");
        return sb.ToString();
    }
}

/// <summary>One row comparing an estimate with the known truth.</summary>
public sealed record TruthComparisonRow(string Outcome, EvaluationDimension Dimension, double Estimate, double TrueEffect, double Bias, bool CiCoversTruth, EffectVerdict Verdict);

/// <summary>Estimates beside the true effects of a synthetic panel.</summary>
[TypeFormatterSource(typeof(LibraryFormatterSource))]
public sealed record TruthComparison(string EstimatorName, IReadOnlyList<TruthComparisonRow> Rows) : IHtmlRenderable
{
    /// <summary>Share of indicators whose confidence interval covers the true effect.</summary>
    public double Coverage => Rows.Count(r => r.CiCoversTruth) / (double)Rows.Count;

    /// <inheritdoc />
    public string ToHtml()
    {
        var sb = new StringBuilder("<table><thead><tr><th>Outcome</th><th>Dimension</th><th>Estimate</th><th>True effect</th><th>Bias</th><th>CI covers truth</th><th>Verdict</th></tr></thead><tbody>");
        foreach (var r in Rows)
        {
            sb.Append("<tr><td>").Append(Html.E(r.Outcome)).Append("</td><td>").Append(Html.E(r.Dimension.EnglishName())).Append("</td><td>")
              .Append(r.Estimate.ToString("F3", CultureInfo.InvariantCulture)).Append("</td><td>").Append(r.TrueEffect.ToString("F3", CultureInfo.InvariantCulture))
              .Append("</td><td>").Append(r.Bias.ToString("F3", CultureInfo.InvariantCulture)).Append("</td><td>").Append(r.CiCoversTruth ? "yes" : "no")
              .Append("</td><td>").Append(r.Verdict).Append("</td></tr>");
        }
        return sb.Append("</tbody></table><p>").Append(Html.E(EstimatorName)).Append(": the 95% CI covers the truth for ")
            .Append(Rows.Count(r => r.CiCoversTruth)).Append(" of ").Append(Rows.Count).Append(" indicators.</p>").ToString();
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Join("\n", Rows.Select(r => $"{r.Outcome,-30} est {r.Estimate,10:F3} truth {r.TrueEffect,10:F3} bias {r.Bias,9:F3} covered {r.CiCoversTruth}"));
}

/// <summary>HTML escaping for this namespace.</summary>
internal static class Html
{
    public static string E(string? s) => System.Net.WebUtility.HtmlEncode(s ?? "");
}
