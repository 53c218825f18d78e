using AllianceResearch.Results;

namespace AllianceResearch.Presentation.Charts;

/// <summary>How event-study intervals are drawn.</summary>
public enum IntervalStyle
{
    /// <summary>Point estimates with vertical whiskers; several estimators are dodged side by side.</summary>
    Whiskers,
    /// <summary>A line through the estimates over a shaded band.</summary>
    Band,
}

/// <summary>Text and size shared by every ready-made chart.</summary>
public record ChartOptions
{
    /// <summary>Figure title.</summary>
    public string? Title { get; init; }

    /// <summary>Subtitle.</summary>
    public string? Subtitle { get; init; }

    /// <summary>Caption (source and notes); some charts write a default note when null.</summary>
    public string? Caption { get; init; }

    /// <summary>Width in px.</summary>
    public double Width { get; init; } = 720;

    /// <summary>Height in px; null lets row-based charts size themselves to their rows.</summary>
    public double? Height { get; init; }

    /// <summary>Theme (colour by default; <see cref="Theme.Greyscale"/> for print).</summary>
    public Theme Theme { get; init; } = Theme.Default;

    internal Figure Start(double defaultHeight)
    {
        var f = Figure.Create(Width, Height ?? defaultHeight).WithTheme(Theme);
        if (Title is not null) f = f.Title(Title);
        if (Subtitle is not null) f = f.Subtitle(Subtitle);
        if (Caption is not null) f = f.Caption(Caption);
        return f;
    }
}

/// <summary>Options for <see cref="Charts.EventStudy"/>.</summary>
public sealed record EventStudyOptions : ChartOptions
{
    /// <summary>X-axis title.</summary>
    public string XLabel { get; init; } = "Periods relative to treatment";

    /// <summary>Y-axis title.</summary>
    public string YLabel { get; init; } = "Estimated effect";

    /// <summary>Whiskers (default) or bands.</summary>
    public IntervalStyle Intervals { get; init; } = IntervalStyle.Whiskers;

    /// <summary>Draw simultaneous (uniform) bands where the estimates carry them.</summary>
    public bool ShowUniform { get; init; } = true;

    /// <summary>Where the treatment line goes (default between −1 and 0); null for none.</summary>
    public double? TreatmentAt { get; init; } = -0.5;

    /// <summary>Shade the pre-treatment periods.</summary>
    public bool ShadePre { get; init; } = true;

    /// <summary>Text at the top of the pre-treatment shading (null for none).</summary>
    public string? PreLabel { get; init; } = "Pre-treatment";

    /// <summary>Horizontal offset between estimators in whisker mode (event-time units).</summary>
    public double Dodge { get; init; } = 0.14;

    /// <summary>Y tick format.</summary>
    public NumberFormat YFormat { get; init; } = NumberFormat.Auto;

    /// <summary>Legend placement.</summary>
    public LegendPosition Legend { get; init; } = LegendPosition.Auto;
}

/// <summary>Options for coefficient plots.</summary>
public sealed record CoefficientPlotOptions : ChartOptions
{
    /// <summary>Terms to show, in order; null shows all terms in first-seen order.</summary>
    public IReadOnlyList<string>? Terms { get; init; }

    /// <summary>Display labels per term (e.g. Chinese names); unknown terms show as is.</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>X-axis title.</summary>
    public string XLabel { get; init; } = "Estimate with 95% confidence interval";

    /// <summary>Vertical offset between models (category units).</summary>
    public double Dodge { get; init; } = 0.22;

    /// <summary>X tick format.</summary>
    public NumberFormat XFormat { get; init; } = NumberFormat.Auto;

    /// <summary>The reference value (usually 0; 1 for ratios).</summary>
    public double NullValue { get; init; }
}

/// <summary>One row of a forest plot.</summary>
/// <param name="Group">Group heading (e.g. the evaluation dimension).</param>
/// <param name="Label">Row label (e.g. the indicator's Chinese name).</param>
/// <param name="Estimate">Point estimate.</param>
/// <param name="Low">Lower bound (NaN if none).</param>
/// <param name="High">Upper bound (NaN if none).</param>
public sealed record ForestRow(string Group, string Label, double Estimate, double Low, double High);

/// <summary>Options for <see cref="Charts.Forest"/>.</summary>
public sealed record ForestOptions : ChartOptions
{
    /// <summary>X-axis title.</summary>
    public string? XLabel { get; init; }

