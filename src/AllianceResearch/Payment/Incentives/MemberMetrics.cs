using System.Globalization;

namespace AllianceResearch.Payment.Incentives;

/// <summary>One member (or recipient) of a contract with its metric values.</summary>
public sealed record MemberMetricRow
{
    /// <summary>Member identifier, referenced by contracts.</summary>
    public required string Member { get; init; }

    /// <summary>Display name (optional).</summary>
    public string? Name { get; init; }

    /// <summary>Metric values by metric name.</summary>
    public required IReadOnlyDictionary<string, decimal> Metrics { get; init; }
}

/// <summary>
/// The metrics table a contract is evaluated against: members in a fixed order (the order of the file),
/// each with named metric values. Immutable; looking up a missing metric names member and metric.
/// </summary>
public sealed class MemberMetrics
{
    private readonly Dictionary<string, MemberMetricRow> _byId;

    /// <summary>Builds the table; member ids must be unique and non-empty.</summary>
    public MemberMetrics(IEnumerable<MemberMetricRow> rows, string origin = "metrics")
    {
        ArgumentNullException.ThrowIfNull(rows);
        Origin = origin;
        var list = new List<MemberMetricRow>();
        _byId = new Dictionary<string, MemberMetricRow>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (string.IsNullOrWhiteSpace(row.Member))
            {
                throw new InvalidDataException($"{origin}: row {list.Count + 1} has an empty member id.");
            }
            if (!_byId.TryAdd(row.Member, row))
            {
                throw new InvalidDataException($"{origin}: member '{row.Member}' appears twice.");
            }
            list.Add(row with { Metrics = new Dictionary<string, decimal>(row.Metrics, StringComparer.Ordinal) });
        }
        Rows = list;
    }

    /// <summary>Where the table came from (file name), used in error messages.</summary>
    public string Origin { get; }

    /// <summary>The members in file order.</summary>
    public IReadOnlyList<MemberMetricRow> Rows { get; }

    /// <summary>Member ids in file order.</summary>
    public IEnumerable<string> MemberIds => Rows.Select(r => r.Member);

    /// <summary>True when <paramref name="member"/> is in the table.</summary>
    public bool Contains(string member) => _byId.ContainsKey(member);

    /// <summary>The value of <paramref name="metric"/> for <paramref name="member"/>; throws a clear error if absent.</summary>
    public decimal Get(string member, string metric)
    {
        if (!_byId.TryGetValue(member, out var row))
        {
            throw new InvalidDataException(
                $"{Origin}: member '{member}' is not in the table (members: {string.Join(", ", MemberIds)}).");
        }
        if (!row.Metrics.TryGetValue(metric, out var value))
        {
            throw new InvalidDataException(
                $"{Origin}: member '{member}' has no value for metric '{metric}' " +
                $"(its metrics: {string.Join(", ", row.Metrics.Keys.Order(StringComparer.Ordinal))}).");
        }
        return value;
    }

    /// <summary>Display name of a member (its id when no name was given or it is not in the table).</summary>
    public string DisplayName(string member) =>
        _byId.TryGetValue(member, out var row) && !string.IsNullOrWhiteSpace(row.Name) ? row.Name! : member;

    /// <summary>
    /// Reads a CSV: header <c>member[,name],metric1,metric2,…</c>; one row per member; numbers in invariant
    /// culture. Empty cells mean "no value" for that metric. Errors name file, row and column.
    /// </summary>
    public static MemberMetrics ReadCsv(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"Metrics file not found: {path}", path);
        using var reader = new StreamReader(path);
        return ParseCsv(reader, Path.GetFileName(path));
    }

    /// <summary>Parses CSV text (see <see cref="ReadCsv"/>); <paramref name="origin"/> names it in errors.</summary>
    public static MemberMetrics ParseCsv(TextReader reader, string origin)
    {
        var headerLine = reader.ReadLine() ?? throw new InvalidDataException($"{origin}: the file is empty.");
        var header = SplitCsvLine(headerLine.TrimStart('\uFEFF'));
        if (header.Count == 0 || !header[0].Equals("member", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"{origin}: the first column must be 'member' (found '{(header.Count > 0 ? header[0] : "")}').");
        }
        var nameColumn = header.Count > 1 && header[1].Equals("name", StringComparison.OrdinalIgnoreCase) ? 1 : -1;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var h in header)
        {
            if (string.IsNullOrWhiteSpace(h)) throw new InvalidDataException($"{origin}: the header has an empty column name.");
            if (!seen.Add(h)) throw new InvalidDataException($"{origin}: column '{h}' appears twice in the header.");
        }

        var rows = new List<MemberMetricRow>();
        var lineNumber = 1;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Trim().Length == 0) continue;
            var cells = SplitCsvLine(line);
            if (cells.Count != header.Count)
            {
                throw new InvalidDataException(
                    $"{origin}: row {lineNumber} has {cells.Count} cells but the header has {header.Count} columns.");
            }
            var metrics = new Dictionary<string, decimal>(StringComparer.Ordinal);
            for (var c = 1; c < header.Count; c++)
            {
                if (c == nameColumn) continue;
                var cell = cells[c].Trim();
                if (cell.Length == 0) continue;
                if (!decimal.TryParse(cell, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value))
                {
                    throw new InvalidDataException(
                        $"{origin}: row {lineNumber}, column '{header[c]}': '{cell}' is not a number (use invariant culture, e.g. 0.85).");
                }
                metrics[header[c]] = value;
            }
            rows.Add(new MemberMetricRow
            {
                Member = cells[0].Trim(),
                Name = nameColumn > 0 && cells[nameColumn].Trim().Length > 0 ? cells[nameColumn].Trim() : null,
                Metrics = metrics,
            });
        }
        if (rows.Count == 0) throw new InvalidDataException($"{origin}: the file has a header but no member rows.");
        return new MemberMetrics(rows, origin);
    }

    private static List<string> SplitCsvLine(string line)
    {
        var cells = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else current.Append(ch);
            }
            else if (ch == '"') quoted = true;
            else if (ch == ',') { cells.Add(current.ToString()); current.Clear(); }
            else current.Append(ch);
        }
        cells.Add(current.ToString());
        return cells;
    }
}
