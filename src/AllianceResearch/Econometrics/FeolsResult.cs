using System.Globalization;
using System.Net;
using System.Text;
using AllianceResearch.Data;
using AllianceResearch.Presentation;
using AllianceResearch.Results;
using MathNet.Numerics.Distributions;

namespace AllianceResearch.Econometrics;

/// <summary>
/// A fitted fixed-effects regression with the pieces inference needs (demeaned design, residuals, bread,
/// fixed-effect structure, estimation rows for cluster ids) and one chosen variance estimator. Immutable:
/// <see cref="WithVcov"/> returns a new result, so several standard errors can be shown side by side.
/// </summary>
[TypeFormatterSource(typeof(LibraryFormatterSource))]
public sealed record FeolsResult : IModelSummary, IHtmlRenderable
{
    internal FeolsResult() { }

    /// <summary>Model label used as the table column header.</summary>
    public string ModelName { get; init; } = null!;

    /// <summary>Outcome column.</summary>
    public string Outcome { get; init; } = null!;

    /// <summary>The specification fitted.</summary>
    public FeolsSpec Spec { get; init; } = null!;

    /// <summary>The panel fitted on.</summary>
    public Panel Panel { get; init; } = null!;

    /// <summary>Panel rows used, in estimation order (null = all rows in panel order).</summary>
    internal int[]? Rows { get; init; }

    /// <summary>Names of the estimated (kept) coefficients.</summary>
    public IReadOnlyList<string> CoefficientNames { get; init; } = null!;

    internal double[] Beta { get; init; } = null!;

    /// <summary>Regressors dropped for collinearity (with each other or with the fixed effects).</summary>
    public IReadOnlyList<string> DroppedCollinear { get; init; } = null!;

    /// <summary>Notes about the fit: collinear variables removed, singletons removed, convergence.</summary>
    public IReadOnlyList<string> Messages { get; init; } = null!;

    /// <summary>Absorbed fixed-effect dimensions with their level counts in the estimation sample.</summary>
    public IReadOnlyList<FixedEffectDimension> FixedEffects { get; init; } = null!;

    /// <summary>How the fixed effects were absorbed (method, iterations, convergence).</summary>
    public AbsorptionReport Absorption { get; init; } = null!;

    /// <summary>Observations removed as singletons before estimation.</summary>
    public int SingletonsRemoved { get; init; }

    /// <summary>(Weighted) residual sum of squares.</summary>
    public double Rss { get; init; }

    /// <summary>(Weighted) total sum of squares around the mean.</summary>
    public double Tss { get; init; }

    /// <summary>(Weighted) sum of squares of the demeaned outcome.</summary>
    public double TssWithin { get; init; }

    internal FixedEffectStructure FeStructure { get; init; } = null!;
    internal double[][] DemeanedX { get; init; } = null!;
    internal double[] Residuals { get; init; } = null!;
    internal double[]? WeightsUsed { get; init; }
    internal double[,] BreadMatrix { get; init; } = null!;

    /// <summary>Confidence level of the intervals.</summary>
    public double ConfidenceLevel { get; init; }

    /// <summary>The variance estimator of this result.</summary>
    public Vcov Vcov { get; init; } = null!;

    /// <summary>The computed covariance (null only transiently during construction).</summary>
    public CovarianceEstimate? Covariance { get; init; }

    /// <summary>Observations used.</summary>
    public long Observations => Residuals.Length;

    internal int Observations32 => Residuals.Length;

    /// <summary>R² = 1 − RSS/TSS.</summary>
    public double? RSquared => 1 - Rss / Tss;

    /// <summary>Within R² = 1 − RSS/TSS of the demeaned outcome (null without fixed effects).</summary>
    public double? WithinRSquared => FixedEffects.Count == 0 ? null : 1 - Rss / TssWithin;

    /// <summary>Number of fixed-effect parameters in K under fixest's "full" count: Σ levels − (dimensions − 1).</summary>
    public int FixedEffectParameterCount => FixedEffects.Count == 0 ? 0 : FixedEffects.Sum(f => f.Levels) - (FixedEffects.Count - 1);