    /// <summary>The no-effect reference line; null for none.</summary>
    public double? NullValue { get; init; } = 0;

    /// <summary>X tick format.</summary>
    public NumberFormat XFormat { get; init; } = NumberFormat.Auto;

    /// <summary>Colour rows by group (otherwise one colour).</summary>
    public bool ColorByGroup { get; init; } = true;
}

/// <summary>One row of a dumbbell chart: a before and an after value.</summary>
/// <param name="Label">Row label.</param>
/// <param name="Start">Value at the first time point.</param>
/// <param name="End">Value at the second time point.</param>
public sealed record DumbbellRow(string Label, double Start, double End);

/// <summary>Options for <see cref="Charts.Dumbbell"/>.</summary>
public sealed record DumbbellOptions : ChartOptions
{
    /// <summary>X-axis title.</summary>
    public string? XLabel { get; init; }

    /// <summary>X tick and value format.</summary>
    public NumberFormat XFormat { get; init; } = NumberFormat.Auto;

    /// <summary>Print the end value next to each row.</summary>
    public bool ShowValues { get; init; } = true;
}

/// <summary>Options for <see cref="Charts.Heatmap(IReadOnlyList{string}, IReadOnlyList{string}, double[,], HeatmapOptions?)"/>.</summary>
public sealed record HeatmapOptions : ChartOptions
{
    /// <summary>Colour ramp.</summary>
    public ColorScale Scale { get; init; } = ColorScale.Blues;

    /// <summary>Format of the numbers printed in cells; null prints none.</summary>
    public NumberFormat? CellFormat { get; init; } = NumberFormat.Auto;

    /// <summary>Colour-bar title.</summary>
    public string? LegendTitle { get; init; }

    /// <summary>Colour-bar number format.</summary>
    public NumberFormat LegendFormat { get; init; } = NumberFormat.Auto;

    /// <summary>Fixed ramp limits; null uses the data range.</summary>
    public (double Min, double Max)? Limits { get; init; }

    /// <summary>X-axis title (columns).</summary>
    public string? XLabel { get; init; }

    /// <summary>Y-axis title (rows).</summary>
    public string? YLabel { get; init; }
}

/// <summary>One cell of a heatmap given as a long-format record.</summary>
/// <param name="Row">Row name.</param>
/// <param name="Column">Column name.</param>
/// <param name="Value">Cell value.</param>
public sealed record HeatmapCell(string Row, string Column, double Value);

/// <summary>Options for <see cref="Charts.Histogram"/>.</summary>
public sealed record HistogramOptions : ChartOptions
{
    /// <summary>Number of bins (approximate: edges snap to nice values); null uses Sturges' rule.</summary>
    public int? Bins { get; init; }

    /// <summary>X-axis title.</summary>
    public string? XLabel { get; init; }

    /// <summary>Y-axis title.</summary>
    public string YLabel { get; init; } = "Count";

    /// <summary>Annotation at the observed value; "{0}" is replaced by the formatted value.</summary>
    public string ObservedLabel { get; init; } = "Observed = {0}";

    /// <summary>X tick format.</summary>
    public NumberFormat XFormat { get; init; } = NumberFormat.Auto;
}

/// <summary>Kinds of waterfall steps.</summary>
public enum WaterfallStepKind
{
    /// <summary>A starting level, drawn from zero.</summary>
    Start,
    /// <summary>A change, drawn floating from the running total.</summary>
    Change,
    /// <summary>A subtotal drawn from zero at the running total (its amount is ignored).</summary>
    Total,
}

/// <summary>One bar of a waterfall.</summary>
/// <param name="Label">Bar label.</param>
/// <param name="Amount">The level (Start) or change (Change); ignored for Total.</param>
/// <param name="Kind">Start, change or total.</param>
public sealed record WaterfallStep(string Label, double Amount, WaterfallStepKind Kind = WaterfallStepKind.Change)
{
    /// <summary>A starting level.</summary>
    public static WaterfallStep Start(string label, decimal amount) => new(label, (double)amount, WaterfallStepKind.Start);

    /// <summary>A change from the running total.</summary>
    public static WaterfallStep Change(string label, decimal amount) => new(label, (double)amount);

    /// <summary>A subtotal at the running total.</summary>
    public static WaterfallStep Total(string label) => new(label, double.NaN, WaterfallStepKind.Total);
}

