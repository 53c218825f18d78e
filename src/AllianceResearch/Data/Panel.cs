using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using AllianceResearch.Presentation;

namespace AllianceResearch.Data;

/// <summary>
/// The one validated panel (面板数据) every estimator takes: columnar, immutable, rows sorted by unit then
/// time. Units and periods are dense integer codes (0..UnitCount−1, 0..PeriodCount−1) with their original
/// labels kept; numeric columns are double arrays; categorical columns (clusters, extra fixed effects) are
/// int codes. Build it with <see cref="FromCsv"/>, <see cref="FromColumns"/> or <see cref="FromRecords{T}"/>.
/// </summary>
[TypeFormatterSource(typeof(LibraryFormatterSource))]
public sealed class Panel : IHtmlRenderable
{
    private readonly int[] _unitCode;
    private readonly int[] _timeCode;
    private readonly int[] _unitStart;
    private readonly double[] _periods;
    private readonly string[] _unitLabels;
    private readonly Dictionary<string, double[]> _numeric;
    private readonly List<string> _numericOrder;
    private readonly Dictionary<string, (int[] Codes, string[] Levels)> _factors;
    private readonly double[]? _cohortByUnit;
    private readonly ConcurrentDictionary<string, object> _lazy = new(StringComparer.Ordinal);

    private Panel(PanelSpec spec, PanelAudit audit, int[] unitCode, int[] timeCode, int[] unitStart, double[] periods,
        string[] unitLabels, Dictionary<string, double[]> numeric, List<string> numericOrder,
        Dictionary<string, (int[] Codes, string[] Levels)> factors, double[]? cohortByUnit)
    {
        Spec = spec; Audit = audit; _unitCode = unitCode; _timeCode = timeCode; _unitStart = unitStart;
        _periods = periods; _unitLabels = unitLabels; _numeric = numeric; _numericOrder = numericOrder;
        _factors = factors; _cohortByUnit = cohortByUnit;
        IsBalanced = unitCode.Length == (long)unitLabels.Length * periods.Length;
    }

    /// <summary>The column mapping and rules the panel was built with.</summary>
    public PanelSpec Spec { get; }

    /// <summary>What happened while building: rows read, dropped (per column), units, periods, cohorts.</summary>
    public PanelAudit Audit { get; }

    /// <summary>Number of unit-period rows.</summary>
    public int RowCount => _unitCode.Length;

    /// <summary>Number of distinct units.</summary>
    public int UnitCount => _unitLabels.Length;

    /// <summary>Number of distinct periods (over all units).</summary>
    public int PeriodCount => _periods.Length;

    /// <summary>True when every unit is observed in every period (then row = unit × PeriodCount + period).</summary>
    public bool IsBalanced { get; }

    /// <summary>Unit code of each row (0..UnitCount−1, in sorted label order).</summary>
    public ReadOnlyMemory<int> UnitCodes => _unitCode;

    /// <summary>Period code of each row (0..PeriodCount−1, in increasing time).</summary>
    public ReadOnlyMemory<int> TimeCodes => _timeCode;

    /// <summary>Original unit labels, indexed by unit code.</summary>
    public IReadOnlyList<string> UnitLabels => _unitLabels;

    /// <summary>Distinct time values in increasing order, indexed by period code.</summary>
    public IReadOnlyList<double> Periods => _periods;

    /// <summary>Numeric columns in spec order (outcomes, covariates, then cohort, treatment, weights, added columns).</summary>
    public IReadOnlyList<string> NumericColumns => _numericOrder;

    /// <summary>Categorical (factor) columns read with the panel.</summary>
    public IReadOnlyList<string> FactorColumns => _factors.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>Cohort column name, if any.</summary>
    public string? CohortColumn => Spec.Cohort;

    /// <summary>Treatment column name, if any.</summary>
    public string? TreatmentColumn => Spec.Treatment;

    /// <summary>Weights column name, if any.</summary>
    public string? WeightsColumn => Spec.Weights;

