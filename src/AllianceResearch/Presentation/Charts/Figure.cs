namespace AllianceResearch.Presentation.Charts;

/// <summary>How several bar layers in one panel share a category.</summary>
public enum BarMode
{
    /// <summary>Side by side within the category.</summary>
    Grouped,
    /// <summary>On top of each other (positive and negative parts stack separately).</summary>
    Stacked,
    /// <summary>Drawn over each other at full width.</summary>
    Overlay,
}

/// <summary>Where the legend goes. Auto puts it inside the emptiest corner when it fits there, otherwise outside right.</summary>
public enum LegendPosition
{
    /// <summary>Inside the emptiest corner if no data would be covered, otherwise right of the plot.</summary>
    Auto,
    /// <summary>Outside, right of the plot.</summary>
    Right,
    /// <summary>Outside, below the plot (entries in rows).</summary>
    Bottom,
    /// <summary>Outside, between subtitle and plot.</summary>
    Top,
    /// <summary>No legend.</summary>
    None,
}

/// <summary>One axis of a panel: label, limits, format, and category names when categorical.</summary>
public sealed record Axis
{
    /// <summary>Axis title.</summary>
    public string? Label { get; init; }

    /// <summary>Fixed lower limit; null fits the data.</summary>
    public double? Min { get; init; }

    /// <summary>Fixed upper limit; null fits the data.</summary>
    public double? Max { get; init; }

    /// <summary>Tick label format.</summary>
    public NumberFormat Format { get; init; } = NumberFormat.Auto;

    /// <summary>Category names: category i sits at position i (on a y axis, the first category is at the top).</summary>
    public IReadOnlyList<string>? Categories { get; init; }

    /// <summary>Categories drawn in bold (group headers in a forest plot).</summary>
    public IReadOnlySet<string>? Emphasised { get; init; }

    /// <summary>Tick step; null picks a nice one.</summary>
    public double? TickStep { get; init; }

    /// <summary>Only integer ticks (event time, years).</summary>
    public bool IntegerTicks { get; init; }

    /// <summary>Always include zero in the range.</summary>
    public bool IncludeZero { get; init; }

    /// <summary>Fraction of the data range added at each end (ignored where bars anchor the axis at zero).</summary>
    public double Padding { get; init; } = 0.05;

    /// <summary>Left-align category labels at the panel edge (forest plots); leading spaces indent.</summary>
    public bool CategoryLabelsLeft { get; init; }

    /// <summary>Draw gridlines at the ticks of this axis.</summary>
    public bool Grid { get; init; }

    /// <summary>Whether the axis is categorical.</summary>
    public bool IsCategorical => Categories is not null;
}

/// <summary>
/// One plotting area with its axes and layers. Immutable: every fluent call returns a new panel, so a
/// panel can be shared, inspected in a notebook, or tested as data. (Named PlotPanel so it never clashes with
/// the data type <c>AllianceResearch.Data.Panel</c> in a notebook that imports both.)
/// </summary>
public sealed record PlotPanel
{
    /// <summary>Panel title (used for facets).</summary>
    public string? TitleText { get; init; }

    /// <summary>The horizontal axis.</summary>
    public Axis X { get; init; } = new();

    /// <summary>The vertical axis.</summary>
    public Axis Y { get; init; } = new() { Grid = true };

    /// <summary>Layers in drawing order (later layers on top).</summary>
    public IReadOnlyList<Layer> Layers { get; init; } = [];

    /// <summary>How bar layers share categories.</summary>
    public BarMode BarMode { get; init; } = BarMode.Grouped;

    /// <summary>Adds any layer.</summary>
    public PlotPanel Add(Layer layer) => this with { Layers = [.. Layers, layer ?? throw new ArgumentNullException(nameof(layer))] };

    /// <summary>Sets the panel title.</summary>
    public PlotPanel Title(string title) => this with { TitleText = title };

    /// <summary>Sets the x-axis title.</summary>
    public PlotPanel XLabel(string label) => this with { X = X with { Label = label } };

    /// <summary>Sets the y-axis title.</summary>
    public PlotPanel YLabel(string label) => this with { Y = Y with { Label = label } };

    /// <summary>Sets the x tick format.</summary>
    public PlotPanel XFormat(NumberFormat format) => this with { X = X with { Format = format } };

    /// <summary>Sets the y tick format.</summary>
    public PlotPanel YFormat(NumberFormat format) => this with { Y = Y with { Format = format } };