/// <summary>Options for <see cref="Charts.Waterfall"/>.</summary>
public sealed record WaterfallOptions : ChartOptions
{
    /// <summary>Y-axis title.</summary>
    public string? YLabel { get; init; }

    /// <summary>Number format for ticks and bar labels (e.g. <see cref="NumberFormat.Yuan"/>).</summary>
    public NumberFormat Format { get; init; } = NumberFormat.Thousands();

    /// <summary>Colour of increases.</summary>
    public string IncreaseColor { get; init; } = "#009E73";

    /// <summary>Colour of decreases.</summary>
    public string DecreaseColor { get; init; } = "#D55E00";

    /// <summary>Colour of starts and totals.</summary>
    public string TotalColor { get; init; } = "#0072B2";
}

/// <summary>
/// Ready-made research charts built on <see cref="Figure"/>: each returns an ordinary figure, so callers can
/// keep editing it (<c>.Caption(...)</c>, <c>.EachPanel(p =&gt; p.YLimits(...))</c>) before drawing.
/// </summary>
public static class Charts
{
    /// <summary>
    /// Event-study plot: one series per estimator (overlaid and dodged), pointwise intervals as whiskers or bands,
    /// optional simultaneous bands, a zero line, a treatment line and pre-period shading.
    /// </summary>
    public static Figure EventStudy(IEnumerable<EventTimeEstimate> estimates, EventStudyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(estimates);
        var o = options ?? new EventStudyOptions();
        var rows = estimates.ToList();
        if (rows.Count == 0) throw new ArgumentException("Event-study plot: no estimates given.", nameof(estimates));
        var groups = rows.GroupBy(r => r.Estimator).ToList();
        foreach (var g in groups)
        {
            var dup = g.GroupBy(r => r.EventTime).FirstOrDefault(d => d.Count() > 1);
            if (dup is not null) throw new ArgumentException($"Event-study plot: estimator '{g.Key}' has {dup.Count()} rows for event time {dup.Key}.");
        }
        var anyUniform = o.ShowUniform && rows.Any(r => r.UniformLow is not null && r.UniformHigh is not null);
        var minT = rows.Min(r => r.EventTime);
        var maxT = rows.Max(r => r.EventTime);

        var caption = o.Caption ?? (anyUniform
            ? (o.Intervals == IntervalStyle.Whiskers
                ? "Thick whiskers: pointwise 95% confidence intervals; thin whiskers: simultaneous (uniform) 95% bands. Hollow points: reference period."
                : "Dark bands: pointwise 95% confidence intervals; light bands: simultaneous (uniform) 95% bands.")
            : (o.Intervals == IntervalStyle.Whiskers ? "Whiskers: pointwise 95% confidence intervals. Hollow points: reference period." : "Bands: pointwise 95% confidence intervals."));
        var fig = (o with { Caption = caption }).Start(440).Legend(groups.Count > 1 ? o.Legend : LegendPosition.None);

        return fig.Panel(p =>
        {
            p = p.XLabel(o.XLabel).YLabel(o.YLabel).YFormat(o.YFormat)
                 .XAxis(a => a with { IntegerTicks = true, TickStep = maxT - minT <= 16 ? 1 : null });
            // Headroom so the shading's label sits above the highest whisker.
            if (o.ShadePre && o.PreLabel is not null) p = p.YAxis(a => a with { Padding = 0.1 });
            if (o.ShadePre && o.TreatmentAt is { } ta) p = p.VSpan(double.NegativeInfinity, ta, o.PreLabel, "#F3F3F3");
            p = p.HLine(0, style: new SeriesStyle(Color: "#808080", Width: 0.9));
            if (o.TreatmentAt is { } tline) p = p.VLine(tline, style: new SeriesStyle(Color: "#808080", Dash: LineDash.Dashed, Width: 1));
            var k = groups.Count;
            for (var j = 0; j < k; j++)
            {
                var g = groups[j].OrderBy(r => r.EventTime).ToList();
                var name = groups[j].Key;
                var shift = o.Intervals == IntervalStyle.Whiskers && k > 1 ? (j - (k - 1) / 2.0) * o.Dodge : 0;
                var x = g.Select(r => r.EventTime + shift).ToArray();
                var est = g.Select(r => r.Estimate).ToArray();
                var lo = g.Select(r => r.CiLow).ToArray();
                var hi = g.Select(r => r.CiHigh).ToArray();
                var ulo = g.Select(r => r.UniformLow ?? double.NaN).ToArray();
                var uhi = g.Select(r => r.UniformHigh ?? double.NaN).ToArray();
                var hasUniform = anyUniform && g.Any(r => r.UniformLow is not null);
                if (o.Intervals == IntervalStyle.Whiskers)
                {
                    if (hasUniform)
                        p = p.Add(new IntervalLayer(x, est, ulo, uhi) { Series = name, ShowPoint = false, WhiskerScale = 0.55, Style = new SeriesStyle(Opacity: 0.75) });
                    p = p.Add(new IntervalLayer(x, est, lo, hi) { Label = name, WhiskerScale = 1.2 });
                }
                else
                {
                    if (hasUniform) p = p.Add(new RibbonLayer(x, ulo, uhi) { Series = name, Style = new SeriesStyle(Opacity: 0.10) });
                    p = p.Add(new RibbonLayer(x, lo, hi) { Series = name, Label = name, Style = new SeriesStyle(Opacity: 0.22) });
                    p = p.Add(new LineLayer(x, est) { Label = name, Markers = true });
                }
            }
            return p;
        });
    }