    /// <summary>Cohort (first treated period, 0 = never) of each unit, indexed by unit code; empty without a cohort column.</summary>
    public ReadOnlyMemory<double> CohortOfUnit => _cohortByUnit ?? ReadOnlyMemory<double>.Empty;

    /// <summary>Analytic weights per row; empty when the panel has none.</summary>
    public ReadOnlyMemory<double> Weights => Spec.Weights is null ? ReadOnlyMemory<double>.Empty : _numeric[Spec.Weights];

    /// <summary>Time value of row <paramref name="row"/>.</summary>
    public double TimeOf(int row) => _periods[_timeCode[row]];

    /// <summary>Cohort (first treated period, 0 = never) of the unit of row <paramref name="row"/>; throws without a cohort column.</summary>
    public double CohortOf(int row) => _cohortByUnit is { } c ? c[_unitCode[row]]
        : throw new InvalidOperationException($"Panel from {Audit.Source} has no cohort column; set PanelSpec.Cohort.");

    /// <summary>Rows of unit <paramref name="unit"/>: a contiguous range, sorted by time.</summary>
    public (int Start, int Count) RowsOfUnit(int unit) => (_unitStart[unit], _unitStart[unit + 1] - _unitStart[unit]);

    /// <summary>Row of (unit, period code), or −1 if that unit is not observed then.</summary>
    public int RowAt(int unit, int period)
    {
        if (IsBalanced) return unit * _periods.Length + period;
        var idx = Array.BinarySearch(_timeCode, _unitStart[unit], _unitStart[unit + 1] - _unitStart[unit], period);
        return idx >= 0 ? idx : -1;
    }

    /// <summary>True when <paramref name="name"/> is a numeric column (or the time column).</summary>
    public bool HasColumn(string name) => _numeric.ContainsKey(name) || name == Spec.Time;

    /// <summary>
    /// A numeric column by name, one value per row. The time column is available too. Throws naming the
    /// available columns when <paramref name="name"/> is unknown.
    /// </summary>
    public ReadOnlyMemory<double> Column(string name)
    {
        if (_numeric.TryGetValue(name, out var values)) return values;
        if (name == Spec.Time)
        {
            return (double[])_lazy.GetOrAdd("time:" + name, _ =>
            {
                var t = new double[_timeCode.Length];
                for (int i = 0; i < t.Length; i++) t[i] = _periods[_timeCode[i]];
                return t;
            });
        }
        throw new KeyNotFoundException(
            $"Panel from {Audit.Source} has no numeric column '{name}'. Numeric columns: {string.Join(", ", _numericOrder.Append(Spec.Time))}.");
    }

    /// <summary>
    /// Integer codes of a categorical column (unit, time, factor, or a numeric column factorised on demand),
    /// with <see cref="FactorLevels"/> giving the labels. Used for clusters and fixed effects.
    /// </summary>
    public ReadOnlyMemory<int> FactorCodes(string name) => Factor(name).Codes;

    /// <summary>Labels of a categorical column's codes.</summary>
    public IReadOnlyList<string> FactorLevels(string name) => Factor(name).Levels;

    internal (int[] Codes, string[] Levels) Factor(string name)
    {
        if (name == Spec.Unit) return (_unitCode, _unitLabels);
        if (name == Spec.Time)
        {
            return ((int[], string[]))_lazy.GetOrAdd("timelevels", _ =>
                (_timeCode, _periods.Select(p => p.ToString("R", CultureInfo.InvariantCulture)).ToArray()));
        }
        if (_factors.TryGetValue(name, out var f)) return f;
        if (_numeric.TryGetValue(name, out var values))
        {
            return ((int[], string[]))_lazy.GetOrAdd("factor:" + name, _ =>
            {
                var distinct = values.Distinct().Order().ToArray();
                var map = new Dictionary<double, int>(distinct.Length);
                for (int i = 0; i < distinct.Length; i++) map[distinct[i]] = i;
                var codes = new int[values.Length];
                for (int i = 0; i < codes.Length; i++) codes[i] = map[values[i]];
                return (codes, distinct.Select(v => v.ToString("R", CultureInfo.InvariantCulture)).ToArray());
            });
        }
        throw new KeyNotFoundException(
            $"Panel from {Audit.Source} has no column '{name}' usable as a factor. Columns: " +
            string.Join(", ", new[] { Spec.Unit, Spec.Time }.Concat(_factors.Keys).Concat(_numericOrder)) + ".");
    }