    /// <summary>Fixes the x range (either end may be null to fit the data).</summary>
    public PlotPanel XLimits(double? min, double? max) => this with { X = X with { Min = min, Max = max } };

    /// <summary>Fixes the y range (either end may be null to fit the data).</summary>
    public PlotPanel YLimits(double? min, double? max) => this with { Y = Y with { Min = min, Max = max } };

    /// <summary>Replaces the x axis through a function (<c>a => a with { ... }</c>).</summary>
    public PlotPanel XAxis(Func<Axis, Axis> edit) => this with { X = edit(X) };

    /// <summary>Replaces the y axis through a function.</summary>
    public PlotPanel YAxis(Func<Axis, Axis> edit) => this with { Y = edit(Y) };

    /// <summary>Sets how bar layers share a category.</summary>
    public PlotPanel Bars(BarMode mode) => this with { BarMode = mode };

    /// <summary>Adds a line.</summary>
    public PlotPanel Line(IEnumerable<double> x, IEnumerable<double> y, string? label = null, SeriesStyle? style = null, bool markers = false) =>
        Add(new LineLayer(x, y) { Label = label, Style = style ?? new(), Markers = markers });

    /// <summary>Adds a confidence ribbon; give it the line's label as <paramref name="series"/> to share its colour.</summary>
    public PlotPanel Ribbon(IEnumerable<double> x, IEnumerable<double> low, IEnumerable<double> high, string? series = null, string? label = null, SeriesStyle? style = null) =>
        Add(new RibbonLayer(x, low, high) { Series = series ?? label, Label = label, Style = style ?? new() });

    /// <summary>Adds points.</summary>
    public PlotPanel Scatter(IEnumerable<double> x, IEnumerable<double> y, string? label = null, SeriesStyle? style = null) =>
        Add(new ScatterLayer(x, y) { Label = label, Style = style ?? new() });

    /// <summary>Adds bars at numeric positions (e.g. years).</summary>
    public PlotPanel Bar(IEnumerable<double> positions, IEnumerable<double> values, string? label = null, SeriesStyle? style = null, Orientation orientation = Orientation.Vertical) =>
        Add(new BarLayer(positions, values) { Label = label, Style = style ?? new(), Orientation = orientation });

    /// <summary>Adds bars over named categories, making the category axis categorical (categories merge in order of first use).</summary>
    public PlotPanel Bar(IEnumerable<string> categories, IEnumerable<double> values, string? label = null, SeriesStyle? style = null, Orientation orientation = Orientation.Vertical)
    {
        var cats = categories.ToArray();
        var horizontal = orientation == Orientation.Horizontal;
        var (panel, pos) = horizontal ? WithYCategories(cats) : WithXCategories(cats);
        return panel.Add(new BarLayer(pos, values) { Label = label, Style = style ?? new(), Orientation = orientation });
    }

    /// <summary>Adds vertical point-and-whisker intervals (event-study style).</summary>
    public PlotPanel Interval(IEnumerable<double> x, IEnumerable<double> y, IEnumerable<double> low, IEnumerable<double> high, string? label = null, SeriesStyle? style = null) =>
        Add(new IntervalLayer(x, y, low, high) { Label = label, Style = style ?? new() });

    /// <summary>Adds a horizontal line at y (e.g. zero).</summary>
    public PlotPanel HLine(double y, string? annotation = null, SeriesStyle? style = null) =>
        Add(new ReferenceLineLayer(y, Orientation.Horizontal) { Annotation = annotation, Style = style ?? new() });

    /// <summary>Adds a vertical line at x (e.g. the treatment date).</summary>
    public PlotPanel VLine(double x, string? annotation = null, SeriesStyle? style = null) =>
        Add(new ReferenceLineLayer(x, Orientation.Vertical) { Annotation = annotation, Style = style ?? new() });

    /// <summary>Shades the x range [from, to] (infinite ends run to the edge).</summary>
    public PlotPanel VSpan(double from, double to, string? annotation = null, string fill = "#F2F2F2") =>
        Add(new SpanLayer(from, to, Orientation.Vertical) { Annotation = annotation, Fill = fill });

    /// <summary>Shades the y range [from, to].</summary>
    public PlotPanel HSpan(double from, double to, string? annotation = null, string fill = "#F2F2F2") =>
        Add(new SpanLayer(from, to, Orientation.Horizontal) { Annotation = annotation, Fill = fill });