    /// <summary>Coefficient plot of several models side by side: terms down the y axis, estimates with CIs, a zero line.</summary>
    public static Figure Coefficients(IEnumerable<IModelSummary> models, CoefficientPlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(models);
        var list = models.ToList();
        if (list.Count == 0) throw new ArgumentException("Coefficient plot: no models given.", nameof(models));
        return CoefficientFigure(list.Select(m => ((string?)m.ModelName, m.Coefficients)).ToList(), options ?? new());
    }

    /// <summary>Coefficient plot of one set of estimates.</summary>
    public static Figure Coefficients(IEnumerable<CoefficientEstimate> coefficients, CoefficientPlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(coefficients);
        return CoefficientFigure([(null, coefficients.ToList())], options ?? new());
    }

    private static Figure CoefficientFigure(List<(string? Name, IReadOnlyList<CoefficientEstimate> Coefs)> models, CoefficientPlotOptions o)
    {
        var terms = o.Terms?.ToList() ?? models.SelectMany(m => m.Coefs.Select(c => c.Term)).Distinct().ToList();
        if (terms.Count == 0) throw new ArgumentException("Coefficient plot: there are no coefficients to show.");
        if (o.Terms is not null)
        {
            var missing = o.Terms.Where(t => !models.Any(m => m.Coefs.Any(c => c.Term == t))).ToList();
            if (missing.Count > 0) throw new ArgumentException($"Coefficient plot: term(s) {string.Join(", ", missing.Select(m => $"'{m}'"))} are in no model.");
        }
        string Label(string term) => o.Labels is not null && o.Labels.TryGetValue(term, out var l) ? l : term;
        var labels = terms.Select(Label).ToList();
        if (labels.Distinct().Count() != labels.Count) throw new ArgumentException("Coefficient plot: two terms map to the same display label.");
        var height = o.Height ?? Math.Clamp(150 + terms.Count * Math.Max(1, models.Count) * 22 + (o.Title is null ? 0 : 30), 220, 1200);
        var fig = (o with { Height = height }).Start(height).Legend(models.Count > 1 ? LegendPosition.Auto : LegendPosition.None);
        return fig.Panel(p =>
        {
            p = p.YCategories(labels).XLabel(o.XLabel).XFormat(o.XFormat).XAxis(a => a with { Grid = true })
                 .VLine(o.NullValue, style: new SeriesStyle(Color: "#808080", Width: 0.9));
            var k = models.Count;
            for (var j = 0; j < k; j++)
            {
                var shift = k > 1 ? (j - (k - 1) / 2.0) * o.Dodge : 0;
                var rows = models[j].Coefs.Where(c => terms.Contains(c.Term)).ToList();
                var pos = rows.Select(c => terms.IndexOf(c.Term) + shift);
                p = p.Add(new IntervalLayer(pos, rows.Select(c => c.Estimate), rows.Select(c => c.CiLow), rows.Select(c => c.CiHigh))
                {
                    Label = models[j].Name,
                    Series = models[j].Name ?? "estimate",
                    Orientation = Orientation.Horizontal,
                    WhiskerScale = 1.1,
                });
            }
            return p;
        });
    }

