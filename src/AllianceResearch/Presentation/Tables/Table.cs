using System.Globalization;
using System.Reflection;
using System.Text;
using AllianceResearch.Presentation.Charts;

namespace AllianceResearch.Presentation.Tables;

/// <summary>Horizontal alignment of a column.</summary>
public enum ColumnAlign
{
    /// <summary>Left (text).</summary>
    Left,
    /// <summary>Centred (regression estimates).</summary>
    Center,
    /// <summary>Right (numbers).</summary>
    Right,
}

/// <summary>What a row is, which decides rules and styling in every renderer.</summary>
public enum RowKind
{
    /// <summary>An extra header row (e.g. outcome names under model names).</summary>
    Header,
    /// <summary>An ordinary body row.</summary>
    Body,
    /// <summary>A heading spanning all columns (its first cell is the text).</summary>
    Section,
    /// <summary>A footer row (N, R², fixed effects); a rule separates the first one from the body.</summary>
    Footer,
}

/// <summary>A column: header text and alignment.</summary>
/// <param name="Header">Header text.</param>
/// <param name="Align">Alignment of the column's cells.</param>
public sealed record TableColumn(string Header, ColumnAlign Align = ColumnAlign.Left);

/// <summary>A row of already formatted cells.</summary>
/// <param name="Cells">One string per column.</param>
/// <param name="Kind">Body, header, section or footer.</param>
public sealed record TableRow(IReadOnlyList<string> Cells, RowKind Kind = RowKind.Body);

/// <summary>Options for <see cref="Table.From{T}"/>.</summary>
public sealed record TableOptions
{
    /// <summary>Decimal places for floating-point numbers.</summary>
    public int Decimals { get; init; } = 3;

    /// <summary>Decimal places for <see cref="decimal"/> (money) values, printed with thousands separators.</summary>
    public int MoneyDecimals { get; init; } = 2;

    /// <summary>Properties to show, in order; null shows every public readable property.</summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>Header text per property name (bilingual labels).</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>Per-property number formats overriding the defaults.</summary>
    public IReadOnlyDictionary<string, NumberFormat>? Formats { get; init; }

    /// <summary>Table title.</summary>
    public string? Title { get; init; }

    /// <summary>Notes under the table.</summary>
    public string? Notes { get; init; }
}