    /// <summary>Writes text at data coordinates.</summary>
    public PlotPanel Text(double x, double y, string text, string anchor = "start") => Add(new TextLayer(x, y, text) { Anchor = anchor });

    /// <summary>Sets categorical x categories explicitly (fixes their order).</summary>
    public PlotPanel XCategories(IEnumerable<string> categories) => this with { X = X with { Categories = Distinct(categories, "x") } };

    /// <summary>Sets categorical y categories explicitly (first at the top).</summary>
    public PlotPanel YCategories(IEnumerable<string> categories) => this with { Y = Y with { Categories = Distinct(categories, "y"), Grid = false } };

    /// <summary>Merges <paramref name="cats"/> into the x categories and returns their positions.</summary>
    public (PlotPanel Panel, double[] Positions) WithXCategories(IReadOnlyList<string> cats)
    {
        var merged = Merge(X.Categories, cats);
        return (this with { X = X with { Categories = merged } }, cats.Select(c => (double)IndexOf(merged, c)).ToArray());
    }

    /// <summary>Merges <paramref name="cats"/> into the y categories and returns their positions.</summary>
    public (PlotPanel Panel, double[] Positions) WithYCategories(IReadOnlyList<string> cats)
    {
        var merged = Merge(Y.Categories, cats);
        return (this with { Y = Y with { Categories = merged, Grid = false }, X = X with { Grid = true } }, cats.Select(c => (double)IndexOf(merged, c)).ToArray());
    }

    private static IReadOnlyList<string> Merge(IReadOnlyList<string>? existing, IReadOnlyList<string> add)
    {
        var list = existing?.ToList() ?? [];
        foreach (var c in add)
        {
            ArgumentNullException.ThrowIfNull(c, "category");
            if (!list.Contains(c)) list.Add(c);
        }
        return list;
    }

    private static int IndexOf(IReadOnlyList<string> list, string c)
    {
        for (var i = 0; i < list.Count; i++) if (list[i] == c) return i;
        return -1;
    }

    private static IReadOnlyList<string> Distinct(IEnumerable<string> categories, string axis)
    {
        var list = categories.ToList();
        var dup = list.GroupBy(c => c).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new ArgumentException($"Category '{dup.Key}' appears twice on the {axis} axis; categories must be unique.");
        return list;
    }
}

/// <summary>
/// A figure: title, subtitle, caption, one or more panels (a grid of facets), a legend and a theme.
/// Immutable and fluent (<c>Figure.Create(720, 440).Title("…").Panel(p =&gt; p.Line(x, y, "TWFE"))</c>);
/// <see cref="ToSvg"/> draws it. Notebooks display it as image/svg+xml.
/// </summary>
[TypeFormatterSource(typeof(LibraryFormatterSource), PreferredMimeTypes = ["image/svg+xml"])]
public sealed record Figure : ISvgRenderable
{
    /// <summary>Width in px.</summary>
    public double Width { get; init; } = 720;

    /// <summary>Height in px.</summary>
    public double Height { get; init; } = 440;

    /// <summary>Title (bold, top left).</summary>
    public string? TitleText { get; init; }

    /// <summary>Subtitle under the title.</summary>
    public string? SubtitleText { get; init; }

    /// <summary>Caption under the plot: source and notes.</summary>
    public string? CaptionText { get; init; }

    /// <summary>Accessible description written to the SVG &lt;desc&gt;; defaults to a summary of the panels.</summary>
    public string? DescriptionText { get; init; }

    /// <summary>Panels in reading order.</summary>
    public IReadOnlyList<PlotPanel> Panels { get; init; } = [];

    /// <summary>Grid columns for several panels; null picks a near-square grid.</summary>
    public int? Columns { get; init; }

    /// <summary>All panels use one x range (small multiples).</summary>
    public bool ShareX { get; init; }

    /// <summary>All panels use one y range (small multiples).</summary>
    public bool ShareY { get; init; }

    /// <summary>Legend placement.</summary>
    public LegendPosition LegendPosition { get; init; } = LegendPosition.Auto;

    /// <summary>Optional legend heading.</summary>
    public string? LegendTitle { get; init; }

    /// <summary>Fonts, palette and print mode.</summary>
    public Theme Theme { get; init; } = Theme.Default;

    /// <summary>A figure of the given size in px.</summary>
    public static Figure Create(double width = 720, double height = 440)
    {
        if (!(width >= 100 && width <= 10000) || !(height >= 80 && height <= 10000))
            throw new ArgumentOutOfRangeException(nameof(width), $"Figure size {width}×{height} px is outside 100–10000 × 80–10000.");
        return new Figure { Width = width, Height = height };
    }

