using System.Globalization;
using System.Text;

namespace AllianceResearch.Data;

/// <summary>
/// Reads the used columns of a UTF-8 CSV file straight from bytes: numbers parsed from UTF-8 spans without
/// creating strings, the file split at line boundaries into chunks parsed in parallel into preallocated
/// columns. Quoted fields are supported; a quoted field may not contain a line break (one line = one row).
/// Integer ids stay integers; text ids are decoded to strings in a second pass only when present.
/// </summary>
internal static class PanelCsvReader
{
    private static readonly byte[][] MissingTokens = [""u8.ToArray(), "NA"u8.ToArray(), "NaN"u8.ToArray(), "."u8.ToArray(), "nan"u8.ToArray(), "NULL"u8.ToArray()];

    private enum Kind { Numeric, Categorical }

    private sealed record Target(string Name, int Field, Kind Kind);

    public static RawTable Read(string path, PanelSpec spec)
    {
        var name = Path.GetFileName(path);
        if (!File.Exists(path)) throw new PanelDataException($"{path}: file not found.");
        var info = new FileInfo(path);
        if (info.Length > int.MaxValue - 64)
            throw new PanelDataException($"{name}: file is {info.Length} bytes; files over 2 GB are not supported by the in-memory reader (split the file).");
        var bytes = File.ReadAllBytes(path);
        int start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;

        // Header.
        int headerEnd = Array.IndexOf(bytes, (byte)'\n', start);
        if (headerEnd < 0) headerEnd = bytes.Length;
        var headerLine = bytes.AsSpan(start, headerEnd - start);
        if (headerLine.Length > 0 && headerLine[^1] == '\r') headerLine = headerLine[..^1];
        var header = SplitStrings(headerLine, name, 1);
        if (header.Count == 0 || header.All(h => h.Length == 0)) throw new PanelDataException($"{name}: the file is empty or has no header row.");
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < header.Count; i++)
        {
            var h = header[i].Trim();
            if (!index.TryAdd(h, i) && spec.UsedColumns().Contains(h))
                throw new PanelDataException($"{name}: header has column '{h}' twice (fields {index[h] + 1} and {i + 1}).");
        }
        int Field(string col) => index.TryGetValue(col, out var f) ? f
            : throw new PanelDataException($"{name}: column '{col}' not found in the header. Columns: {string.Join(", ", header)}.");

        var numericNames = Panel.NumericNames(spec).ToList();
        var factorNames = spec.Factors.Where(f => f != spec.Unit && f != spec.Time).Distinct().ToList();
        var targets = new List<Target> { new(spec.Unit, Field(spec.Unit), Kind.Categorical), new(spec.Time, Field(spec.Time), Kind.Numeric) };
        foreach (var c in numericNames) targets.Add(new(c, Field(c), Kind.Numeric));
        foreach (var f in factorNames) targets.Add(new(f, Field(f), Kind.Categorical));
        // Field index → which targets read it (a column may be read both as numbers and as labels).
        int maxField = targets.Max(t => t.Field);

        // Lines: count per chunk, in parallel, then parse each chunk into its slice of the columns.
        int dataStart = Math.Min(headerEnd + 1, bytes.Length);
        var data = new ReadOnlyMemory<byte>(bytes, dataStart, bytes.Length - dataStart);
        int chunks = data.Length < 1 << 20 ? 1 : Math.Max(1, Environment.ProcessorCount) * 4;
        var bounds = new int[chunks + 1];
        bounds[chunks] = data.Length;
        for (int c = 1; c < chunks; c++)
        {
            int guess = (int)((long)data.Length * c / chunks);
            guess = Math.Max(guess, bounds[c - 1]);
            int nl = data.Span[guess..].IndexOf((byte)'\n');
            bounds[c] = nl < 0 ? data.Length : guess + nl + 1;
        }
        var linesIn = new int[chunks];
        Parallel.For(0, chunks, c =>
        {
            var span = data.Span[bounds[c]..bounds[c + 1]];
            int count = span.Count((byte)'\n');
            if (span.Length > 0 && span[^1] != '\n') count++;
            linesIn[c] = count;
        });
        var firstRow = new int[chunks + 1];
        for (int c = 0; c < chunks; c++) firstRow[c + 1] = firstRow[c] + linesIn[c];
        int rows = firstRow[chunks];

        var time = new double[rows];
        var numeric = numericNames.ToDictionary(c => c, _ => new double[rows], StringComparer.Ordinal);
        var catNames = new List<string> { spec.Unit };
        catNames.AddRange(factorNames);
        var longs = catNames.ToDictionary(c => c, _ => new long[rows], StringComparer.Ordinal);
        var needsStrings = new bool[catNames.Count];
        var blank = new bool[rows];
        var errors = new PanelDataException?[chunks];
        var errorRow = new int[chunks];

