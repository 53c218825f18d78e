using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using WTable = DocumentFormat.OpenXml.Wordprocessing.Table;
using WRow = DocumentFormat.OpenXml.Wordprocessing.TableRow;

namespace AllianceResearch.Presentation.Tables;

/// <summary>Writes a <see cref="Table"/> into a Word document with three-line (booktabs-style) borders.</summary>
internal static class TableDocx
{
    public static byte[] Build(Table t)
    {
        using var ms = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(ms, WordprocessingDocumentType.Document))
        {
            // A fixed relationship id: the default one is random, which would make the bytes differ run to run.
            var main = doc.AddNewPart<MainDocumentPart>("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", "rId1");
            var body = new Body();
            if (t.TitleText is not null) body.Append(Para(t.TitleText, bold: true, size: 22, align: JustificationValues.Left));
            var table = new WTable();
            table.Append(new TableProperties(
                new TableWidth { Type = TableWidthUnitValues.Auto, Width = "0" },
                new TableBorders(
                    new TopBorder { Val = BorderValues.Single, Size = 12 },
                    new BottomBorder { Val = BorderValues.Single, Size = 12 })));
            var n = t.Columns.Count;
            table.Append(Row(t.Columns.Select(c => c.Header).ToArray(), t, bold: true, bottomRule: !t.Rows.Any(r => r.Kind == RowKind.Header), topRule: false));
            var headers = t.Rows.Where(r => r.Kind == RowKind.Header).ToList();
            for (var i = 0; i < headers.Count; i++) table.Append(Row(headers[i].Cells, t, bold: false, bottomRule: i == headers.Count - 1, topRule: false, italic: true));
            var firstFooter = true;
            foreach (var r in t.Rows.Where(r => r.Kind != RowKind.Header))
            {
                if (r.Kind == RowKind.Section)
                {
                    var cell = new TableCell(new TableCellProperties(new GridSpan { Val = n }), Para(r.Cells[0], bold: true, size: 20, align: JustificationValues.Left));
                    table.Append(new WRow(cell));
                    continue;
                }
                var rule = r.Kind == RowKind.Footer && firstFooter;
                if (r.Kind == RowKind.Footer) firstFooter = false;
                table.Append(Row(r.Cells, t, bold: false, bottomRule: false, topRule: rule));
            }
            body.Append(table);
            if (t.NotesText is not null) body.Append(Para(t.NotesText, bold: false, size: 18, align: JustificationValues.Left));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return Normalise(ms.ToArray());
    }

    /// <summary>
    /// The packaging layer stamps zip entries with the current time; rewrite them with a fixed timestamp so the
    /// same table always gives the same bytes.
    /// </summary>
    private static byte[] Normalise(byte[] package)
    {
        var stamp = new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var output = new MemoryStream();
        using (var source = new System.IO.Compression.ZipArchive(new MemoryStream(package), System.IO.Compression.ZipArchiveMode.Read))
        using (var target = new System.IO.Compression.ZipArchive(output, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                var copy = target.CreateEntry(entry.FullName, System.IO.Compression.CompressionLevel.Optimal);
                copy.LastWriteTime = stamp;
                using var from = entry.Open();
                using var to = copy.Open();
                from.CopyTo(to);
            }
        }
        return output.ToArray();
    }

    private static WRow Row(IReadOnlyList<string> cells, Table t, bool bold, bool bottomRule, bool topRule, bool italic = false)
    {
        var row = new WRow();
        for (var i = 0; i < cells.Count; i++)
        {
            var props = new TableCellProperties();
            var borders = new TableCellBorders();
            if (bottomRule) borders.Append(new BottomBorder { Val = BorderValues.Single, Size = 6 });
            if (topRule) borders.Append(new TopBorder { Val = BorderValues.Single, Size = 6 });
            if (bottomRule || topRule) props.Append(borders);
            var align = t.Columns[i].Align switch
            {
                ColumnAlign.Center => JustificationValues.Center,
                ColumnAlign.Right => JustificationValues.Right,
                _ => JustificationValues.Left,
            };
            row.Append(new TableCell(props, Para(cells[i], bold, 20, align, italic)));
        }
        return row;
    }

    private static Paragraph Para(string text, bool bold, int size, JustificationValues align, bool italic = false)
    {
        var rp = new RunProperties(new RunFonts { Ascii = "Times New Roman", HighAnsi = "Times New Roman", EastAsia = "SimSun" }, new FontSize { Val = size.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        if (bold) rp.Append(new Bold());
        if (italic) rp.Append(new Italic());
        return new Paragraph(
            new ParagraphProperties(new Justification { Val = align }, new SpacingBetweenLines { Before = "20", After = "20" }),
            new Run(rp, new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
    }
}