    /// <summary>A figure sized in inches at <paramref name="dpi"/> (96 = CSS px; 6.5 in is a journal text width).</summary>
    public static Figure CreateInches(double widthInches, double heightInches, double dpi = 96)
    {
        if (!(dpi > 0)) throw new ArgumentOutOfRangeException(nameof(dpi), dpi, "DPI must be positive.");
        return Create(widthInches * dpi, heightInches * dpi);
    }

    /// <summary>Sets the title.</summary>
    public Figure Title(string title) => this with { TitleText = title };

    /// <summary>Sets the subtitle.</summary>
    public Figure Subtitle(string subtitle) => this with { SubtitleText = subtitle };

    /// <summary>Sets the caption (source, notes).</summary>
    public Figure Caption(string caption) => this with { CaptionText = caption };

    /// <summary>Sets the accessible description.</summary>
    public Figure Description(string description) => this with { DescriptionText = description };

    /// <summary>Adds a panel built from an empty one.</summary>
    public Figure Panel(Func<PlotPanel, PlotPanel> build) => this with { Panels = [.. Panels, build(new PlotPanel())] };

    /// <summary>Adds a titled panel (a facet).</summary>
    public Figure Panel(string title, Func<PlotPanel, PlotPanel> build) => this with { Panels = [.. Panels, build(new PlotPanel().Title(title))] };

    /// <summary>Adds a ready panel.</summary>
    public Figure Panel(PlotPanel panel) => this with { Panels = [.. Panels, panel ?? throw new ArgumentNullException(nameof(panel))] };

    /// <summary>Edits every panel (e.g. set one axis label on all facets).</summary>
    public Figure EachPanel(Func<PlotPanel, PlotPanel> edit) => this with { Panels = Panels.Select(edit).ToArray() };

    /// <summary>Lays panels out in <paramref name="columns"/> columns.</summary>
    public Figure Grid(int columns) =>
        columns < 1 ? throw new ArgumentOutOfRangeException(nameof(columns), columns, "A grid needs at least one column.") : this with { Columns = columns };

    /// <summary>Makes facets share axis ranges.</summary>
    public Figure ShareAxes(bool x = true, bool y = true) => this with { ShareX = x, ShareY = y };

    /// <summary>Places the legend.</summary>
    public Figure Legend(LegendPosition position, string? title = null) => this with { LegendPosition = position, LegendTitle = title ?? LegendTitle };

    /// <summary>Changes the theme.</summary>
    public Figure WithTheme(Theme theme) => this with { Theme = theme ?? throw new ArgumentNullException(nameof(theme)) };

    /// <summary>Switches to the print-safe greyscale theme (dashes, markers, hatching).</summary>
    public Figure Greyscale() => WithTheme(Theme.Greyscale);

    /// <summary>Resizes in px.</summary>
    public Figure Size(double width, double height)
    {
        var sized = Create(width, height);
        return this with { Width = sized.Width, Height = sized.Height };
    }

    /// <summary>The figure as a standalone SVG document (deterministic: same figure, same bytes).</summary>
    public string ToSvg() => FigureRenderer.Render(this);

    /// <summary>Writes the SVG atomically (temporary file, then move into place).</summary>
    public void SaveSvg(string path) => AtomicFile.WriteAllText(path, ToSvg());

    /// <summary>A one-line description.</summary>
    public override string ToString() =>
        $"Figure {Width:0}×{Height:0} px{(TitleText is null ? "" : $" \"{TitleText}\"")}, {Panels.Count} panel(s), {Panels.Sum(p => p.Layers.Count)} layer(s)";
}

/// <summary>Writes files so a reader never sees half a file: write a temporary sibling, then rename over the target.</summary>
public static class AtomicFile
{
    /// <summary>Writes UTF-8 text (no BOM) atomically.</summary>
    public static void WriteAllText(string path, string text) =>
        WriteAllBytes(path, new System.Text.UTF8Encoding(false).GetBytes(text));

    /// <summary>Writes bytes atomically.</summary>
    public static void WriteAllBytes(string path, byte[] bytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(dir)) throw new DirectoryNotFoundException($"Cannot write {full}: folder {dir} does not exist.");
        var tmp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllBytes(tmp, bytes);
            File.Move(tmp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }
    }
}
