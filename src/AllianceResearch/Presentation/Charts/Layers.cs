namespace AllianceResearch.Presentation.Charts;

/// <summary>Direction of an interval, bar or reference line.</summary>
public enum Orientation
{
    /// <summary>Along the y axis (vertical bars, vertical whiskers, a horizontal reference line's value is y).</summary>
    Vertical,
    /// <summary>Along the x axis.</summary>
    Horizontal,
}

/// <summary>
/// One drawable layer of a panel: plain data plus style, so a chart can be inspected, tested or re-drawn.
/// Coordinates are numbers; categorical axes place category i at position i.
/// </summary>
public abstract record Layer
{
    /// <summary>Legend text; null keeps the layer out of the legend.</summary>
    public string? Label { get; init; }

    /// <summary>Colour key: layers with the same series share a colour (default: the label).</summary>
    public string? Series { get; init; }

    /// <summary>Style overrides.</summary>
    public SeriesStyle Style { get; init; } = new();

    internal string? SeriesKey => Series ?? Label;

    internal static IReadOnlyList<double> Copy(IEnumerable<double> values, string name)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        return values.ToArray();
    }

    internal static void SameLength(string what, params (string Name, IReadOnlyList<double> Values)[] arrays)
    {
        var n = arrays[0].Values.Count;
        foreach (var (name, values) in arrays)
        {
            if (values.Count != n)
                throw new ArgumentException($"{what}: '{arrays[0].Name}' has {n} values but '{name}' has {values.Count}; they must match.");
        }
    }
}

/// <summary>A polyline through (x, y); NaN values break the line.</summary>
public sealed record LineLayer : Layer
{
    /// <summary>Creates a line; arrays are copied.</summary>
    public LineLayer(IEnumerable<double> x, IEnumerable<double> y)
    {
        X = Copy(x, nameof(x));
        Y = Copy(y, nameof(y));
        SameLength("Line", ("x", X), ("y", Y));
    }

    /// <summary>X coordinates.</summary>
    public IReadOnlyList<double> X { get; }

    /// <summary>Y coordinates.</summary>
    public IReadOnlyList<double> Y { get; }

    /// <summary>Whether to draw markers at the points.</summary>
    public bool Markers { get; init; }
}

/// <summary>A filled band between a lower and an upper curve (confidence ribbon).</summary>
public sealed record RibbonLayer : Layer
{
    /// <summary>Creates a band; arrays are copied.</summary>
    public RibbonLayer(IEnumerable<double> x, IEnumerable<double> low, IEnumerable<double> high)
    {
        X = Copy(x, nameof(x));
        Low = Copy(low, nameof(low));
        High = Copy(high, nameof(high));
        SameLength("Ribbon", ("x", X), ("low", Low), ("high", High));
    }

    /// <summary>X coordinates.</summary>
    public IReadOnlyList<double> X { get; }

    /// <summary>Lower bounds.</summary>
    public IReadOnlyList<double> Low { get; }

    /// <summary>Upper bounds.</summary>
    public IReadOnlyList<double> High { get; }
}

/// <summary>Unconnected points.</summary>
public sealed record ScatterLayer : Layer
{
    /// <summary>Creates points; arrays are copied.</summary>
    public ScatterLayer(IEnumerable<double> x, IEnumerable<double> y)
    {
        X = Copy(x, nameof(x));
        Y = Copy(y, nameof(y));
        SameLength("Scatter", ("x", X), ("y", Y));
    }

    /// <summary>X coordinates.</summary>
    public IReadOnlyList<double> X { get; }

    /// <summary>Y coordinates.</summary>
    public IReadOnlyList<double> Y { get; }
}

/// <summary>
/// Point estimates with interval whiskers (coefficient and event-study plots). With
/// <see cref="Orientation.Vertical"/> the value is y at position x; with Horizontal the value is x at position y.
/// NaN bounds draw the point without a whisker (a normalised reference period).
/// </summary>
public sealed record IntervalLayer : Layer
{
    /// <summary>Creates intervals; arrays are copied.</summary>
    public IntervalLayer(IEnumerable<double> position, IEnumerable<double> value, IEnumerable<double> low, IEnumerable<double> high)
    {
        Position = Copy(position, nameof(position));
        Value = Copy(value, nameof(value));
        Low = Copy(low, nameof(low));
        High = Copy(high, nameof(high));
        SameLength("Interval", ("position", Position), ("value", Value), ("low", Low), ("high", High));
    }