        // Per field: destination arrays (numeric and/or categorical slot).
        var numericDest = new double[maxField + 1][][];
        var catDest = new int[maxField + 1];
        Array.Fill(catDest, -1);
        var numDestLists = new List<double[]>[maxField + 1];
        for (int k = 0; k < targets.Count; k++)
        {
            var t = targets[k];
            if (t.Kind == Kind.Numeric) (numDestLists[t.Field] ??= []).Add(k == 1 ? time : numeric[t.Name]);
            else catDest[t.Field] = catNames.IndexOf(t.Name);
        }
        for (int f = 0; f <= maxField; f++) numericDest[f] = numDestLists[f] is { } l ? l.Distinct().ToArray() : [];
        var fieldNames = new string[maxField + 1];
        for (int f = 0; f <= maxField; f++) fieldNames[f] = f < header.Count ? header[f] : "";

        Parallel.For(0, chunks, c =>
        {
            int row = firstRow[c];
            try
            {
                var span = data.Span[bounds[c]..bounds[c + 1]];
                var catArrays = catNames.Select(n => longs[n]).ToArray();
                while (span.Length > 0)
                {
                    int nl = span.IndexOf((byte)'\n');
                    var line = nl < 0 ? span : span[..nl];
                    span = nl < 0 ? [] : span[(nl + 1)..];
                    if (line.Length > 0 && line[^1] == '\r') line = line[..^1];
                    if (line.Trim((byte)' ').Length == 0) { blank[row] = true; row++; continue; }
                    int pos = 0;
                    for (int f = 0; f <= maxField; f++)
                    {
                        if (pos > line.Length)
                            throw new PanelDataException($"{name}: line {row + 2} has {f} fields but column '{fieldNames[f]}' is field {f + 1}.");
                        var field = NextField(line, ref pos, name, row + 2);
                        var dests = numericDest[f];
                        if (dests.Length > 0)
                        {
                            var v = ParseNumber(field, name, fieldNames[f], row + 2);
                            foreach (var d in dests) d[row] = v;
                        }
                        int cd = catDest[f];
                        if (cd >= 0)
                        {
                            var trimmed = field.Trim((byte)' ');
                            if (IsMissing(trimmed)) catArrays[cd][row] = RawCategorical.MissingLong;
                            else if (System.Buffers.Text.Utf8Parser.TryParse(trimmed, out long id, out int used) && used == trimmed.Length && id != RawCategorical.MissingLong)
                                catArrays[cd][row] = id;
                            else needsStrings[cd] = true;
                        }
                    }
                    row++;
                }
            }
            catch (PanelDataException ex)
            {
                errors[c] = ex;
                errorRow[c] = row;
            }
        });
        for (int c = 0; c < chunks; c++) if (errors[c] is { } e) throw e;

        // Text labels: a second, sequential pass decodes only the columns that need it.
        var categoricals = new Dictionary<string, RawCategorical>(StringComparer.Ordinal);
        for (int k = 0; k < catNames.Count; k++)
        {
            if (!needsStrings[k]) { categoricals[catNames[k]] = new RawCategorical { Longs = longs[catNames[k]] }; continue; }
            longs[catNames[k]] = null!;
            int field = Field(catNames[k]);
            var strings = new string?[rows];
            var span = data.Span;
            int row = 0;
            while (span.Length > 0)
            {
                int nl = span.IndexOf((byte)'\n');
                var line = nl < 0 ? span : span[..nl];
                span = nl < 0 ? [] : span[(nl + 1)..];
                if (line.Length > 0 && line[^1] == '\r') line = line[..^1];
                if (!blank[row])
                {
                    int pos = 0;
                    for (int i = 0; i < field; i++) NextField(line, ref pos, name, row + 2);
                    var text = Unquote(NextField(line, ref pos, name, row + 2)).Trim();
                    strings[row] = text.Length == 0 || IsMissing(Encoding.UTF8.GetBytes(text)) ? null : text;
                }
                row++;
            }
            categoricals[catNames[k]] = new RawCategorical { Strings = strings };
        }