    /// <summary>Point estimate of <paramref name="term"/>.</summary>
    public double Estimate(string term) => Beta[IndexOf(term)];

    /// <summary>Standard error of <paramref name="term"/> under this result's variance estimator.</summary>
    public double StdError(string term) { int i = IndexOf(term); return Math.Sqrt(Covariance!.Matrix[i, i]); }

    /// <summary>Student-t degrees of freedom of tests and intervals.</summary>
    public int TDegreesOfFreedom => Covariance!.TDegreesOfFreedom;

    internal int IndexOf(string term)
    {
        for (int i = 0; i < CoefficientNames.Count; i++) if (CoefficientNames[i] == term) return i;
        throw new KeyNotFoundException($"No coefficient '{term}'. Coefficients: {string.Join(", ", CoefficientNames)}" +
            (DroppedCollinear.Count > 0 ? $" (dropped for collinearity: {string.Join(", ", DroppedCollinear)})." : "."));
    }

    /// <summary>The same fit with another variance estimator; the original result is unchanged.</summary>
    public FeolsResult WithVcov(Vcov vcov)
    {
        ArgumentNullException.ThrowIfNull(vcov);
        var tmp = this with { Vcov = vcov, Covariance = null };
        return tmp with { Covariance = VcovCalculator.Compute(tmp, vcov) };
    }

    /// <summary>Coefficients with standard errors, t statistics, p-values and intervals (t with the vcov's degrees of freedom).</summary>
    public IReadOnlyList<CoefficientEstimate> Coefficients
    {
        get
        {
            var cov = Covariance!;
            double q = StudentT.InvCDF(0, 1, cov.TDegreesOfFreedom, 0.5 + ConfidenceLevel / 2);
            var list = new List<CoefficientEstimate>(Beta.Length);
            for (int i = 0; i < Beta.Length; i++)
            {
                double se = Math.Sqrt(cov.Matrix[i, i]);
                double t = Beta[i] / se;
                double p = 2 * StudentT.CDF(0, 1, cov.TDegreesOfFreedom, -Math.Abs(t));
                list.Add(new CoefficientEstimate(CoefficientNames[i], Beta[i], se, t, p, Beta[i] - q * se, Beta[i] + q * se));
            }
            return list;
        }
    }

    /// <summary>Covariance of the coefficients named in <paramref name="terms"/> (all when empty).</summary>
    public double[,] CovarianceOf(params string[] terms)
    {
        var idx = terms.Length == 0 ? Enumerable.Range(0, Beta.Length).ToArray() : terms.Select(IndexOf).ToArray();
        var m = new double[idx.Length, idx.Length];
        for (int a = 0; a < idx.Length; a++) for (int b = 0; b < idx.Length; b++) m[a, b] = Covariance!.Matrix[idx[a], idx[b]];
        return m;
    }

    /// <summary>Footer rows: fixed effects, variance, observations detail.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Footer
    {
        get
        {
            var list = new List<KeyValuePair<string, string>>();
            foreach (var f in FixedEffects) list.Add(new($"{f.Name} FE", "Yes"));
            list.Add(new("Standard errors", VcovDescription));
            return list;
        }
    }

    /// <summary>Human description of the variance, e.g. "cluster(countyreal), 500 clusters".</summary>
    public string VcovDescription => Covariance is { Clusters.Count: > 0 } c
        ? $"{Vcov.Label}, {string.Join(" × ", c.Clusters)} clusters"
        : Vcov.Label;

    // ---------------------------------------------------------------- pieces for inference

    /// <summary>Dense cluster codes of <paramref name="column"/> over the estimation rows.</summary>
    internal (int[] Codes, int Count) ClusterCodes(string column)
    {
        try { return Feols.FactorOver(Panel, column, Rows); }
        catch (KeyNotFoundException ex) { throw new ArgumentException($"Cannot cluster on '{column}': {ex.Message}", ex); }
    }