    /// <summary>Forest plot: rows grouped under bold group headings, estimates with intervals and a null line.</summary>
    public static Figure Forest(IEnumerable<ForestRow> rows, ForestOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var o = options ?? new ForestOptions();
        var list = rows.ToList();
        if (list.Count == 0) throw new ArgumentException("Forest plot: no rows given.", nameof(rows));
        var groups = list.GroupBy(r => r.Group).ToList();
        var categories = new List<string>();
        var used = new HashSet<string>();
        var headers = new HashSet<string>();
        string Unique(string s)
        {
            // Categories are keys; a zero-width space keeps a repeated label distinct without changing what is shown.
            while (!used.Add(s)) s += "\u200B";
            return s;
        }
        var positions = new List<(ForestRow Row, int Index)>();
        foreach (var g in groups)
        {
            var h = Unique(g.Key);
            headers.Add(h);
            categories.Add(h);
            foreach (var r in g)
            {
                categories.Add(Unique("  " + r.Label));
                positions.Add((r, categories.Count - 1));
            }
        }
        // Rows whose label wraps need more height than one line.
        var rowsHeight = categories.Sum(c => Math.Max(22, 14 * TextMetrics.Wrap(c.Trim(), o.Theme.TickSize, o.Width * 0.45).Count + 8));
        var height = o.Height ?? Math.Clamp(120 + rowsHeight + (o.Title is null ? 0 : 30) + (o.Subtitle is null ? 0 : 18) + (o.Caption is null ? 0 : 16), 200, 2000);
        var fig = (o with { Height = height }).Start(height).Legend(LegendPosition.None);
        return fig.Panel(p =>
        {
            p = p.YCategories(categories).YAxis(a => a with { Emphasised = headers, CategoryLabelsLeft = true }).XFormat(o.XFormat).XAxis(a => a with { Grid = true });
            if (o.XLabel is not null) p = p.XLabel(o.XLabel);
            if (o.NullValue is { } nv) p = p.VLine(nv, style: new SeriesStyle(Color: "#808080", Width: 0.9));
            foreach (var g in groups)
            {
                var rowsIn = positions.Where(x => x.Row.Group == g.Key).ToList();
                p = p.Add(new IntervalLayer(rowsIn.Select(x => (double)x.Index), rowsIn.Select(x => x.Row.Estimate), rowsIn.Select(x => x.Row.Low), rowsIn.Select(x => x.Row.High))
                {
                    Series = o.ColorByGroup ? g.Key : "forest",
                    Orientation = Orientation.Horizontal,
                    WhiskerScale = 1.1,
                    Style = new SeriesStyle(Marker: MarkerShape.Square),
                });
            }
            return p;
        });
    }

    /// <summary>Dumbbell chart: one row per item, a grey connector from the start value to the end value.</summary>
    public static Figure Dumbbell(IEnumerable<DumbbellRow> rows, string startLabel, string endLabel, DumbbellOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var o = options ?? new DumbbellOptions();
        var list = rows.ToList();
        if (list.Count == 0) throw new ArgumentException("Dumbbell chart: no rows given.", nameof(rows));
        var labels = list.Select(r => r.Label).ToList();
        var height = o.Height ?? Math.Clamp(140 + list.Count * 30 + (o.Title is null ? 0 : 30), 200, 1600);
        var fig = (o with { Height = height }).Start(height).Legend(LegendPosition.Top);
        return fig.Panel(p =>
        {
            p = p.YCategories(labels).XFormat(o.XFormat).XAxis(a => a with { Grid = true, Padding = o.ShowValues ? 0.1 : 0.05 });
            if (o.XLabel is not null) p = p.XLabel(o.XLabel);
            var pos = Enumerable.Range(0, list.Count).Select(i => (double)i).ToArray();
            p = p.Add(new SegmentLayer(list.Select(r => r.Start), pos, list.Select(r => r.End), pos) { Style = new SeriesStyle(Color: "#C8C8C8", Width: 3) });
            p = p.Add(new ScatterLayer(list.Select(r => r.Start), pos) { Label = startLabel, Style = new SeriesStyle(Color: "#9A9A9A", MarkerSize: 5) });
            p = p.Add(new ScatterLayer(list.Select(r => r.End), pos) { Label = endLabel, Style = new SeriesStyle(Color: o.Theme.ColorAt(0), MarkerSize: 5) });
            if (o.ShowValues)
            {
                for (var i = 0; i < list.Count; i++)
                {
                    var r = list[i];
                    var up = r.End >= r.Start;
                    // Values sit just outside the end point, on the side away from the connector.
                    p = p.Add(new TextLayer(r.End, i, o.XFormat.Format(r.End)) { Anchor = up ? "start" : "end", OffsetX = up ? 9 : -9, OffsetY = 4 });
                }
            }
            return p;
        });
    }

