using System.Globalization;
using System.Net;
using System.Text;
using AllianceResearch.Data;
using AllianceResearch.Econometrics;
using AllianceResearch.Presentation;
using AllianceResearch.Results;

namespace AllianceResearch.Did;

/// <summary>The canonical 2×2 DiD (两组两期双重差分): a treated group and a comparison group, before and after.</summary>
/// <param name="Outcome">Outcome column.</param>
/// <param name="TreatedGroup">0/1 column marking treated-group units (constant within a unit).</param>
/// <param name="PostFrom">First period of the "after" window: post = 1{t ≥ PostFrom}.</param>
public sealed record TwoByTwoSpec(string Outcome, string TreatedGroup, double PostFrom)
{
    /// <summary>Variance of the regression version; null = clustered by unit.</summary>
    public Vcov? Vcov { get; init; }

    /// <summary>Confidence level.</summary>
    public double ConfidenceLevel { get; init; } = 0.95;
}

/// <summary>
/// The four-means table and its regression version y = a + b·treated + c·post + δ·treated×post; δ equals the
/// difference of differences of the means exactly (the regression is saturated).
/// </summary>
[TypeFormatterSource(typeof(LibraryFormatterSource))]
public sealed record TwoByTwoResult : IModelSummary, IHtmlRenderable
{
    internal TwoByTwoResult() { }

    /// <summary>Interaction term name in the regression.</summary>
    public const string InteractionTerm = "treated:post";

    /// <summary>The specification.</summary>
    public TwoByTwoSpec Spec { get; init; } = null!;

    /// <summary>Mean outcome of the treated group before.</summary>
    public double TreatedBefore { get; init; }

    /// <summary>Mean outcome of the treated group after.</summary>
    public double TreatedAfter { get; init; }

    /// <summary>Mean outcome of the comparison group before.</summary>
    public double ControlBefore { get; init; }

    /// <summary>Mean outcome of the comparison group after.</summary>
    public double ControlAfter { get; init; }

    /// <summary>Observations per cell: treated before/after, control before/after.</summary>
    public (long TreatedBefore, long TreatedAfter, long ControlBefore, long ControlAfter) Counts { get; init; }

    /// <summary>(T after − T before) − (C after − C before).</summary>
    public double DifferenceInDifferences => TreatedAfter - TreatedBefore - (ControlAfter - ControlBefore);

    /// <summary>The regression version with its inference.</summary>
    public FeolsResult Regression { get; init; } = null!;

    /// <summary>The same table with another variance estimator for the regression.</summary>
    public TwoByTwoResult WithVcov(Vcov vcov) => this with { Regression = Regression.WithVcov(vcov) };

    /// <inheritdoc />
    public string ModelName => "2×2 DiD";

    /// <inheritdoc />
    public string Outcome => Spec.Outcome;

    /// <inheritdoc />
    public IReadOnlyList<CoefficientEstimate> Coefficients => Regression.Coefficients;

    /// <inheritdoc />
    public long Observations => Regression.Observations;

    /// <inheritdoc />
    public double? RSquared => Regression.RSquared;

    /// <inheritdoc />
    public double? WithinRSquared => null;

    /// <inheritdoc />
    public IReadOnlyList<KeyValuePair<string, string>> Footer => Regression.Footer;

