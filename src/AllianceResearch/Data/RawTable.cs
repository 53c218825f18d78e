namespace AllianceResearch.Data;

/// <summary>
/// A categorical column before factorisation: integer labels (the fast, common case of numeric ids) or
/// text labels. Missing is <see cref="MissingLong"/> or null.
/// </summary>
internal sealed class RawCategorical
{
    public const long MissingLong = long.MinValue;

    public long[]? Longs { get; init; }
    public string?[]? Strings { get; init; }

    /// <summary>Rebuilds raw labels for a subset of rows, keeping integer labels as integers so their numeric order survives.</summary>
    public static RawCategorical FromLabels(string[] levels, int[] codes, int[] rows)
    {
        var asLong = new long[levels.Length];
        bool allLong = true;
        for (int i = 0; i < levels.Length && allLong; i++)
            allLong = long.TryParse(levels[i], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out asLong[i]);
        return allLong
            ? new RawCategorical { Longs = rows.Select(r => asLong[codes[r]]).ToArray() }
            : new RawCategorical { Strings = rows.Select(r => (string?)levels[codes[r]]).ToArray() };
    }

    public bool IsMissing(int row) => Longs is not null ? Longs[row] == MissingLong : Strings![row] is null;

    public string Label(int row) => Longs is not null
        ? Longs[row].ToString(System.Globalization.CultureInfo.InvariantCulture)
        : Strings![row] ?? "";

    /// <summary>
    /// Dense codes for the rows in <paramref name="rows"/> (kept rows, in order), with levels sorted
    /// numerically for integer labels and ordinally for text, so codes do not depend on row order.
    /// </summary>
    public (int[] Codes, string[] Levels) Factorize(int[] rows)
    {
        var codes = new int[rows.Length];
        if (Longs is not null)
        {
            var keys = Longs;
            long min = long.MaxValue, max = long.MinValue;
            foreach (var r in rows) { var k = keys[r]; if (k < min) min = k; if (k > max) max = k; }
            if (rows.Length == 0) return (codes, []);
            // Direct table when ids are a compact integer range (ids 1..N): no hashing at all.
            if (max - min < Math.Max(1L << 20, 4L * rows.Length))
            {
                var table = new int[max - min + 1];
                foreach (var r in rows) table[keys[r] - min] = 1;
                int next = 0;
                var levels = new List<string>();
                for (long v = 0; v < table.Length; v++)
                {
                    if (table[v] != 0)
                    {
                        table[v] = next++;
                        levels.Add((v + min).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    }
                }
                for (int i = 0; i < rows.Length; i++) codes[i] = table[keys[rows[i]] - min];
                return (codes, levels.ToArray());
            }
            var map = new Dictionary<long, int>();
            foreach (var r in rows) map.TryAdd(keys[r], 0);
            var sorted = map.Keys.ToArray();
            Array.Sort(sorted);
            for (int i = 0; i < sorted.Length; i++) map[sorted[i]] = i;
            for (int i = 0; i < rows.Length; i++) codes[i] = map[keys[rows[i]]];
            return (codes, sorted.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        }
        else
        {
            var strings = Strings!;
            var map = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var r in rows) map.TryAdd(strings[r]!, 0);
            var sorted = map.Keys.ToArray();
            Array.Sort(sorted, StringComparer.Ordinal);
            for (int i = 0; i < sorted.Length; i++) map[sorted[i]] = i;
            for (int i = 0; i < rows.Length; i++) codes[i] = map[strings[rows[i]]!];
            return (codes, sorted);
        }
    }
}

/// <summary>Columns as read from a source, before validation: one entry per input row.</summary>
internal sealed class RawTable
{
    /// <summary>Source name for messages, e.g. the file name.</summary>
    public required string Source { get; init; }

    /// <summary>Number of input rows (including rows to skip).</summary>
    public required int Rows { get; init; }

    /// <summary>How a row is named in messages ("line 12" for files, "row 11" for arrays).</summary>
    public required Func<int, string> RowName { get; init; }

    /// <summary>Rows that are not data (blank lines): skipped silently, not counted as missing.</summary>
    public bool[]? Blank { get; init; }

    public required RawCategorical Unit { get; init; }

    /// <summary>Time values; NaN = missing.</summary>
    public required double[] Time { get; init; }

    /// <summary>Numeric columns (NaN = missing), including cohort, treatment and weights.</summary>
    public required Dictionary<string, double[]> Numeric { get; init; }

    public required Dictionary<string, RawCategorical> Factors { get; init; }
}
