using AllianceResearch.Presentation.Charts;
using AllianceResearch.Results;

namespace AllianceResearch.Did.Staggered;

/// <summary>
/// Charts of the staggered-DiD results, drawn with the project's chart API (plot data first: every chart is made
/// from the tidy rows or records the results expose).
/// </summary>
public static class StaggeredCharts
{
    /// <summary>Event-study plot of one or several estimators' tidy rows; uniform bands are drawn where present.</summary>
    public static Figure EventStudy(IEnumerable<EventTimeEstimate> rows, string? title = null, IntervalStyle intervals = IntervalStyle.Whiskers) =>
        Charts.EventStudy(rows, new EventStudyOptions { Title = title, Intervals = intervals });

    /// <summary>
    /// Goodman-Bacon scatter: each 2×2 comparison's estimate against its weight, one series per comparison type, with
    /// the TWFE coefficient as a horizontal line — big-weight points far from the others show what drives TWFE.
    /// </summary>
    public static Figure BaconScatter(BaconDecomposition decomposition, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(decomposition);
        var fig = Figure.Create(720, 420).Title(title ?? $"Goodman-Bacon decomposition of the TWFE estimate ({decomposition.Outcome})")
            .Caption($"Each point is one 2×2 DiD; the dashed line is the TWFE coefficient {decomposition.TwfeCoefficient.ToString("F4", System.Globalization.CultureInfo.InvariantCulture)} = Σ weight × estimate.");
        return fig.Panel(p =>
        {
            p = p.XLabel("Weight in the TWFE estimate").YLabel("2×2 DiD estimate").HLine(0, style: new SeriesStyle(Color: "#808080", Width: 0.9))
                 .HLine(decomposition.TwfeCoefficient, "TWFE", new SeriesStyle(Color: "#404040", Dash: LineDash.Dashed, Width: 1));
            foreach (var g in decomposition.Comparisons.GroupBy(c => c.Type).OrderBy(g => g.Key))
                p = p.Scatter(g.Select(c => c.Weight), g.Select(c => c.Estimate), g.First().TypeLabel);
            return p.XLimits(0, null);
        });
    }

    /// <summary>Histogram of the placebo distribution with the observed statistic marked.</summary>
    public static Figure PlaceboHistogram(PlaceboResult placebo, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(placebo);
        return Charts.Histogram(placebo.Placebo, placebo.Observed, new HistogramOptions
        {
            Title = title ?? $"Placebo distribution ({placebo.Placebo.Count} random adoption dates)",
            XLabel = placebo.Statistic == PlaceboStatistic.Twfe ? "TWFE estimate under placebo timing" : "Callaway–Sant'Anna ATT under placebo timing",
            Caption = $"Randomisation p-value {placebo.PValue.ToString("F4", System.Globalization.CultureInfo.InvariantCulture)} (seed {placebo.Seed}).",
            Bins = 30,
        });
    }
}