    /// <inheritdoc />
    public override string ToString()
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(inv, $"2×2 DiD: {Spec.Outcome}, post = {Spec.TreatedGroup} groups from t ≥ {Spec.PostFrom}");
        sb.AppendLine(inv, $"{"",-12} {"before",12} {"after",12} {"change",12}");
        sb.AppendLine(inv, $"{"treated",-12} {TreatedBefore,12:G6} {TreatedAfter,12:G6} {TreatedAfter - TreatedBefore,12:G6}");
        sb.AppendLine(inv, $"{"comparison",-12} {ControlBefore,12:G6} {ControlAfter,12:G6} {ControlAfter - ControlBefore,12:G6}");
        sb.AppendLine(inv, $"{"DiD",-12} {"",12} {"",12} {DifferenceInDifferences,12:G6}");
        var c = Regression.Coefficients.Single(x => x.Term == InteractionTerm);
        sb.Append(inv, $"Regression: δ = {c.Estimate:G6} (SE {c.StdError:G6}, {Regression.VcovDescription}), p = {FeolsResult.FormatP(c.PValue)}");
        return sb.ToString();
    }

    /// <summary>The four-means table with the regression line.</summary>
    public string ToHtml()
    {
        var inv = CultureInfo.InvariantCulture;
        var c = Regression.Coefficients.Single(x => x.Term == InteractionTerm);
        var sb = new StringBuilder("<div class=\"ar-2x2\"><table><caption>2×2 DiD: ");
        sb.Append(WebUtility.HtmlEncode(Spec.Outcome)).Append("</caption><thead><tr><th></th><th>before</th><th>after</th><th>after − before</th></tr></thead><tbody>");
        sb.Append(inv, $"<tr><td>treated</td><td>{TreatedBefore:G6}</td><td>{TreatedAfter:G6}</td><td>{TreatedAfter - TreatedBefore:G6}</td></tr>");
        sb.Append(inv, $"<tr><td>comparison</td><td>{ControlBefore:G6}</td><td>{ControlAfter:G6}</td><td>{ControlAfter - ControlBefore:G6}</td></tr>");
        sb.Append(inv, $"<tr><td><b>difference</b></td><td>{TreatedBefore - ControlBefore:G6}</td><td>{TreatedAfter - ControlAfter:G6}</td><td><b>{DifferenceInDifferences:G6}</b></td></tr>");
        sb.Append(inv, $"</tbody></table><p>Regression version: δ = {c.Estimate:G6}, SE {c.StdError:G6} ({WebUtility.HtmlEncode(Regression.VcovDescription)}), p = {FeolsResult.FormatP(c.PValue)}, {Spec.ConfidenceLevel * 100:0}% CI [{c.CiLow:G5}, {c.CiHigh:G5}]</p></div>");
        return sb.ToString();
    }
}

/// <summary>2×2 DiD on a <see cref="Panel"/>.</summary>
public static class TwoByTwoDid
{
    /// <summary>Computes the four means and the regression version.</summary>
    public static TwoByTwoResult Fit(Panel panel, TwoByTwoSpec spec)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(spec);
        var group = panel.Column(spec.TreatedGroup).Span;
        var y = panel.Column(spec.Outcome).Span;
        var units = panel.UnitCodes.Span;
        int n = panel.RowCount;
        var treated = new double[n];
        var post = new double[n];
        var inter = new double[n];
        var sums = new double[4];
        var counts = new long[4];
        for (int i = 0; i < n; i++)
        {
            if (group[i] != 0 && group[i] != 1)
                throw new ArgumentException($"Treated-group column '{spec.TreatedGroup}' must be 0 or 1; unit '{panel.UnitLabels[units[i]]}' has {group[i]}.");
            if (i > 0 && units[i] == units[i - 1] && group[i] != group[i - 1])
                throw new ArgumentException($"Treated-group column '{spec.TreatedGroup}' changes within unit '{panel.UnitLabels[units[i]]}'; it marks groups, not treatment status.");
            treated[i] = group[i];
            post[i] = panel.TimeOf(i) >= spec.PostFrom ? 1 : 0;
            inter[i] = treated[i] * post[i];
            int cell = (group[i] == 1 ? 0 : 2) + (post[i] == 1 ? 1 : 0);
            sums[cell] += y[i];
            counts[cell]++;
        }
        for (int c = 0; c < 4; c++)
            if (counts[c] == 0)
                throw new ArgumentException($"2×2 DiD needs observations in all four cells; the {(c < 2 ? "treated" : "comparison")} group has none {(c % 2 == 0 ? "before" : "from")} t = {spec.PostFrom}.");
        var feSpec = new FeolsSpec(spec.Outcome, [], []) { Vcov = spec.Vcov ?? Vcov.Cluster(panel.Spec.Unit), ConfidenceLevel = spec.ConfidenceLevel };
        var reg = Feols.Fit(panel, feSpec, [("treated", treated), ("post", post), (TwoByTwoResult.InteractionTerm, inter)], null, "2×2 DiD");
        return new TwoByTwoResult
        {
            Spec = spec,
            TreatedBefore = sums[0] / counts[0],
            TreatedAfter = sums[1] / counts[1],
            ControlBefore = sums[2] / counts[2],
            ControlAfter = sums[3] / counts[3],
            Counts = (counts[0], counts[1], counts[2], counts[3]),
            Regression = reg,
        };
    }
}
