using System.Text;
using AllianceResearch.Presentation;

namespace AllianceResearch.Literature;

/// <summary>
/// A reproduced comparison table with the passage it reproduces; renders as HTML (notebooks) and
/// Markdown (papers, READMEs).
/// </summary>
/// <param name="Title">Table title.</param>
/// <param name="Source">Which document and passage the table reproduces.</param>
/// <param name="Columns">Column headers.</param>
/// <param name="Rows">Cells, one array per row, as many cells as columns.</param>
[TypeFormatterSource(typeof(LibraryFormatterSource))]
public sealed record ComparisonTable(string Title, string Source, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows) : IHtmlRenderable
{
    /// <summary>The cell at a row and named column; throws naming the column when absent.</summary>
    public string Cell(int row, string column)
    {
        var c = Columns.ToList().IndexOf(column);
        if (c < 0) throw new KeyNotFoundException($"Table '{Title}' has no column '{column}'. Columns: {string.Join(", ", Columns)}.");
        return Rows[row][c];
    }

    /// <summary>The row whose first cell equals <paramref name="key"/>.</summary>
    public IReadOnlyList<string> Row(string key) => Rows.FirstOrDefault(r => r[0] == key)
        ?? throw new KeyNotFoundException($"Table '{Title}' has no row '{key}'. Rows: {string.Join(", ", Rows.Select(r => r[0]))}.");

    /// <inheritdoc />
    public string ToHtml()
    {
        var sb = new StringBuilder("<div><p><b>").Append(E(Title)).Append("</b></p><table><thead><tr>");
        foreach (var c in Columns) sb.Append("<th>").Append(E(c)).Append("</th>");
        sb.Append("</tr></thead><tbody>");
        foreach (var r in Rows)
        {
            sb.Append("<tr>");
            foreach (var cell in r) sb.Append("<td>").Append(E(cell)).Append("</td>");
            sb.Append("</tr>");
        }
        return sb.Append("</tbody></table><p><i>Source: ").Append(E(Source)).Append("</i></p></div>").ToString();
    }

    /// <summary>The table as GitHub-flavoured Markdown.</summary>
    public string ToMarkdown()
    {
        static string M(string s) => s.Replace("|", "\\|").Replace("\n", " ");
        var sb = new StringBuilder($"**{M(Title)}**\n\n| {string.Join(" | ", Columns.Select(M))} |\n|{string.Concat(Columns.Select(_ => "---|"))}\n");
        foreach (var r in Rows) sb.Append("| ").Append(string.Join(" | ", r.Select(M))).Append(" |\n");
        return sb.Append($"\n*Source: {M(Source)}*\n").ToString();
    }

    /// <inheritdoc />
    public override string ToString() => ToMarkdown();

    private static string E(string s) => System.Net.WebUtility.HtmlEncode(s);
}