    /// <summary>Heatmap with named rows and columns, values printed in cells and a colour bar.</summary>
    public static Figure Heatmap(IReadOnlyList<string> rows, IReadOnlyList<string> columns, double[,] values, HeatmapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        var o = options ?? new HeatmapOptions();
        if (values.GetLength(0) != rows.Count || values.GetLength(1) != columns.Count)
            throw new ArgumentException($"Heatmap: values are {values.GetLength(0)}×{values.GetLength(1)} but there are {rows.Count} row and {columns.Count} column names.");
        var height = o.Height ?? Math.Clamp(130 + rows.Count * 34 + (o.Title is null ? 0 : 30) + (o.Subtitle is null ? 0 : 18), 200, 1600);
        var fig = (o with { Height = height }).Start(height).Legend(LegendPosition.None);
        return fig.Panel(p =>
        {
            p = p.XCategories(columns).YCategories(rows);
            if (o.XLabel is not null) p = p.XLabel(o.XLabel);
            if (o.YLabel is not null) p = p.YLabel(o.YLabel);
            return p.Add(new HeatmapLayer(values) { Scale = o.Scale, CellLabels = o.CellFormat, LegendTitle = o.LegendTitle, LegendFormat = o.LegendFormat, Limits = o.Limits });
        });
    }

    /// <summary>Heatmap from long-format cells; rows and columns keep first-seen order, absent cells show as missing.</summary>
    public static Figure Heatmap(IEnumerable<HeatmapCell> cells, HeatmapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var list = cells.ToList();
        var rows = list.Select(c => c.Row).Distinct().ToList();
        var cols = list.Select(c => c.Column).Distinct().ToList();
        var m = new double[rows.Count, cols.Count];
        for (var i = 0; i < rows.Count; i++) for (var j = 0; j < cols.Count; j++) m[i, j] = double.NaN;
        foreach (var c in list)
        {
            var (i, j) = (rows.IndexOf(c.Row), cols.IndexOf(c.Column));
            if (!double.IsNaN(m[i, j])) throw new ArgumentException($"Heatmap: cell ({c.Row}, {c.Column}) is given twice.");
            m[i, j] = c.Value;
        }
        return Heatmap(rows, cols, m, options);
    }

    /// <summary>
    /// Histogram of a reference distribution (permutation or placebo estimates) with the observed statistic marked.
    /// Binning is the only arithmetic here: equal-width bins with nice edges.
    /// </summary>
    public static Figure Histogram(IEnumerable<double> values, double? observed = null, HistogramOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        var o = options ?? new HistogramOptions();
        var data = values.ToArray();
        var bad = Array.FindIndex(data, v => !double.IsFinite(v));
        if (bad >= 0) throw new ArgumentException($"Histogram: value at index {bad} is {data[bad]}; all values must be finite.");
        if (data.Length == 0) throw new ArgumentException("Histogram: no values given.", nameof(values));
        var bins = o.Bins ?? (int)Math.Ceiling(Math.Log2(data.Length) + 1);
        if (bins < 1) throw new ArgumentOutOfRangeException(nameof(options), bins, "Histogram needs at least one bin.");
        var min = data.Min();
        var max = data.Max();
        if (observed is { } ob) { min = Math.Min(min, ob); max = Math.Max(max, ob); }
        if (min == max) { min -= 0.5; max += 0.5; }
        var step = NiceTicks.Step(min, max, bins);
        var start = Math.Floor(min / step) * step;
        var count = (int)Math.Ceiling((max - start) / step + 1e-9);
        if (start + count * step <= max) count++;
        var counts = new double[count];
        foreach (var v in data) counts[Math.Min(count - 1, (int)Math.Floor((v - start) / step))]++;
        var centres = Enumerable.Range(0, count).Select(i => start + (i + 0.5) * step).ToArray();
        var fig = o.Start(400).Legend(LegendPosition.None);
        return fig.Panel(p =>
        {
            p = p.Add(new BarLayer(centres, counts) { Width = step * 0.97, Series = "distribution", Style = new SeriesStyle(Color: "#8FA9C4") })
                 .YLabel(o.YLabel).XFormat(o.XFormat);
            if (o.XLabel is not null) p = p.XLabel(o.XLabel);
            if (observed is { } obs)
                p = p.VLine(obs, string.Format(System.Globalization.CultureInfo.InvariantCulture, o.ObservedLabel, o.XFormat.Format(obs)),
                    new SeriesStyle(Color: "#D55E00", Width: 2));
            return p;
        });
    }

