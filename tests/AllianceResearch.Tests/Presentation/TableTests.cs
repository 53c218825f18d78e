using System.Xml.Linq;
using AllianceResearch.Presentation.Charts;
using AllianceResearch.Presentation.Tables;
using DocumentFormat.OpenXml.Packaging;

namespace AllianceResearch.Tests.Presentation;

/// <summary>
/// Tables: expected cells are hand-formatted from the sample models' inputs (rounding half away from zero,
/// stars at p &lt; 0.10 / 0.05 / 0.01), so the tests check formatting, not the code against itself.
/// </summary>
public class TableTests
{
    private static Table Regression(RegressionTableOptions? o = null) => RegressionTable.Create(ChartSamples.Models(), o);

    [Fact]
    public void RegressionTableCellsMatchHandFormatting()
    {
        var t = Regression();
        Assert.Equal(["", "(1) TWFE", "(2) Callaway–Sant'Anna", "(3) Imputation"], t.Columns.Select(c => c.Header));
        string[] Row(int i) => t.Rows[i].Cells.ToArray();
        Assert.Equal(RowKind.Header, t.Rows[0].Kind);
        Assert.Equal(["Outcome", "ln_cost", "ln_cost", "ln_cost"], Row(0));
        // D: −0.0812 (p 0.0002) → −0.081***, SE 0.0215 → (0.022); −0.0954 (p 0.0015) → −0.095***; −0.0901 (p 0.025) → −0.090**.
        Assert.Equal(["D", "\u22120.081***", "\u22120.095***", "\u22120.090**"], Row(1));
        Assert.Equal(["", "(0.022)", "(0.030)", "(0.040)"], Row(2));
        // ln_pop: 0.2310 (p 0.0361) → 0.231**; absent in model 2; 0.1980 (p 0.1277) → no star.
        Assert.Equal(["ln_pop", "0.231**", "", "0.198"], Row(3));
        Assert.Equal(["", "(0.110)", "", "(0.130)"], Row(4));
        Assert.Equal(["County FE", "Yes", "Yes", "Yes"], Row(5));
        Assert.Equal(["Year FE", "Yes", "Yes", ""], Row(6));
        Assert.Equal(["Observations", "1,800", "1,800", "1,750"], Row(7));
        Assert.Equal(["R\u00B2", "0.912", "", "0.905"], Row(8));
        Assert.Equal(["Within R\u00B2", "0.134", "", ""], Row(9));
        Assert.All(t.Rows.Skip(5), r => Assert.Equal(RowKind.Footer, r.Kind));
        Assert.Equal("Standard errors in parentheses. * p < 0.1, ** p < 0.05, *** p < 0.01.", t.NotesText);
    }

    [Fact]
    public void RegressionTableHonoursDecimalsStarsTermsAndChineseLabels()
    {
        var t = Regression(new RegressionTableOptions
        {
            Decimals = 2, Stars = false, Terms = ["D"], Labels = TableLabels.Chinese,
            Dictionary = new Dictionary<string, string> { ["D"] = "改革 × 实施后", ["County FE"] = "县固定效应", ["Yes"] = "是" },
        });
        Assert.Equal(["改革 × 实施后", "\u22120.08", "\u22120.10", "\u22120.09"], t.Rows[1].Cells);
        Assert.Equal(["县固定效应", "是", "是", "是"], t.Rows[3].Cells);
        Assert.Contains(t.Rows, r => r.Cells[0] == "观测值");
        Assert.Equal("括号内为标准误。", t.NotesText);
    }

    [Fact]
    public void UnknownTermIsNamed()
    {
        var ex = Assert.Throws<ArgumentException>(() => Regression(new RegressionTableOptions { Terms = ["D", "post"] }));
        Assert.Contains("'post'", ex.Message);
    }

    [Fact]
    public void HtmlIsWellFormedEscapedAndScriptFree()
    {
        var t = Regression().Title("Table 1 <main> & robustness");
        var html = t.ToHtml();
        var doc = XDocument.Parse(html); // our HTML is also well-formed XML
        Assert.Equal("table", doc.Root!.Name.LocalName);
        Assert.Equal("Table 1 <main> & robustness", doc.Root.Element("caption")!.Value);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        // 2 terms × (estimate + SE) + 5 footer rows (County FE, Year FE, N, R², within R²).
        Assert.Equal(9, doc.Descendants("tr").Count(r => r.Parent!.Name == "tbody"));
    }