/// <summary>
/// One table model, many renderers: HTML (notebooks), Markdown, LaTeX (booktabs), CSV, plain text and .docx.
/// Cells are formatted strings, so every renderer shows exactly the same numbers. Immutable and fluent.
/// </summary>
[TypeFormatterSource(typeof(LibraryFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed record Table : IHtmlRenderable
{
    /// <summary>Columns (headers and alignment).</summary>
    public IReadOnlyList<TableColumn> Columns { get; init; } = [];

    /// <summary>Rows in order.</summary>
    public IReadOnlyList<TableRow> Rows { get; init; } = [];

    /// <summary>Title (HTML caption, LaTeX \caption).</summary>
    public string? TitleText { get; init; }

    /// <summary>Notes printed under the table.</summary>
    public string? NotesText { get; init; }

    /// <summary>A table with these column headers (first column left-aligned, others right-aligned).</summary>
    public static Table Create(params string[] headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (headers.Length == 0) throw new ArgumentException("A table needs at least one column.", nameof(headers));
        return new Table { Columns = headers.Select((h, i) => new TableColumn(h ?? "", i == 0 ? ColumnAlign.Left : ColumnAlign.Right)).ToArray() };
    }

    /// <summary>A table with explicit columns.</summary>
    public static Table Create(IEnumerable<TableColumn> columns)
    {
        var cols = columns.ToArray();
        if (cols.Length == 0) throw new ArgumentException("A table needs at least one column.", nameof(columns));
        return new Table { Columns = cols };
    }

    /// <summary>Adds a body row.</summary>
    public Table Row(params string[] cells) => AddRow(cells, RowKind.Body);

    /// <summary>Adds an extra header row (under the column headers).</summary>
    public Table HeaderRow(params string[] cells) => AddRow(cells, RowKind.Header);

    /// <summary>Adds a footer row.</summary>
    public Table FooterRow(params string[] cells) => AddRow(cells, RowKind.Footer);

    /// <summary>Adds a section heading spanning all columns.</summary>
    public Table Section(string heading) => this with { Rows = [.. Rows, new TableRow([heading ?? "", .. Enumerable.Repeat("", Columns.Count - 1)], RowKind.Section)] };

    /// <summary>Sets the title.</summary>
    public Table Title(string title) => this with { TitleText = title };

    /// <summary>Sets the notes.</summary>
    public Table Notes(string notes) => this with { NotesText = notes };

    /// <summary>Sets one column's alignment.</summary>
    public Table Align(int column, ColumnAlign align)
    {
        if (column < 0 || column >= Columns.Count) throw new ArgumentOutOfRangeException(nameof(column), column, $"The table has {Columns.Count} columns.");
        var cols = Columns.ToArray();
        cols[column] = cols[column] with { Align = align };
        return this with { Columns = cols };
    }

    private Table AddRow(string[] cells, RowKind kind)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Length != Columns.Count)
            throw new ArgumentException($"Row {Rows.Count + 1} has {cells.Length} cells but the table has {Columns.Count} columns ({string.Join(", ", Columns.Select(c => c.Header))}).");
        return this with { Rows = [.. Rows, new TableRow(cells.Select(c => c ?? "").ToArray(), kind)] };
    }

    /// <summary>
    /// A table from records: one column per public property (or <see cref="TableOptions.Columns"/>), numbers right-aligned,
    /// doubles to fixed decimals, decimals (money) with thousands separators, integers as is, NaN and null as blank.
    /// </summary>
    public static Table From<T>(IEnumerable<T> records, TableOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        var o = options ?? new TableOptions();
        var all = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetIndexParameters().Length == 0).ToList();
        List<PropertyInfo> props;
        if (o.Columns is null) props = all;
        else
        {
            props = [];
            foreach (var name in o.Columns)
            {
                var p = all.Find(x => x.Name == name) ?? throw new ArgumentException(
                    $"Table.From<{typeof(T).Name}>: no property '{name}'. Properties: {string.Join(", ", all.Select(x => x.Name))}.");
                props.Add(p);
            }
        }
        if (props.Count == 0) throw new ArgumentException($"Table.From<{typeof(T).Name}>: the type has no public properties to show.");
        var cols = props.Select(p => new TableColumn(
            o.Headers is not null && o.Headers.TryGetValue(p.Name, out var h) ? h : p.Name,
            IsNumeric(p.PropertyType) ? ColumnAlign.Right : ColumnAlign.Left)).ToArray();
        var table = new Table { Columns = cols, TitleText = o.Title, NotesText = o.Notes };
        var rows = new List<TableRow>();
        foreach (var r in records)
        {
            rows.Add(new TableRow(props.Select(p => FormatValue(r is null ? null : p.GetValue(r), p.Name, o)).ToArray()));
        }
        return table with { Rows = rows };
    }

    private static bool IsNumeric(Type t)
    {
        t = Nullable.GetUnderlyingType(t) ?? t;
        return t == typeof(double) || t == typeof(float) || t == typeof(decimal) || t == typeof(int) || t == typeof(long)
               || t == typeof(short) || t == typeof(byte) || t == typeof(uint) || t == typeof(ulong);
    }

    /// <summary>Formats one value the way <see cref="From{T}"/> does.</summary>
    public static string FormatValue(object? value, string property, TableOptions options)
    {
        if (value is null) return "";
        if (options.Formats is not null && options.Formats.TryGetValue(property, out var fmt))
        {
            return value switch
            {
                double d => fmt.Format(d),
                float f => fmt.Format(f),
                decimal m => fmt.Format((double)m),
                int i => fmt.Format(i),
                long l => fmt.Format(l),
                _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
            };
        }
        return value switch
        {
            double d => double.IsNaN(d) ? "" : NumberFormat.Fixed(options.Decimals).Format(d),
            float f => float.IsNaN(f) ? "" : NumberFormat.Fixed(options.Decimals).Format(f),
            decimal m => (m < 0 ? "\u2212" : "") + Math.Abs(m).ToString("#,0." + new string('0', options.MoneyDecimals), CultureInfo.InvariantCulture).TrimEnd('.'),
            bool b => b ? "Yes" : "No",
            string s => s,
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            System.Collections.IEnumerable e => string.Join(", ", e.Cast<object?>().Select(x => Convert.ToString(x, CultureInfo.InvariantCulture))),
            _ => value.ToString() ?? "",
        };
    }

    // ---------- renderers ----------

    /// <summary>HTML fragment with inline booktabs-like styling (no scripts, no external CSS).</summary>
    public string ToHtml() => TableRenderers.Html(this);

    /// <summary>GitHub-flavoured Markdown (title in bold above, notes below).</summary>
    public string ToMarkdown() => TableRenderers.Markdown(this);

    /// <summary>LaTeX table with booktabs rules (needs \usepackage{booktabs}; Chinese text needs ctex or xeCJK).</summary>
    public string ToLatex() => TableRenderers.Latex(this);

    /// <summary>CSV (RFC 4180): header row, then every row; title and notes omitted.</summary>
    public string ToCsv() => TableRenderers.Csv(this);

    /// <summary>A Word document holding the table (title, booktabs-style borders, notes).</summary>
    public byte[] ToDocx() => TableDocx.Build(this);

    /// <summary>Writes <see cref="ToHtml"/> atomically.</summary>
    public void SaveHtml(string path) => AtomicFile.WriteAllText(path, ToHtml());

    /// <summary>Writes <see cref="ToMarkdown"/> atomically.</summary>
    public void SaveMarkdown(string path) => AtomicFile.WriteAllText(path, ToMarkdown());

    /// <summary>Writes <see cref="ToLatex"/> atomically.</summary>
    public void SaveLatex(string path) => AtomicFile.WriteAllText(path, ToLatex());

    /// <summary>Writes <see cref="ToCsv"/> atomically.</summary>
    public void SaveCsv(string path) => AtomicFile.WriteAllText(path, ToCsv());

    /// <summary>Writes <see cref="ToDocx"/> atomically.</summary>
    public void SaveDocx(string path) => AtomicFile.WriteAllBytes(path, ToDocx());

    /// <summary>Plain-text rendering with aligned columns (CJK counted as double width).</summary>
    public override string ToString() => TableRenderers.Text(this);
}