    /// <summary>Waterfall: a starting level, floating changes (green up, vermillion down), subtotals, with dashed connectors.</summary>
    public static Figure Waterfall(IEnumerable<WaterfallStep> steps, WaterfallOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var o = options ?? new WaterfallOptions();
        var list = steps.ToList();
        if (list.Count == 0) throw new ArgumentException("Waterfall: no steps given.", nameof(steps));
        var bases = new double[list.Count];
        var lengths = new double[list.Count];
        var colors = new string[list.Count];
        var running = 0.0;
        for (var i = 0; i < list.Count; i++)
        {
            var s = list[i];
            if (s.Kind != WaterfallStepKind.Total && !double.IsFinite(s.Amount))
                throw new ArgumentException($"Waterfall: step {i} ('{s.Label}') has amount {s.Amount}; only totals may omit it.");
            switch (s.Kind)
            {
                case WaterfallStepKind.Start:
                    running = s.Amount; bases[i] = 0; lengths[i] = s.Amount; colors[i] = o.TotalColor; break;
                case WaterfallStepKind.Total:
                    bases[i] = 0; lengths[i] = running; colors[i] = o.TotalColor; break;
                default:
                    bases[i] = running; lengths[i] = s.Amount; running += s.Amount;
                    colors[i] = s.Amount >= 0 ? o.IncreaseColor : o.DecreaseColor; break;
            }
        }
        var labels = list.Select(s => s.Label).ToList();
        var fig = o.Start(420).Legend(LegendPosition.None);
        return fig.Panel(p =>
        {
            p = p.XCategories(labels).YFormat(o.Format).YAxis(a => a with { IncludeZero = true });
            if (o.YLabel is not null) p = p.YLabel(o.YLabel);
            var pos = Enumerable.Range(0, list.Count).Select(i => (double)i).ToArray();
            // Connectors first so bars sit on top of them.
            var ends = Enumerable.Range(0, list.Count).Select(i => bases[i] + lengths[i]).ToArray();
            p = p.Add(new SegmentLayer(pos.Take(list.Count - 1).Select(x => x + 0.3), ends.Take(list.Count - 1), pos.Skip(1).Select(x => x - 0.3), ends.Take(list.Count - 1))
                { Style = new SeriesStyle(Color: "#9A9A9A", Width: 1, Dash: LineDash.Dashed) });
            // Changes carry their sign; levels do not.
            var texts = list.Select((s, i) => s.Kind == WaterfallStepKind.Change && lengths[i] > 0 ? "+" + o.Format.Format(lengths[i]) : o.Format.Format(lengths[i])).ToArray();
            p = p.Add(new BarLayer(pos, lengths) { Base = bases, Colors = colors, Width = 0.6, Series = "waterfall", ValueLabels = o.Format, LabelTexts = texts });
            return p.HLine(0, style: new SeriesStyle(Color: "#4D4D4D", Width: 1));
        });
    }

    /// <summary>Small multiples: one panel per group, sharing axes, drawn by the same function.</summary>
    public static Figure SmallMultiples<T>(IEnumerable<T> items, Func<T, string> facet, Func<PlotPanel, IReadOnlyList<T>, PlotPanel> draw,
        ChartOptions? options = null, int? columns = null, bool shareX = true, bool shareY = true)
    {
        ArgumentNullException.ThrowIfNull(items);
        var o = options ?? new ChartOptions();
        var groups = items.GroupBy(facet).ToList();
        if (groups.Count == 0) throw new ArgumentException("Small multiples: no items given.", nameof(items));
        var cols = columns ?? Math.Min(groups.Count, groups.Count <= 4 ? groups.Count : 3);
        var rowsN = (int)Math.Ceiling(groups.Count / (double)cols);
        var fig = o.Start(Math.Clamp(120 + rowsN * 210, 300, 2400)).Grid(cols).ShareAxes(shareX, shareY).Legend(LegendPosition.Bottom);
        foreach (var g in groups) fig = fig.Panel(g.Key, p => draw(p, g.ToList()));
        return fig;
    }
}
