using System.Globalization;
using System.Text;
using AllianceResearch.Presentation;

namespace AllianceResearch.Evaluation;

/// <summary>One row of a forest plot: a labelled estimate with its interval, inside a group.</summary>
public sealed record ForestPlotRow(string Group, string Label, double Estimate, double Low, double High, string Note);

/// <summary>
/// Forest plot data grouped by dimension (plot data first, drawing second): users can take the rows
/// away or draw them their own way; <see cref="ToSvg"/> draws a plain, deterministic version.
/// </summary>
[TypeFormatterSource(typeof(LibraryFormatterSource))]
public sealed record ForestPlot(string Title, IReadOnlyList<ForestPlotRow> Rows) : ISvgRenderable
{
    /// <inheritdoc />
    public string ToSvg()
    {
        static string N(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
        var groups = Rows.Select(r => r.Group).Distinct().ToList();
        const double rowH = 20, left = 330, right = 30, top = 50, width = 760;
        var lines = groups.Count + Rows.Count;
        var height = top + lines * rowH + 50;
        var lo = Math.Min(0, Rows.Min(r => r.Low));
        var hi = Math.Max(0, Rows.Max(r => r.High));
        var pad = (hi - lo) * 0.05 + 1e-9;
        lo -= pad; hi += pad;
        double X(double v) => left + (v - lo) / (hi - lo) * (width - left - right);
        var sb = new StringBuilder();
        sb.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{N(width)}\" height=\"{N(height)}\" viewBox=\"0 0 {N(width)} {N(height)}\" font-family=\"sans-serif\" font-size=\"12\">");
        sb.Append($"<rect width=\"{N(width)}\" height=\"{N(height)}\" fill=\"#FFFFFF\"/>");
        sb.Append($"<text x=\"10\" y=\"22\" font-weight=\"bold\" font-size=\"14\">{Esc(Title)}</text>");
        var plotBottom = top + lines * rowH;
        sb.Append($"<line x1=\"{N(X(0))}\" y1=\"{N(top - 5)}\" x2=\"{N(X(0))}\" y2=\"{N(plotBottom)}\" stroke=\"#888888\" stroke-dasharray=\"4 3\"/>");
        var y = top;
        foreach (var g in groups)
        {
            sb.Append($"<text x=\"10\" y=\"{N(y + 14)}\" font-weight=\"bold\">{Esc(g)}</text>");
            y += rowH;
            foreach (var r in Rows.Where(r => r.Group == g))
            {
                var colour = r.Note switch { "Improved" => "#0072B2", "Worsened" => "#D55E00", _ => "#666666" };
                sb.Append($"<text x=\"24\" y=\"{N(y + 14)}\">{Esc(r.Label)}</text>");
                sb.Append($"<line x1=\"{N(X(r.Low))}\" y1=\"{N(y + 10)}\" x2=\"{N(X(r.High))}\" y2=\"{N(y + 10)}\" stroke=\"{colour}\" stroke-width=\"2\"/>");
                sb.Append($"<circle cx=\"{N(X(r.Estimate))}\" cy=\"{N(y + 10)}\" r=\"4\" fill=\"{colour}\"><title>{Esc($"{r.Label}: {N(r.Estimate)} [{N(r.Low)}, {N(r.High)}] {r.Note}")}</title></circle>");
                y += rowH;
            }
        }
        sb.Append($"<line x1=\"{N(left)}\" y1=\"{N(plotBottom)}\" x2=\"{N(width - right)}\" y2=\"{N(plotBottom)}\" stroke=\"#333333\"/>");
        var step = NiceStep((hi - lo) / 5);
        for (var t = Math.Ceiling(lo / step) * step; t <= hi; t += step)
        {
            var tv = Math.Abs(t) < step * 1e-9 ? 0 : t;
            sb.Append($"<line x1=\"{N(X(tv))}\" y1=\"{N(plotBottom)}\" x2=\"{N(X(tv))}\" y2=\"{N(plotBottom + 4)}\" stroke=\"#333333\"/>");
            sb.Append($"<text x=\"{N(X(tv))}\" y=\"{N(plotBottom + 17)}\" text-anchor=\"middle\">{N(tv)}</text>");
        }
        sb.Append($"<text x=\"{N((left + width - right) / 2)}\" y=\"{N(plotBottom + 36)}\" text-anchor=\"middle\">blue = improved, orange = worsened, grey = inconclusive</text>");
        return sb.Append("</svg>").ToString();
    }

    /// <inheritdoc />
    public override string ToString() =>
        Title + "\n" + string.Join("\n", Rows.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"  {r.Group,-20} {r.Label,-55} {r.Estimate,8:F3} [{r.Low:F3}, {r.High:F3}] {r.Note}")));

    private static double NiceStep(double raw)
    {
        var mag = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var f = raw / mag;
        return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * mag;
    }

    private static string Esc(string s) => System.Net.WebUtility.HtmlEncode(s);
}
