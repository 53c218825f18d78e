namespace AllianceResearch.Presentation.Charts;

/// <summary>Stroke dash patterns; in the greyscale theme series cycle through them so print stays readable.</summary>
public enum LineDash
{
    /// <summary>Continuous line.</summary>
    Solid,
    /// <summary>Long dashes.</summary>
    Dashed,
    /// <summary>Dots.</summary>
    Dotted,
    /// <summary>Dash–dot.</summary>
    DashDot,
}

/// <summary>Point marker shapes.</summary>
public enum MarkerShape
{
    /// <summary>Filled circle.</summary>
    Circle,
    /// <summary>Filled square.</summary>
    Square,
    /// <summary>Filled upward triangle.</summary>
    Triangle,
    /// <summary>Filled diamond.</summary>
    Diamond,
    /// <summary>Hollow circle (white fill, coloured outline).</summary>
    OpenCircle,
    /// <summary>No marker.</summary>
    None,
}

/// <summary>Fill patterns for bars, so greyscale prints distinguish series without colour.</summary>
public enum FillPattern
{
    /// <summary>Solid fill.</summary>
    Solid,
    /// <summary>Diagonal hatching.</summary>
    Diagonal,
    /// <summary>Cross-hatching.</summary>
    Cross,
    /// <summary>Dots.</summary>
    Dots,
    /// <summary>Horizontal lines.</summary>
    Horizontal,
}

/// <summary>Colour palettes that stay distinguishable for colour-blind readers.</summary>
public static class Palettes
{
    /// <summary>Okabe–Ito (2008), reordered so the first colours are the most distinct on white.</summary>
    public static IReadOnlyList<string> OkabeIto { get; } =
        ["#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#000000", "#F0E442"];

    /// <summary>Greys from dark to light, for print; pair with dashes, markers and patterns.</summary>
    public static IReadOnlyList<string> Greys { get; } =
        ["#1A1A1A", "#6B6B6B", "#3D3D3D", "#9A9A9A", "#555555", "#BBBBBB"];
}

/// <summary>Sequential or diverging colour ramps for heatmaps.</summary>
public enum ColorScale
{
    /// <summary>Viridis-like ramp, perceptually uniform and colour-blind safe.</summary>
    Viridis,
    /// <summary>White to blue, for counts and shares.</summary>
    Blues,
    /// <summary>Blue – white – vermillion around a midpoint (signed effects).</summary>
    Diverging,
    /// <summary>White to black, for print.</summary>
    Greys,
}

/// <summary>
/// Visual settings shared by every chart: fonts, sizes, palette and print mode. Immutable; derive variants
/// with <c>with</c> or <see cref="Greyscale"/>.
/// </summary>
public sealed record Theme
{
    /// <summary>Latin faces first, then CJK faces, so Chinese labels find a glyph on Linux, macOS and Windows.</summary>
    public string FontFamily { get; init; } =
        "'Helvetica Neue', Helvetica, Arial, 'Noto Sans', 'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', sans-serif";

    /// <summary>Series colours in order of first appearance.</summary>
    public IReadOnlyList<string> Palette { get; init; } = Palettes.OkabeIto;

    /// <summary>True when series are told apart by dashes, markers and hatching as well as grey level.</summary>
    public bool PrintSafe { get; init; }

    /// <summary>Figure title size (px).</summary>
    public double TitleSize { get; init; } = 16;

    /// <summary>Subtitle size (px).</summary>
    public double SubtitleSize { get; init; } = 12.5;

    /// <summary>Axis label and panel title size (px).</summary>
    public double LabelSize { get; init; } = 12.5;

    /// <summary>Tick label and legend size (px).</summary>
    public double TickSize { get; init; } = 11.5;

    /// <summary>Caption (source note) size (px).</summary>
    public double CaptionSize { get; init; } = 10.5;

    /// <summary>Main text colour.</summary>
    public string TextColor { get; init; } = "#1F1F1F";

    /// <summary>Secondary text colour (subtitle, caption, tick labels).</summary>
    public string MutedColor { get; init; } = "#595959";

    /// <summary>Axis line and tick colour.</summary>
    public string AxisColor { get; init; } = "#333333";

    /// <summary>Gridline colour.</summary>
    public string GridColor { get; init; } = "#E6E6E6";

    /// <summary>Background colour.</summary>
    public string Background { get; init; } = "#FFFFFF";

    /// <summary>Default line width (px).</summary>
    public double LineWidth { get; init; } = 1.8;

    /// <summary>Default marker radius (px).</summary>
    public double MarkerSize { get; init; } = 3.6;

    /// <summary>Heatmap ramp when a layer does not choose one.</summary>
    public ColorScale Scale { get; init; } = ColorScale.Viridis;

    /// <summary>The default colour theme (Okabe–Ito).</summary>
    public static Theme Default { get; } = new();

    /// <summary>A theme for black-and-white print: greys, with series distinguished by dash, marker and hatching.</summary>
    public static Theme Greyscale { get; } = new() { Palette = Palettes.Greys, PrintSafe = true, Scale = ColorScale.Greys };

    internal string ColorAt(int i) => Palette[i % Palette.Count];

    // In colour, once the palette wraps the repeated colours get a new dash and marker, so series stay distinct.
    internal LineDash DashAt(int i) => PrintSafe ? (LineDash)(i % 4) : (LineDash)(i / Palette.Count % 4);

    internal MarkerShape MarkerAt(int i) => PrintSafe ? (MarkerShape)(i % 4) : (MarkerShape)(i / Palette.Count % 4);

    internal FillPattern PatternAt(int i) => PrintSafe ? (FillPattern)(i % 5) : FillPattern.Solid;
}

/// <summary>Per-series style overrides; null members fall back to the theme's choice for that series.</summary>
/// <param name="Color">CSS colour, e.g. "#0072B2".</param>
/// <param name="Dash">Dash pattern.</param>
/// <param name="Width">Line width in px.</param>
/// <param name="Marker">Marker shape.</param>
/// <param name="MarkerSize">Marker radius in px.</param>
/// <param name="Opacity">Fill opacity (ribbons, bars), 0–1.</param>
/// <param name="Pattern">Bar fill pattern.</param>
public sealed record SeriesStyle(
    string? Color = null, LineDash? Dash = null, double? Width = null, MarkerShape? Marker = null,
    double? MarkerSize = null, double? Opacity = null, FillPattern? Pattern = null);
