using System.Net;
using System.Text;
using AllianceResearch.Presentation.Charts;

namespace AllianceResearch.Presentation.Tables;

/// <summary>The text renderers of <see cref="Table"/>; each takes the same cells, so all formats agree.</summary>
internal static class TableRenderers
{
    private const string Font = "font-family:'Helvetica Neue',Helvetica,Arial,'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif;";

    private static string CssAlign(ColumnAlign a) => a switch { ColumnAlign.Center => "center", ColumnAlign.Right => "right", _ => "left" };

    private static string H(string s) => WebUtility.HtmlEncode(s);

    public static string Html(Table t)
    {
        var sb = new StringBuilder();
        var n = t.Columns.Count;
        sb.Append("<table class=\"ar-table\" style=\"border-collapse:collapse;").Append(Font)
          .Append("font-size:13px;font-variant-numeric:tabular-nums;border-top:2px solid #222;border-bottom:2px solid #222;margin:6px 0;\">\n");
        if (t.TitleText is not null)
            sb.Append("<caption style=\"caption-side:top;text-align:left;font-weight:600;padding:4px 0 6px 0;\">").Append(H(t.TitleText)).Append("</caption>\n");
        sb.Append("<thead>\n<tr>");
        foreach (var c in t.Columns)
            sb.Append($"<th style=\"text-align:{CssAlign(c.Align)};padding:5px 10px;font-weight:600;border-bottom:1px solid #222;\">").Append(H(c.Header)).Append("</th>");
        sb.Append("</tr>\n");
        foreach (var r in t.Rows.Where(r => r.Kind == RowKind.Header))
        {
            sb.Append("<tr>");
            for (var i = 0; i < n; i++)
                sb.Append($"<th style=\"text-align:{CssAlign(t.Columns[i].Align)};padding:2px 10px 5px 10px;font-weight:400;font-style:italic;border-bottom:1px solid #222;\">").Append(H(r.Cells[i])).Append("</th>");
            sb.Append("</tr>\n");
        }
        sb.Append("</thead>\n<tbody>\n");
        var firstFooter = true;
        foreach (var r in t.Rows.Where(r => r.Kind != RowKind.Header))
        {
            if (r.Kind == RowKind.Section)
            {
                sb.Append($"<tr><td colspan=\"{n}\" style=\"text-align:left;padding:6px 10px 2px 10px;font-weight:600;\">").Append(H(r.Cells[0])).Append("</td></tr>\n");
                continue;
            }
            var rule = r.Kind == RowKind.Footer && firstFooter ? "border-top:1px solid #222;" : "";
            if (r.Kind == RowKind.Footer) firstFooter = false;
            sb.Append("<tr>");
            for (var i = 0; i < n; i++)
                sb.Append($"<td style=\"text-align:{CssAlign(t.Columns[i].Align)};padding:2px 10px;{rule}\">").Append(H(r.Cells[i])).Append("</td>");
            sb.Append("</tr>\n");
        }
        sb.Append("</tbody>\n");
        if (t.NotesText is not null)
            sb.Append($"<tfoot><tr><td colspan=\"{n}\" style=\"text-align:left;padding:5px 10px 2px 10px;font-size:11.5px;color:#555;border-top:1px solid #222;\">")
              .Append(H(t.NotesText)).Append("</td></tr></tfoot>\n");
        sb.Append("</table>");
        return sb.ToString();
    }

    public static string Markdown(Table t)
    {
        static string Md(string s) => s.Replace("\\", "\\\\").Replace("|", "\\|").Replace("\r", "").Replace("\n", "<br>");
        var sb = new StringBuilder();
        if (t.TitleText is not null) sb.Append("**").Append(Md(t.TitleText)).Append("**\n\n");
        sb.Append("| ").Append(string.Join(" | ", t.Columns.Select(c => Md(c.Header)))).Append(" |\n");
        sb.Append('|').Append(string.Join("|", t.Columns.Select(c => c.Align switch
        {
            ColumnAlign.Center => ":---:",
            ColumnAlign.Right => "---:",
            _ => ":---",
        }))).Append("|\n");
        foreach (var r in t.Rows.Where(r => r.Kind == RowKind.Header).Concat(t.Rows.Where(r => r.Kind != RowKind.Header)))
        {
            if (r.Kind == RowKind.Section)
            {
                sb.Append("| **").Append(Md(r.Cells[0])).Append("** |").Append(string.Concat(Enumerable.Repeat("  |", t.Columns.Count - 1))).Append('\n');
                continue;
            }
            var cells = r.Kind == RowKind.Header ? r.Cells.Select(c => c.Length == 0 ? "" : $"*{Md(c)}*") : r.Cells.Select(Md);
            sb.Append("| ").Append(string.Join(" | ", cells)).Append(" |\n");
        }
        if (t.NotesText is not null) sb.Append('\n').Append(Md(t.NotesText)).Append('\n');
        return sb.ToString();
    }