    /// <summary>Σ (levels − 1) over fixed-effect dimensions nested in any of the cluster variables.</summary>
    internal int NestedFixedEffectLevels(IReadOnlyList<int[]> clusterCodes)
    {
        int s = 0;
        for (int d = 0; d < FeStructure.Dimensions; d++)
            if (clusterCodes.Any(c => FeStructure.IsNestedIn(d, c))) s += FeStructure.Levels[d] - 1;
        return s;
    }

    // ---------------------------------------------------------------- display

    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.Append(inv, $"{ModelName}: {Outcome} ~ {string.Join(" + ", CoefficientNames)}");
        if (FixedEffects.Count > 0) sb.Append(" | ").Append(string.Join(" + ", FixedEffects.Select(f => f.Name)));
        sb.AppendLine();
        sb.Append(inv, $"Observations: {Observations}");
        if (SingletonsRemoved > 0) sb.Append(inv, $" ({SingletonsRemoved} singletons removed)");
        sb.Append(inv, $"; fixed effects: {(FixedEffects.Count == 0 ? "none" : string.Join(", ", FixedEffects.Select(f => $"{f.Name} ({f.Levels})")))}");
        sb.AppendLine();
        sb.Append(inv, $"Standard errors: {VcovDescription}; t df = {TDegreesOfFreedom}").AppendLine();
        sb.AppendLine(inv, $"{"term",-16} {"estimate",12} {"std.error",12} {"t",9} {"p",10}   [{ConfidenceLevel * 100:0}% CI]");
        foreach (var c in Coefficients)
            sb.AppendLine(inv, $"{c.Term,-16} {c.Estimate,12:G6} {c.StdError,12:G6} {c.Statistic,9:F3} {FormatP(c.PValue),10}   [{c.CiLow:G5}, {c.CiHigh:G5}]");
        sb.Append(inv, $"R² = {RSquared:F5}");
        if (WithinRSquared is { } w) sb.Append(inv, $", within R² = {w:F5}");
        sb.Append(inv, $"; absorption: {Absorption}");
        foreach (var m in Messages) sb.AppendLine().Append("Note: ").Append(m);
        return sb.ToString();
    }

    internal static string FormatP(double p) => p < 1e-4 ? p.ToString("0.0e+0", CultureInfo.InvariantCulture) : p.ToString("F4", CultureInfo.InvariantCulture);

    /// <summary>An HTML table of the coefficients with the fit statistics and notes below it.</summary>
    public string ToHtml()
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append("<div class=\"ar-feols\"><table><caption>").Append(WebUtility.HtmlEncode(ModelName)).Append(": ")
          .Append(WebUtility.HtmlEncode(Outcome)).Append("</caption><thead><tr><th>term</th><th>estimate</th><th>std. error</th><th>t</th><th>p</th><th>")
          .Append(inv, $"{ConfidenceLevel * 100:0}% CI</th></tr></thead><tbody>");
        foreach (var c in Coefficients)
            sb.Append(inv, $"<tr><td>{WebUtility.HtmlEncode(c.Term)}</td><td>{c.Estimate:G6}</td><td>{c.StdError:G6}</td><td>{c.Statistic:F3}</td><td>{FormatP(c.PValue)}</td><td>[{c.CiLow:G5}, {c.CiHigh:G5}]</td></tr>");
        sb.Append("</tbody></table><p>");
        sb.Append(inv, $"N = {Observations}; R² = {RSquared:F4}");
        if (WithinRSquared is { } w) sb.Append(inv, $"; within R² = {w:F4}");
        sb.Append("; SE: ").Append(WebUtility.HtmlEncode(VcovDescription));
        if (FixedEffects.Count > 0) sb.Append("; FE: ").Append(WebUtility.HtmlEncode(string.Join(", ", FixedEffects.Select(f => $"{f.Name} ({f.Levels})"))));
        sb.Append("</p>");
        foreach (var m in Messages) sb.Append("<p><i>Note: ").Append(WebUtility.HtmlEncode(m)).Append("</i></p>");
        sb.Append("</div>");
        return sb.ToString();
    }
}