    internal int[] UnitCodeArray => _unitCode;
    internal int[] TimeCodeArray => _timeCode;
    internal double[] ColumnArray(string name) => (double[])MemoryMarshalArray(Column(name));
    internal double[]? WeightsArray => Spec.Weights is null ? null : _numeric[Spec.Weights];

    private static double[] MemoryMarshalArray(ReadOnlyMemory<double> m) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(m, out var seg) && seg.Offset == 0 && seg.Count == seg.Array!.Length
            ? seg.Array : m.ToArray();

    /// <summary>
    /// A new panel with one more numeric column (or a replaced one), e.g. a treatment indicator derived from the
    /// cohort. The values are copied, so later changes to <paramref name="values"/> cannot reach the panel.
    /// </summary>
    public Panel WithColumn(string name, IReadOnlyList<double> values)
    {
        if (values.Count != RowCount)
            throw new ArgumentException($"Column '{name}' has {values.Count} values but the panel has {RowCount} rows.", nameof(values));
        if (name == Spec.Unit || name == Spec.Time || name == Spec.Cohort || name == Spec.Weights || name == Spec.Treatment)
            throw new ArgumentException($"Column '{name}' is a structural column of the panel (unit, time, cohort, treatment or weights) and cannot be replaced.", nameof(name));
        var copy = new double[RowCount];
        for (int i = 0; i < copy.Length; i++)
        {
            copy[i] = values[i];
            if (!double.IsFinite(copy[i])) throw new ArgumentException($"Column '{name}' value at row {i} is not finite ({copy[i]}).", nameof(values));
        }
        var numeric = new Dictionary<string, double[]>(_numeric, StringComparer.Ordinal) { [name] = copy };
        var order = new List<string>(_numericOrder);
        if (!order.Contains(name)) order.Add(name);
        var spec = Spec with { Numeric = Spec.Numeric.Contains(name) ? Spec.Numeric : [.. Spec.Numeric, name] };
        return new Panel(spec, Audit, _unitCode, _timeCode, _unitStart, _periods, _unitLabels, numeric, order, _factors, _cohortByUnit);
    }

    /// <summary>
    /// The absorbing treatment indicator implied by the cohort column: 1 when the unit's cohort is positive and
    /// the row's time is at or after it (D = 1{g &gt; 0, t ≥ g}).
    /// </summary>
    public double[] TreatmentFromCohort()
    {
        if (_cohortByUnit is null) throw new InvalidOperationException($"Panel from {Audit.Source} has no cohort column; set PanelSpec.Cohort.");
        var d = new double[RowCount];
        for (int i = 0; i < d.Length; i++)
        {
            var g = _cohortByUnit[_unitCode[i]];
            d[i] = g > 0 && _periods[_timeCode[i]] >= g ? 1.0 : 0.0;
        }
        return d;
    }

    /// <summary>A new panel keeping only the rows where <paramref name="keep"/> is true (same spec, audit notes the subset).</summary>
    public Panel Where(Func<int, bool> keep)
    {
        var rows = Enumerable.Range(0, RowCount).Where(keep).ToArray();
        var raw = new RawTable
        {
            Source = Audit.Source + " (subset)",
            Rows = rows.Length,
            RowName = i => $"row {rows[i] + 1} of the parent panel",
            Unit = RawCategorical.FromLabels(_unitLabels, _unitCode, rows),
            Time = rows.Select(r => _periods[_timeCode[r]]).ToArray(),
            Numeric = _numeric.ToDictionary(kv => kv.Key, kv => rows.Select(r => kv.Value[r]).ToArray(), StringComparer.Ordinal),
            Factors = _factors.ToDictionary(kv => kv.Key,
                kv => RawCategorical.FromLabels(kv.Value.Levels, kv.Value.Codes, rows), StringComparer.Ordinal),
        };
        var spec = Spec with { Numeric = _numericOrder.Where(n => n != Spec.Cohort && n != Spec.Treatment && n != Spec.Weights).ToArray() };
        return Build(raw, spec);
    }