        return new RawTable
        {
            Source = name,
            Rows = rows,
            RowName = r => $"line {r + 2}",
            Blank = blank,
            Unit = categoricals[spec.Unit],
            Time = time,
            Numeric = numeric,
            Factors = factorNames.ToDictionary(f => f, f => categoricals[f], StringComparer.Ordinal),
        };
    }

    /// <summary>The field starting at <paramref name="pos"/> (quotes kept) and the position after its comma.</summary>
    private static ReadOnlySpan<byte> NextField(ReadOnlySpan<byte> line, ref int pos, string file, int lineNo)
    {
        var rest = line[pos..];
        if (rest.Length > 0 && rest[0] == '"')
        {
            int i = 1;
            while (true)
            {
                int q = rest[i..].IndexOf((byte)'"');
                if (q < 0) throw new PanelDataException($"{file}: line {lineNo}: unterminated quoted field (a quoted field may not span lines).");
                i += q + 1;
                if (i < rest.Length && rest[i] == '"') { i++; continue; }
                break;
            }
            if (i < rest.Length && rest[i] != ',')
                throw new PanelDataException($"{file}: line {lineNo}: unexpected text after a closing quote.");
            pos += i + 1;
            return rest[..i];
        }
        int comma = rest.IndexOf((byte)',');
        if (comma < 0) { pos = line.Length + 1; return rest; }
        pos += comma + 1;
        return rest[..comma];
    }

    private static bool IsMissing(ReadOnlySpan<byte> field)
    {
        foreach (var t in MissingTokens) if (field.SequenceEqual(t)) return true;
        return false;
    }

    private static double ParseNumber(ReadOnlySpan<byte> field, string file, string column, int lineNo)
    {
        var f = field.Trim((byte)' ');
        if (f.Length > 0 && f[0] == '"') f = f[1..^1].Trim((byte)' ');
        if (IsMissing(f)) return double.NaN;
        if (TryParseFast(f, out var fast)) return fast;
        if (double.TryParse(f, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)) return v;
        throw new PanelDataException(
            $"{file}: line {lineNo}, column '{column}': cannot read '{Encoding.UTF8.GetString(field)}' as a number " +
            "(expected invariant-culture digits such as 12.5 or 1e-3; missing values as empty, NA, NaN or .).");
    }

    private static readonly double[] Pow10 =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

    /// <summary>
    /// Clinger's exact fast path: a decimal with at most 19 significant digits whose integer mantissa m ≤ 2^53 and
    /// power of ten |p| ≤ 22 is m·10^p or m/10^p with both operands exact doubles, so one IEEE operation rounds it
    /// correctly — the same double as the full parser. Anything else (more digits, big exponents, odd syntax)
    /// returns false and goes to <see cref="double.TryParse(ReadOnlySpan{byte}, NumberStyles, IFormatProvider?, out double)"/>.
    /// </summary>
    internal static bool TryParseFast(ReadOnlySpan<byte> s, out double value)
    {
        value = 0;
        int i = 0, n = s.Length;
        if (n == 0) return false;
        bool negative = false;
        if (s[0] == (byte)'-') { negative = true; i++; }
        else if (s[0] == (byte)'+') i++;
        ulong m = 0;
        int sig = 0, exp = 0, digits = 0;
        for (; i < n; i++)
        {
            uint d = (uint)(s[i] - (byte)'0');
            if (d > 9) break;
            digits++;
            if (m == 0 && d == 0) continue;
            if (sig == 19) return false;
            m = m * 10 + d;
            sig++;
        }
        if (i < n && s[i] == (byte)'.')
        {
            i++;
            for (; i < n; i++)
            {
                uint d = (uint)(s[i] - (byte)'0');
                if (d > 9) break;
                digits++;
                exp--;
                if (m == 0 && d == 0) continue;
                if (sig == 19) return false;
                m = m * 10 + d;
                sig++;
            }
        }
        if (digits == 0) return false;
        if (i < n && (s[i] == (byte)'e' || s[i] == (byte)'E'))
        {
            i++;
            bool eneg = false;
            if (i < n && (s[i] == (byte)'-' || s[i] == (byte)'+')) { eneg = s[i] == (byte)'-'; i++; }
            int e = 0, edigits = 0;
            for (; i < n; i++)
            {
                uint d = (uint)(s[i] - (byte)'0');
                if (d > 9) break;
                if (e > 10000) return false;
                e = e * 10 + (int)d;
                edigits++;
            }
            if (edigits == 0) return false;
            exp += eneg ? -e : e;
        }
        if (i != n) return false;
        if (m == 0) { value = negative ? -0.0 : 0.0; return true; }
        if (m > (1UL << 53) || exp < -22 || exp > 22) return false;
        double r = exp >= 0 ? m * Pow10[exp] : m / Pow10[-exp];
        value = negative ? -r : r;
        return true;
    }

    private static string Unquote(ReadOnlySpan<byte> field)
    {
        var s = Encoding.UTF8.GetString(field);
        var t = s.Trim();
        return t.Length >= 2 && t[0] == '"' && t[^1] == '"' ? t[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : s;
    }

    private static List<string> SplitStrings(ReadOnlySpan<byte> line, string file, int lineNo)
    {
        var list = new List<string>();
        int pos = 0;
        while (pos <= line.Length)
        {
            var f = NextField(line, ref pos, file, lineNo);
            list.Add(Unquote(f).Trim());
        }
        return list;
    }
}