    /// <summary>Escapes LaTeX specials; a leading minus sign becomes a math minus.</summary>
    internal static string Tex(string s)
    {
        var sb = new StringBuilder();
        foreach (var c in s)
        {
            sb.Append(c switch
            {
                '\\' => "\\textbackslash{}",
                '&' => "\\&",
                '%' => "\\%",
                '$' => "\\$",
                '#' => "\\#",
                '_' => "\\_",
                '{' => "\\{",
                '}' => "\\}",
                '~' => "\\textasciitilde{}",
                '^' => "\\textasciicircum{}",
                '\u2212' => "$-$",
                '\u00B2' => "$^2$",
                _ => c.ToString(),
            });
        }
        return sb.ToString();
    }

    public static string Latex(Table t)
    {
        var sb = new StringBuilder();
        var n = t.Columns.Count;
        sb.Append("\\begin{table}[htbp]\n\\centering\n");
        if (t.TitleText is not null) sb.Append("\\caption{").Append(Tex(t.TitleText)).Append("}\n");
        sb.Append("\\begin{tabular}{").Append(string.Concat(t.Columns.Select(c => c.Align switch { ColumnAlign.Center => 'c', ColumnAlign.Right => 'r', _ => 'l' }))).Append("}\n");
        sb.Append("\\toprule\n");
        sb.Append(string.Join(" & ", t.Columns.Select(c => Tex(c.Header)))).Append(" \\\\\n");
        foreach (var r in t.Rows.Where(r => r.Kind == RowKind.Header))
            sb.Append(string.Join(" & ", r.Cells.Select(c => c.Length == 0 ? "" : $"\\textit{{{Tex(c)}}}"))).Append(" \\\\\n");
        sb.Append("\\midrule\n");
        var firstFooter = true;
        foreach (var r in t.Rows.Where(r => r.Kind != RowKind.Header))
        {
            if (r.Kind == RowKind.Section)
            {
                sb.Append($"\\multicolumn{{{n}}}{{l}}{{\\textbf{{{Tex(r.Cells[0])}}}}} \\\\\n");
                continue;
            }
            if (r.Kind == RowKind.Footer && firstFooter)
            {
                sb.Append("\\midrule\n");
                firstFooter = false;
            }
            sb.Append(string.Join(" & ", r.Cells.Select(Tex))).Append(" \\\\\n");
        }
        sb.Append("\\bottomrule\n\\end{tabular}\n");
        if (t.NotesText is not null) sb.Append("\\par\\smallskip\n{\\footnotesize ").Append(Tex(t.NotesText)).Append("}\n");
        sb.Append("\\end{table}\n");
        return sb.ToString();
    }

    public static string Csv(Table t)
    {
        static string Q(string s) => s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
        var sb = new StringBuilder();
        sb.Append(string.Join(",", t.Columns.Select(c => Q(c.Header)))).Append("\r\n");
        foreach (var r in t.Rows.Where(r => r.Kind == RowKind.Header).Concat(t.Rows.Where(r => r.Kind != RowKind.Header)))
            sb.Append(string.Join(",", r.Cells.Select(Q))).Append("\r\n");
        return sb.ToString();
    }

    /// <summary>Display width in monospace cells (CJK counts two).</summary>
    private static int Cells(string s) => s.Sum(c => c == '\u200B' ? 0 : TextMetrics.IsWide(c) ? 2 : 1);

    public static string Text(Table t)
    {
        var n = t.Columns.Count;
        var widths = new int[n];
        for (var i = 0; i < n; i++)
            widths[i] = Math.Max(Cells(t.Columns[i].Header), t.Rows.Where(r => r.Kind != RowKind.Section).Select(r => Cells(r.Cells[i])).DefaultIfEmpty(0).Max());
        var total = widths.Sum() + 2 * (n - 1);
        string Pad(string s, int i)
        {
            var gap = widths[i] - Cells(s);
            return t.Columns[i].Align switch
            {
                ColumnAlign.Right => new string(' ', gap) + s,
                ColumnAlign.Center => new string(' ', gap / 2) + s + new string(' ', gap - gap / 2),
                _ => s + new string(' ', gap),
            };
        }
        var sb = new StringBuilder();
        if (t.TitleText is not null) sb.Append(t.TitleText).Append('\n');
        var heavy = new string('=', total);
        var light = new string('-', total);
        sb.Append(heavy).Append('\n');
        sb.Append(string.Join("  ", t.Columns.Select((c, i) => Pad(c.Header, i))).TrimEnd()).Append('\n');
        foreach (var r in t.Rows.Where(r => r.Kind == RowKind.Header))
            sb.Append(string.Join("  ", r.Cells.Select((c, i) => Pad(c, i))).TrimEnd()).Append('\n');
        sb.Append(light).Append('\n');
        var firstFooter = true;
        foreach (var r in t.Rows.Where(r => r.Kind != RowKind.Header))
        {
            if (r.Kind == RowKind.Section) { sb.Append(r.Cells[0]).Append('\n'); continue; }
            if (r.Kind == RowKind.Footer && firstFooter) { sb.Append(light).Append('\n'); firstFooter = false; }
            sb.Append(string.Join("  ", r.Cells.Select((c, i) => Pad(c, i))).TrimEnd()).Append('\n');
        }
        sb.Append(heavy);
        if (t.NotesText is not null) sb.Append('\n').Append(t.NotesText);
        return sb.ToString();
    }
}