    // ------------------------------------------------------------------ construction

    /// <summary>
    /// Reads a UTF-8 CSV file (header row; Chinese column names fine; invariant-culture numbers; missing values
    /// written as empty, NA, NaN or .) into a validated panel. Throws <see cref="PanelDataException"/> naming the
    /// file, column and line for bad input.
    /// </summary>
    public static Panel FromCsv(string path, PanelSpec spec) => Build(PanelCsvReader.Read(path, spec), spec);

    /// <summary>
    /// Builds a panel from in-memory columns, one array per column name: <c>double[]</c> (NaN = missing),
    /// <c>double?[]</c>, <c>int[]</c>, <c>long[]</c>, <c>bool[]</c> or <c>string[]</c> (null = missing; only for unit and
    /// factor columns). Arrays are read, never changed.
    /// </summary>
    public static Panel FromColumns(PanelSpec spec, IReadOnlyDictionary<string, Array> columns, string source = "in-memory columns") =>
        FromColumnsCore(spec, columns, source, copyDoubles: true);

    /// <summary>As <see cref="FromColumns(PanelSpec, IReadOnlyDictionary{string, Array}, string)"/>; with <paramref name="copyDoubles"/> false the
    /// caller hands over its double arrays (they become the panel's columns and must not be changed afterwards).</summary>
    internal static Panel FromColumnsCore(PanelSpec spec, IReadOnlyDictionary<string, Array> columns, string source, bool copyDoubles)
    {
        int n = -1;
        foreach (var c in spec.UsedColumns())
        {
            if (!columns.TryGetValue(c, out var arr))
                throw new PanelDataException($"{source}: column '{c}' is missing. Columns given: {string.Join(", ", columns.Keys)}.");
            if (n >= 0 && arr.Length != n)
                throw new PanelDataException($"{source}: column '{c}' has {arr.Length} rows but earlier columns have {n}.");
            n = arr.Length;
        }
        n = Math.Max(n, 0);
        RawCategorical Cat(string name)
        {
            var arr = columns[name];
            return arr switch
            {
                int[] a => new RawCategorical { Longs = a.Select(v => (long)v).ToArray() },
                long[] a => new RawCategorical { Longs = a.Select(v => v == RawCategorical.MissingLong ? RawCategorical.MissingLong + 1 : v).ToArray() },
                string?[] a => new RawCategorical { Strings = a.Select(s => string.IsNullOrWhiteSpace(s) ? null : s).ToArray() },
                _ => new RawCategorical { Strings = Num(name, arr).Select(v => double.IsNaN(v) ? null : v.ToString("R", CultureInfo.InvariantCulture)).ToArray() },
            };
        }
        double[] Num(string name, Array arr) => arr switch
        {
            double[] a => copyDoubles ? (double[])a.Clone() : a,
            double?[] a => a.Select(v => v ?? double.NaN).ToArray(),
            int[] a => a.Select(v => (double)v).ToArray(),
            int?[] a => a.Select(v => v.HasValue ? v.Value : double.NaN).ToArray(),
            long[] a => a.Select(v => (double)v).ToArray(),
            float[] a => a.Select(v => (double)v).ToArray(),
            decimal[] a => a.Select(v => (double)v).ToArray(),
            bool[] a => a.Select(v => v ? 1.0 : 0.0).ToArray(),
            _ => throw new PanelDataException($"{source}: column '{name}' must be numeric (double, int, long, float, decimal or bool array) but is {arr.GetType().Name}."),
        };
        var numeric = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var c in NumericNames(spec)) numeric[c] = Num(c, columns[c]);
        var timeArr = Num(spec.Time, columns[spec.Time]);
        return Build(new RawTable
        {
            Source = source,
            Rows = n,
            RowName = i => $"row {i + 1}",
            Unit = Cat(spec.Unit),
            Time = timeArr,
            Numeric = numeric,
            Factors = spec.Factors.Where(f => f != spec.Unit && f != spec.Time).Distinct().ToDictionary(f => f, Cat, StringComparer.Ordinal),
        }, spec);
    }

    /// <summary>
    /// Builds a panel from records (one per unit-period), reading the public properties named by the spec
    /// (numbers, bools, nullable numbers as missing, strings for unit and factor columns).
    /// </summary>
    public static Panel FromRecords<T>(IEnumerable<T> records, PanelSpec spec)
    {
        var list = records.ToList();
        var columns = new Dictionary<string, Array>(StringComparer.Ordinal);
        foreach (var c in spec.UsedColumns())
        {
            var prop = typeof(T).GetProperty(c) ?? throw new PanelDataException(
                $"records of {typeof(T).Name}: no public property '{c}'. Properties: {string.Join(", ", typeof(T).GetProperties().Select(p => p.Name))}.");
            var type = Nullable.GetUnderlyingType(prop.PropertyType) ?? prop.PropertyType;
            if (type == typeof(string))
                columns[c] = list.Select(r => (string?)prop.GetValue(r)).ToArray();
            else
                columns[c] = list.Select(r => prop.GetValue(r) switch
                {
                    null => double.NaN,
                    bool b => b ? 1.0 : 0.0,
                    var v => Convert.ToDouble(v, CultureInfo.InvariantCulture),
                }).ToArray();
        }
        return FromColumns(spec, columns, $"records of {typeof(T).Name}");
    }

    internal static IEnumerable<string> NumericNames(PanelSpec spec)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in spec.Numeric.Append(spec.Cohort).Append(spec.Treatment).Append(spec.Weights))
            if (c is not null && seen.Add(c)) yield return c;
    }

    internal static Panel Build(RawTable raw, PanelSpec spec)
    {
        var src = raw.Source;
        int n = raw.Rows;
        var numericNames = NumericNames(spec).ToList();
        var factorNames = spec.Factors.Where(f => f != spec.Unit && f != spec.Time).Distinct().ToList();

        // 1. Missing values: ids and time always an error; other used columns per policy.
        var dropped = new Dictionary<string, int>(StringComparer.Ordinal);
        var keep = new int[n];
        int keptCount = 0;
        int blank = 0;
        for (int i = 0; i < n; i++)
        {
            if (raw.Blank is { } b && b[i]) { blank++; continue; }
            if (raw.Unit.IsMissing(i)) throw new PanelDataException($"{src}: {raw.RowName(i)}: unit id column '{spec.Unit}' is missing.");
            if (double.IsNaN(raw.Time[i])) throw new PanelDataException($"{src}: {raw.RowName(i)}: time column '{spec.Time}' is missing.");
            string? missingIn = null;
            foreach (var c in numericNames) if (double.IsNaN(raw.Numeric[c][i])) { missingIn = c; break; }
            if (missingIn is null) foreach (var f in factorNames) if (raw.Factors[f].IsMissing(i)) { missingIn = f; break; }
            if (missingIn is not null)
            {
                if (spec.Missing == MissingValuePolicy.Error)
                    throw new PanelDataException($"{src}: {raw.RowName(i)}: column '{missingIn}' is missing (MissingValuePolicy.Error).");
                dropped[missingIn] = dropped.GetValueOrDefault(missingIn) + 1;
                continue;
            }
            keep[keptCount++] = i;
        }
        var kept = keptCount == n ? keep : keep[..keptCount];
        keep = null!;
        int m = kept.Length;
        if (m == 0) throw new PanelDataException($"{src}: no usable rows ({n - blank} data rows, all dropped for missing values).");

        // 2. Units and periods as dense codes.
        var (unitCodes0, unitLabels) = raw.Unit.Factorize(kept);
        var (timeCodes0, periods) = FactorizeTime(raw.Time, kept);

        // 3. Sort rows by unit, then time (skipped when the input is already in that order).
        int T = periods.Length;
        int[]? perm = null;   // null = rows already in unit-time order
        bool sorted = true;
        for (int i = 1; i < m && sorted; i++)
            if (unitCodes0[i] < unitCodes0[i - 1] || (unitCodes0[i] == unitCodes0[i - 1] && timeCodes0[i] < timeCodes0[i - 1])) sorted = false;
        if (!sorted)
        {
            var keys = new long[m];
            perm = new int[m];
            for (int i = 0; i < m; i++) { keys[i] = (long)unitCodes0[i] * T + timeCodes0[i]; perm[i] = i; }
            Array.Sort(keys, perm);
        }
        int[] unitCode, timeCode;
        if (sorted) { unitCode = unitCodes0; timeCode = timeCodes0; }
        else
        {
            unitCode = new int[m];
            timeCode = new int[m];
            for (int i = 0; i < m; i++) { unitCode[i] = unitCodes0[perm![i]]; timeCode[i] = timeCodes0[perm[i]]; }
        }
        // The raw arrays belong to the builder (copied from callers or freshly parsed), so when no row moves or
        // drops they become the panel's columns without another copy: large panels are built in one pass.
        bool identity = sorted && m == n;
        string RowName(int sortedRow) => raw.RowName(kept[perm is null ? sortedRow : perm[sortedRow]]);

        // 4. Duplicate unit-time rows.
        for (int i = 1; i < m; i++)
        {
            if (unitCode[i] == unitCode[i - 1] && timeCode[i] == timeCode[i - 1])
                throw new PanelDataException(
                    $"{src}: duplicate unit-time row: unit '{unitLabels[unitCode[i]]}' (column '{spec.Unit}') at time {Fmt(periods[timeCode[i]])} " +
                    $"(column '{spec.Time}') appears at {RowName(i - 1)} and {RowName(i)}.");
        }
        var unitStart = new int[unitLabels.Length + 1];
        for (int i = 0; i < m; i++) unitStart[unitCode[i] + 1]++;
        for (int u = 0; u < unitLabels.Length; u++) unitStart[u + 1] += unitStart[u];

        // 5. Numeric columns in sorted order.
        var numeric = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var c in numericNames)
        {
            var src0 = raw.Numeric[c];
            if (identity) { numeric[c] = src0; continue; }
            var dst = new double[m];
            for (int i = 0; i < m; i++) dst[i] = src0[kept[perm is null ? i : perm[i]]];
            numeric[c] = dst;
        }
        var factors = new Dictionary<string, (int[] Codes, string[] Levels)>(StringComparer.Ordinal);
        var sortedRows = identity ? kept : new int[m];
        if (!identity) for (int i = 0; i < m; i++) sortedRows[i] = kept[perm is null ? i : perm[i]];
        foreach (var f in factorNames) factors[f] = raw.Factors[f].Factorize(sortedRows);

        // 6. Cohort: constant within unit, non-negative, not before the first period.
        double[]? cohortByUnit = null;
        var cohortSizes = new SortedDictionary<double, int>();
        if (spec.Cohort is { } cohortCol)
        {
            var g = numeric[cohortCol];
            cohortByUnit = new double[unitLabels.Length];
            for (int u = 0; u < unitLabels.Length; u++)
            {
                var first = g[unitStart[u]];
                for (int i = unitStart[u] + 1; i < unitStart[u + 1]; i++)
                {
                    if (g[i] != first)
                        throw new PanelDataException(
                            $"{src}: cohort column '{cohortCol}' changes within unit '{unitLabels[u]}': {Fmt(first)} at {RowName(unitStart[u])} " +
                            $"but {Fmt(g[i])} at {RowName(i)}. A cohort is the unit's first treated period and must be the same in every row.");
                }
                if (first < 0 || (first > 0 && first < periods[0]))
                    throw new PanelDataException(
                        $"{src}: cohort column '{cohortCol}' at {RowName(unitStart[u])} (unit '{unitLabels[u]}') is {Fmt(first)}, " +
                        (first < 0 ? "negative; use 0 for never-treated units." : $"before the first period {Fmt(periods[0])}; treatment timing before the data starts cannot be used."));
                cohortByUnit[u] = first;
                cohortSizes[first] = cohortSizes.GetValueOrDefault(first) + 1;
            }
        }

        // 7. Treatment: 0/1, optionally absorbing.
        if (spec.Treatment is { } treatCol)
        {
            var d = numeric[treatCol];
            for (int i = 0; i < m; i++)
                if (d[i] != 0 && d[i] != 1)
                    throw new PanelDataException($"{src}: {RowName(i)}: treatment column '{treatCol}' is {Fmt(d[i])}; it must be 0 or 1.");
            if (spec.RequireAbsorbingTreatment)
            {
                for (int u = 0; u < unitLabels.Length; u++)
                    for (int i = unitStart[u] + 1; i < unitStart[u + 1]; i++)
                        if (d[i - 1] == 1 && d[i] == 0)
                            throw new PanelDataException(
                                $"{src}: treatment column '{treatCol}' switches off for unit '{unitLabels[u]}' at {RowName(i)} " +
                                $"(time {Fmt(periods[timeCode[i]])}) after being 1 at {RowName(i - 1)}; this design requires absorbing treatment.");
            }
        }

        // 8. Weights: positive and finite.
        if (spec.Weights is { } wCol)
        {
            var w = numeric[wCol];
            for (int i = 0; i < m; i++)
                if (!(w[i] > 0) || !double.IsFinite(w[i]))
                    throw new PanelDataException($"{src}: {RowName(i)}: weights column '{wCol}' is {Fmt(w[i])}; weights must be positive and finite.");
        }

        // 9. Comparison units.
        CheckComparison(spec, src, numeric, unitStart, cohortByUnit, unitLabels.Length);

        var order = numericNames.ToList();
        var audit = new PanelAudit(src, n - blank, m, dropped, unitLabels.Length, periods.Length,
            m == (long)unitLabels.Length * periods.Length, periods.Length > 0 ? periods[0] : double.NaN,
            periods.Length > 0 ? periods[^1] : double.NaN, cohortSizes, !sorted);
        return new Panel(spec, audit, unitCode, timeCode, unitStart, periods, unitLabels, numeric, order, factors, cohortByUnit);
    }

    private static void CheckComparison(PanelSpec spec, string src, Dictionary<string, double[]> numeric, int[] unitStart,
        double[]? cohortByUnit, int units)
    {
        if (spec.Comparison == ComparisonRequirement.None) return;
        if (cohortByUnit is not null)
        {
            bool never = cohortByUnit.Any(g => g == 0);
            var treated = cohortByUnit.Where(g => g > 0).ToArray();
            if (treated.Length == 0)
                throw new PanelDataException($"{src}: cohort column '{spec.Cohort}' is 0 (never treated) for every unit; there is no treated unit.");
            if (spec.Comparison == ComparisonRequirement.NeverTreated && !never)
                throw new PanelDataException($"{src}: no never-treated units (cohort column '{spec.Cohort}' = 0); this design needs a never-treated comparison group.");
            if (!never && treated.Distinct().Count() < 2)
                throw new PanelDataException($"{src}: every unit is in cohort {Fmt(treated[0])} (column '{spec.Cohort}'); there are no untreated comparison units (never- or not-yet-treated).");
        }
        else if (spec.Treatment is { } t)
        {
            var d = numeric[t];
            int everTreated = 0, neverTreated = 0;
            for (int u = 0; u < units; u++)
            {
                bool any = false;
                for (int i = unitStart[u]; i < unitStart[u + 1]; i++) if (d[i] == 1) { any = true; break; }
                if (any) everTreated++; else neverTreated++;
            }
            if (everTreated == 0)
                throw new PanelDataException($"{src}: treatment column '{t}' is 0 in every row; there is no treated unit.");
            if (spec.Comparison == ComparisonRequirement.NeverTreated && neverTreated == 0)
                throw new PanelDataException($"{src}: no never-treated units (treatment column '{t}' is 1 at some time for every unit); this design needs a never-treated comparison group.");
            if (d.All(v => v == 1))
                throw new PanelDataException($"{src}: treatment column '{t}' is 1 in every row; there are no untreated comparison observations.");
        }
    }

    private static (int[] Codes, double[] Periods) FactorizeTime(double[] time, int[] rows)
    {
        var codes = new int[rows.Length];
        if (rows.Length == 0) return (codes, []);
        double min = double.MaxValue, max = double.MinValue;
        bool integral = true;
        foreach (var r in rows)
        {
            var t = time[r];
            if (!double.IsFinite(t)) throw new PanelDataException($"time value {t} is not finite.");
            if (t < min) min = t;
            if (t > max) max = t;
            if (integral && t != Math.Floor(t)) integral = false;
        }
        if (integral && max - min < 10_000_000)
        {
            var table = new int[(long)(max - min) + 1];
            foreach (var r in rows) table[(long)(time[r] - min)] = 1;
            var periods = new List<double>();
            for (int v = 0; v < table.Length; v++) if (table[v] != 0) { table[v] = periods.Count; periods.Add(v + min); }
            for (int i = 0; i < rows.Length; i++) codes[i] = table[(long)(time[rows[i]] - min)];
            return (codes, periods.ToArray());
        }
        var distinct = rows.Select(r => time[r]).Distinct().Order().ToArray();
        var map = new Dictionary<double, int>(distinct.Length);
        for (int i = 0; i < distinct.Length; i++) map[distinct[i]] = i;
        for (int i = 0; i < rows.Length; i++) codes[i] = map[time[rows[i]]];
        return (codes, distinct);
    }

    internal static string Fmt(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    // ------------------------------------------------------------------ display

    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"Panel: {RowCount} rows, {UnitCount} units ('{Spec.Unit}') × {PeriodCount} periods ('{Spec.Time}'), ");
        sb.Append(IsBalanced ? "balanced" : "unbalanced");
        sb.Append(CultureInfo.InvariantCulture, $"; numeric: {string.Join(", ", _numericOrder)}");
        if (_factors.Count > 0) sb.Append(CultureInfo.InvariantCulture, $"; factors: {string.Join(", ", FactorColumns)}");
        sb.AppendLine();
        sb.Append(Audit.ToString());
        return sb.ToString();
    }

    /// <summary>A compact HTML summary: shape, columns and the audit.</summary>
    public string ToHtml()
    {
        var sb = new StringBuilder();
        sb.Append("<div class=\"ar-panel\"><b>Panel</b> ");
        sb.Append(CultureInfo.InvariantCulture, $"{RowCount} rows · {UnitCount} units (<code>{WebUtility.HtmlEncode(Spec.Unit)}</code>) × {PeriodCount} periods (<code>{WebUtility.HtmlEncode(Spec.Time)}</code>) · ");
        sb.Append(IsBalanced ? "balanced" : "unbalanced");
        sb.Append("<br/>numeric: ").Append(WebUtility.HtmlEncode(string.Join(", ", _numericOrder)));
        if (_factors.Count > 0) sb.Append("<br/>factors: ").Append(WebUtility.HtmlEncode(string.Join(", ", FactorColumns)));
        sb.Append(Audit.ToHtml()).Append("</div>");
        return sb.ToString();
    }
}
