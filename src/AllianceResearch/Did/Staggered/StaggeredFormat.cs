using System.Globalization;
using System.Net;
using System.Text;
using MathNet.Numerics.Distributions;

namespace AllianceResearch.Did.Staggered;

/// <summary>Shared formatting for the staggered-DiD results: invariant numbers, small HTML tables, normal quantiles.</summary>
internal static class StaggeredFormat
{
    /// <summary>A number with 4 decimals (or "—" for NaN), invariant culture.</summary>
    public static string N(double v, int decimals = 4) =>
        double.IsNaN(v) ? "—" : v.ToString("F" + decimals, CultureInfo.InvariantCulture);

    /// <summary>A period or cohort label: integers without decimals.</summary>
    public static string Key(double v) =>
        double.IsNaN(v) ? "—" : v == Math.Floor(v) && Math.Abs(v) < 1e15 ? ((long)v).ToString(CultureInfo.InvariantCulture) : v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Two-sided normal critical value at level α.</summary>
    public static double Z(double alpha) => Normal.InvCDF(0, 1, 1 - alpha / 2);

    /// <summary>Two-sided normal p-value of a z statistic.</summary>
    public static double PNormal(double z) => double.IsNaN(z) ? double.NaN : 2 * (1 - Normal.CDF(0, 1, Math.Abs(z)));

    /// <summary>Escapes text for HTML.</summary>
    public static string E(string s) => WebUtility.HtmlEncode(s);

    /// <summary>A compact HTML table: caption, header row, body rows (cells already formatted), optional notes.</summary>
    public static string Table(string caption, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, IEnumerable<string>? notes = null)
    {
        var sb = new StringBuilder();
        sb.Append("<table class=\"alliance-result\" style=\"border-collapse:collapse;font-variant-numeric:tabular-nums\">");
        sb.Append("<caption style=\"caption-side:top;text-align:left;font-weight:600\">").Append(E(caption)).Append("</caption><thead><tr>");
        foreach (var h in header) sb.Append("<th style=\"text-align:right;padding:2px 8px;border-bottom:1px solid #999\">").Append(E(h)).Append("</th>");
        sb.Append("</tr></thead><tbody>");
        foreach (var r in rows)
        {
            sb.Append("<tr>");
            foreach (var c in r) sb.Append("<td style=\"text-align:right;padding:2px 8px\">").Append(E(c)).Append("</td>");
            sb.Append("</tr>");
        }
        sb.Append("</tbody>");
        var noteList = notes?.ToList() ?? [];
        if (noteList.Count > 0)
        {
            sb.Append("<tfoot><tr><td colspan=\"").Append(header.Count).Append("\" style=\"text-align:left;font-size:90%;color:#555;padding-top:4px\">");
            sb.Append(string.Join("<br/>", noteList.Select(E)));
            sb.Append("</td></tr></tfoot>");
        }
        sb.Append("</table>");
        return sb.ToString();
    }

    /// <summary>A fixed-width text table for ToString().</summary>
    public static string Text(string title, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, IEnumerable<string>? notes = null)
    {
        var all = new List<IReadOnlyList<string>> { header };
        all.AddRange(rows);
        var widths = Enumerable.Range(0, header.Count).Select(c => all.Max(r => r[c].Length)).ToArray();
        var sb = new StringBuilder();
        sb.AppendLine(title);
        foreach (var r in all)
        {
            sb.AppendLine(string.Join("  ", r.Select((c, i) => c.PadLeft(widths[i]))).TrimEnd());
        }
        foreach (var n in notes ?? []) sb.AppendLine(n);
        return sb.ToString().TrimEnd();
    }
}