    /// <summary>Positions along the category/time axis.</summary>
    public IReadOnlyList<double> Position { get; }

    /// <summary>Point estimates.</summary>
    public IReadOnlyList<double> Value { get; }

    /// <summary>Lower bounds.</summary>
    public IReadOnlyList<double> Low { get; }

    /// <summary>Upper bounds.</summary>
    public IReadOnlyList<double> High { get; }

    /// <summary>Which way the whiskers run.</summary>
    public Orientation Orientation { get; init; } = Orientation.Vertical;

    /// <summary>Whisker cap half-width in px (0 = no caps).</summary>
    public double Cap { get; init; }

    /// <summary>Whether to draw the point (false for a bare outer band, e.g. a uniform interval).</summary>
    public bool ShowPoint { get; init; } = true;

    /// <summary>Whisker width relative to the series line width (thin outer bands, thick inner ones).</summary>
    public double WhiskerScale { get; init; } = 1;
}

/// <summary>Bars at positions. Several bar layers in one panel are grouped or stacked per <see cref="BarMode"/>.</summary>
public sealed record BarLayer : Layer
{
    /// <summary>Creates bars; arrays are copied.</summary>
    public BarLayer(IEnumerable<double> position, IEnumerable<double> value)
    {
        Position = Copy(position, nameof(position));
        Value = Copy(value, nameof(value));
        SameLength("Bars", ("position", Position), ("value", Value));
    }

    /// <summary>Positions along the category axis.</summary>
    public IReadOnlyList<double> Position { get; }

    /// <summary>Bar values (lengths from the base).</summary>
    public IReadOnlyList<double> Value { get; }

    /// <summary>Explicit bar bases (floating bars, waterfalls); such layers are neither grouped nor stacked.</summary>
    public IReadOnlyList<double>? Base { get; init; }

    /// <summary>Bar width in axis units (1 = the whole category band).</summary>
    public double Width { get; init; } = 0.7;

    /// <summary>Vertical bars grow up from the x axis; horizontal bars grow right from the y axis.</summary>
    public Orientation Orientation { get; init; } = Orientation.Vertical;

    /// <summary>Per-bar colours overriding the series colour (e.g. waterfall increases and decreases).</summary>
    public IReadOnlyList<string>? Colors { get; init; }

    /// <summary>Value labels printed at the bar ends, or null for none.</summary>
    public NumberFormat? ValueLabels { get; init; }

    /// <summary>Explicit label text per bar (used with <see cref="ValueLabels"/> set), e.g. signed changes.</summary>
    public IReadOnlyList<string>? LabelTexts { get; init; }
}

/// <summary>Straight segments from (X1, Y1) to (X2, Y2): dumbbell connectors, waterfall connectors, arrows.</summary>
public sealed record SegmentLayer : Layer
{
    /// <summary>Creates segments; arrays are copied.</summary>
    public SegmentLayer(IEnumerable<double> x1, IEnumerable<double> y1, IEnumerable<double> x2, IEnumerable<double> y2)
    {
        X1 = Copy(x1, nameof(x1));
        Y1 = Copy(y1, nameof(y1));
        X2 = Copy(x2, nameof(x2));
        Y2 = Copy(y2, nameof(y2));
        SameLength("Segments", ("x1", X1), ("y1", Y1), ("x2", X2), ("y2", Y2));
    }

    /// <summary>Start x.</summary>
    public IReadOnlyList<double> X1 { get; }

    /// <summary>Start y.</summary>
    public IReadOnlyList<double> Y1 { get; }

    /// <summary>End x.</summary>
    public IReadOnlyList<double> X2 { get; }

    /// <summary>End y.</summary>
    public IReadOnlyList<double> Y2 { get; }

    /// <summary>Draw an arrowhead at the end.</summary>
    public bool Arrow { get; init; }
}

