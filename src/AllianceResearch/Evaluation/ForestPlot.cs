using System.Globalization;
using System.Text;
using AllianceResearch.Presentation;
using AllianceResearch.Presentation.Charts;

namespace AllianceResearch.Evaluation;

/// <summary>One row of a forest plot: a labelled estimate with its interval, inside a group.</summary>
public sealed record ForestPlotRow(string Group, string Label, double Estimate, double Low, double High, string Note);

/// <summary>
/// Forest plot data grouped by dimension (plot data first, drawing second): users can take the rows
/// away or draw them their own way; <see cref="ToSvg"/> draws them with the library's chart API.
/// </summary>
[TypeFormatterSource(typeof(LibraryFormatterSource))]
public sealed record ForestPlot(string Title, IReadOnlyList<ForestPlotRow> Rows) : ISvgRenderable
{
    /// <inheritdoc />
    public string ToSvg() => ToFigure().ToSvg();

    /// <summary>The plot as a chart of the library's chart API (rows grouped under bold dimension headings).</summary>
    public Figure ToFigure() => Charts.Forest(
        Rows.Select(r => new ForestRow(r.Group, $"{r.Label} — {r.Note.ToLowerInvariant()}", r.Estimate, r.Low, r.High)),
        new ForestOptions { Title = Title, XLabel = "effect in SDs of the untreated outcome (positive = improvement)", Width = 900 });

    /// <inheritdoc />
    public override string ToString() =>
        Title + "\n" + string.Join("\n", Rows.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"  {r.Group,-20} {r.Label,-55} {r.Estimate,8:F3} [{r.Low:F3}, {r.High:F3}] {r.Note}")));

    private static string Esc(string s) => System.Net.WebUtility.HtmlEncode(s);
}
