using System.Globalization;
using System.Text;

namespace AllianceResearch.Literature;

/// <summary>
/// A small CSV table read from the datasets folder (RFC 4180 quoting, UTF-8). Every accessor names
/// the file, row and column in its error, because these files are edited by hand.
/// </summary>
public sealed class EvidenceCsv
{
    private readonly Dictionary<string, int> index;

    private EvidenceCsv(string fileName, IReadOnlyList<string> header, IReadOnlyList<string[]> rows)
    {
        FileName = fileName;
        Header = header;
        Rows = rows;
        index = header.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => x.i, StringComparer.Ordinal);
    }

    /// <summary>The file name the table came from (used in error messages).</summary>
    public string FileName { get; }

    /// <summary>Column names.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>Data rows (without the header).</summary>
    public IReadOnlyList<string[]> Rows { get; }

    /// <summary>Reads a CSV file; throws naming the file and line when a row has the wrong number of cells.</summary>
    public static EvidenceCsv Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Dataset file not found: {path}", path);
        return Parse(File.ReadAllText(path, Encoding.UTF8), Path.GetFileName(path));
    }

    /// <summary>Parses CSV text; <paramref name="fileName"/> is used in error messages.</summary>
    public static EvidenceCsv Parse(string text, string fileName)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var cell = new StringBuilder();
        var inQuotes = false;
        var line = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                    else inQuotes = false;
                }
                else
                {
                    if (ch == '\n') line++;
                    cell.Append(ch);
                }
                continue;
            }
            switch (ch)
            {
                case '"': inQuotes = true; break;
                case ',': fields.Add(cell.ToString()); cell.Clear(); break;
                case '\r': break;
                case '\n':
                    fields.Add(cell.ToString()); cell.Clear();
                    records.Add([.. fields]); fields.Clear();
                    line++;
                    break;
                default: cell.Append(ch); break;
            }
        }
        if (inQuotes) throw new FormatException($"{fileName}: unterminated quoted cell starting before line {line}.");
        if (cell.Length > 0 || fields.Count > 0)
        {
            fields.Add(cell.ToString());
            records.Add([.. fields]);
        }
        if (records.Count == 0) throw new FormatException($"{fileName}: the file is empty (a header row is required).");
        var header = records[0];
        for (var r = 1; r < records.Count; r++)
        {
            if (records[r].Length != header.Length)
            {
                throw new FormatException(
                    $"{fileName}: data row {r} has {records[r].Length} cells but the header has {header.Length} ({string.Join(",", header)}).");
            }
        }
        return new EvidenceCsv(fileName, header, records.Skip(1).ToList());
    }

    /// <summary>The text of a cell; throws naming the file and the missing column.</summary>
    public string Text(int row, string column)
    {
        if (!index.TryGetValue(column, out var c))
            throw new KeyNotFoundException($"{FileName}: no column '{column}'. Columns: {string.Join(", ", Header)}.");
        return Rows[row][c];
    }

    /// <summary>A cell that may be empty (empty means the source does not state it).</summary>
    public double? OptionalNumber(int row, string column)
    {
        var text = Text(row, column);
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            throw new FormatException($"{FileName}: data row {row + 1}, column '{column}': '{text}' is not a number.");
        return v;
    }

    /// <summary>A cell that must hold a number.</summary>
    public double Number(int row, string column) =>
        OptionalNumber(row, column) ?? throw new FormatException($"{FileName}: data row {row + 1}, column '{column}' is empty but a number is required.");

    /// <summary>A cell that must hold a decimal number (exact, for transcribed figures).</summary>
    public decimal? OptionalDecimal(int row, string column)
    {
        var text = Text(row, column);
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            throw new FormatException($"{FileName}: data row {row + 1}, column '{column}': '{text}' is not a number.");
        return v;
    }

    /// <summary>Maps every row with <paramref name="map"/>.</summary>
    public IReadOnlyList<T> Select<T>(Func<int, T> map) => Enumerable.Range(0, Rows.Count).Select(map).ToList();
}