    [Fact]
    public void MarkdownHasAlignmentRowAndEscapedPipes()
    {
        var md = Table.Create("Term", "Value").Row("a|b", "1.0").Title("T").ToMarkdown();
        Assert.Equal("**T**\n\n| Term | Value |\n|:---|---:|\n| a\\|b | 1.0 |\n", md);
    }

    [Fact]
    public void LatexUsesBooktabsAndEscapesSpecials()
    {
        var tex = Regression().Title("Effects on cost_per_case (%)").ToLatex();
        Assert.Contains("\\toprule", tex);
        Assert.Contains("\\midrule", tex);
        Assert.Contains("\\bottomrule", tex);
        Assert.Contains("\\caption{Effects on cost\\_per\\_case (\\%)}", tex);
        Assert.Contains("D & $-$0.081*** & $-$0.095*** & $-$0.090** \\\\", tex);
        Assert.Contains("\\begin{tabular}{lccc}", tex);
    }

    [Fact]
    public void CsvQuotesFieldsThatNeedIt()
    {
        var csv = Table.Create("name", "note").Row("a,b", "say \"hi\"").Row("plain", "x").ToCsv();
        Assert.Equal("name,note\r\n\"a,b\",\"say \"\"hi\"\"\"\r\nplain,x\r\n", csv);
    }

    [Fact]
    public void DocxReopensWithEveryCell()
    {
        var bytes = Regression().Title("回归结果").ToDocx();
        using var ms = new MemoryStream(bytes);
        using var doc = WordprocessingDocument.Open(ms, false);
        var text = doc.MainDocumentPart!.Document.Body!.InnerText;
        Assert.Contains("回归结果", text);
        Assert.Contains("\u22120.081***", text);
        Assert.Contains("1,750", text);
        var table = doc.MainDocumentPart.Document.Body.Elements<DocumentFormat.OpenXml.Wordprocessing.Table>().Single();
        Assert.Equal(11, table.Elements<DocumentFormat.OpenXml.Wordprocessing.TableRow>().Count()); // header + outcome row + 9
    }

    [Fact]
    public void DocxBytesAreDeterministic()
    {
        var first = Regression().ToDocx();
        Thread.Sleep(2100); // zip timestamps have two-second resolution; a clock-dependent writer would differ now
        Assert.Equal(first, Regression().ToDocx());
    }

    private sealed record Budget(string County, int Year, decimal Amount, double Share, double? Missing);

    [Fact]
    public void FromRecordsFormatsByTypeAndAligns()
    {
        var t = Table.From([new Budget("德清县", 2020, 12345678.5m, 0.12345, null), new Budget("Anji", 2019, -5m, double.NaN, 1)],
            new TableOptions { Headers = new Dictionary<string, string> { ["County"] = "县 County" }, Formats = new Dictionary<string, NumberFormat> { ["Share"] = NumberFormat.Percent(1) } });
        Assert.Equal(["县 County", "Year", "Amount", "Share", "Missing"], t.Columns.Select(c => c.Header));
        Assert.Equal([ColumnAlign.Left, ColumnAlign.Right, ColumnAlign.Right, ColumnAlign.Right, ColumnAlign.Right], t.Columns.Select(c => c.Align));
        Assert.Equal(["德清县", "2020", "12,345,678.50", "12.3%", ""], t.Rows[0].Cells);
        Assert.Equal(["Anji", "2019", "\u22125.00", "", "1.000"], t.Rows[1].Cells);
    }

    [Fact]
    public void FromRecordsRejectsUnknownColumnByName()
    {
        var ex = Assert.Throws<ArgumentException>(() => Table.From([new Budget("a", 1, 1, 1, 1)], new TableOptions { Columns = ["County", "Cost"] }));
        Assert.Contains("no property 'Cost'", ex.Message);
        Assert.Contains("County, Year, Amount, Share, Missing", ex.Message);
    }

    [Fact]
    public void RowWidthMismatchNamesTheRow()
    {
        var ex = Assert.Throws<ArgumentException>(() => Table.Create("a", "b").Row("1", "2").Row("3"));
        Assert.Contains("Row 2 has 1 cells but the table has 2 columns", ex.Message);
    }

    [Fact]
    public void PlainTextAlignsChineseAsDoubleWidth()
    {
        var text = Table.Create("名称", "n").Row("县域内就诊率", "1").Row("ab", "22").ToString();
        var lines = text.Split('\n');
        // "县域内就诊率" is 6 wide glyphs = 12 cells; the numeric column is right-aligned after two spaces.
        Assert.Equal("县域内就诊率   1", lines[3]);
        Assert.Equal("ab            22", lines[4]);
    }
}