/// <summary>A full-width or full-height reference line (zero line, treatment date, observed statistic).</summary>
public sealed record ReferenceLineLayer : Layer
{
    /// <summary>Creates a reference line at <paramref name="value"/>.</summary>
    public ReferenceLineLayer(double value, Orientation orientation)
    {
        if (!double.IsFinite(value)) throw new ArgumentException($"A reference line needs a finite value, got {value}.", nameof(value));
        Value = value;
        Orientation = orientation;
    }

    /// <summary>Where the line sits (a y value for a horizontal line, an x value for a vertical one).</summary>
    public double Value { get; }

    /// <summary>Horizontal lines sit at a y value; vertical lines at an x value.</summary>
    public Orientation Orientation { get; }

    /// <summary>Short text written next to the line inside the plot (not in the legend).</summary>
    public string? Annotation { get; init; }
}

/// <summary>A shaded band across the plot between two values of one axis (e.g. pre-treatment periods).</summary>
public sealed record SpanLayer : Layer
{
    /// <summary>Creates a span; infinite ends run to the plot edge.</summary>
    public SpanLayer(double from, double to, Orientation orientation)
    {
        if (double.IsNaN(from) || double.IsNaN(to)) throw new ArgumentException("A span needs two non-NaN ends.");
        From = Math.Min(from, to);
        To = Math.Max(from, to);
        Orientation = orientation;
    }

    /// <summary>Lower end.</summary>
    public double From { get; }

    /// <summary>Upper end.</summary>
    public double To { get; }

    /// <summary>Vertical spans cover an x range; horizontal spans a y range.</summary>
    public Orientation Orientation { get; }

    /// <summary>Fill colour.</summary>
    public string Fill { get; init; } = "#F2F2F2";

    /// <summary>Short text written at the top of the span.</summary>
    public string? Annotation { get; init; }
}

/// <summary>Free text at data coordinates.</summary>
public sealed record TextLayer : Layer
{
    /// <summary>Creates a text annotation.</summary>
    public TextLayer(double x, double y, string text)
    {
        X = x;
        Y = y;
        Text = text ?? throw new ArgumentNullException(nameof(text));
    }

    /// <summary>X coordinate.</summary>
    public double X { get; }

    /// <summary>Y coordinate.</summary>
    public double Y { get; }

    /// <summary>The text.</summary>
    public string Text { get; }

    /// <summary>SVG text-anchor: start, middle or end.</summary>
    public string Anchor { get; init; } = "start";

    /// <summary>Horizontal shift in px from the anchor point.</summary>
    public double OffsetX { get; init; }

    /// <summary>Vertical shift in px (positive is down).</summary>
    public double OffsetY { get; init; }
}

/// <summary>
/// A grid of coloured cells: column j at x = j, row i at y = i (use categorical axes for the names).
/// Missing cells are NaN and drawn as hatched grey.
/// </summary>
public sealed record HeatmapLayer : Layer
{
    /// <summary>Creates a heatmap from a row-major matrix (copied).</summary>
    public HeatmapLayer(double[,] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        Values = (double[,])values.Clone();
    }

    private double[,] Values { get; }

    /// <summary>Number of rows.</summary>
    public int Rows => Values.GetLength(0);

    /// <summary>Number of columns.</summary>
    public int Columns => Values.GetLength(1);

    /// <summary>The value in a cell (NaN when missing).</summary>
    public double this[int row, int column] => Values[row, column];

    /// <summary>Colour ramp; null takes the theme's.</summary>
    public ColorScale? Scale { get; init; }

    /// <summary>Ramp limits; null takes the data range.</summary>
    public (double Min, double Max)? Limits { get; init; }

    /// <summary>Value printed in each cell, or null for none.</summary>
    public NumberFormat? CellLabels { get; init; }

    /// <summary>Optional text per cell (row-major), shown instead of the value when not null.</summary>
    public IReadOnlyList<string?>? CellText { get; init; }

    /// <summary>Title of the colour bar.</summary>
    public string? LegendTitle { get; init; }

    /// <summary>Number format of the colour bar.</summary>
    public NumberFormat LegendFormat { get; init; } = NumberFormat.Auto;
}
