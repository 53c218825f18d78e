using System.Text;

namespace AllianceResearch.Presentation.Charts;

/// <summary>A rectangle in px.</summary>
internal readonly record struct Box(double X, double Y, double W, double H)
{
    public double Right => X + W;
    public double Bottom => Y + H;
    public bool Intersects(Box o) => X < o.Right && o.X < Right && Y < o.Bottom && o.Y < Bottom;
}

/// <summary>Maps data values to px along one axis.</summary>
internal sealed record Scale(double D0, double D1, double R0, double R1)
{
    public double Map(double v) => R0 + (v - D0) / (D1 - D0) * (R1 - R0);
    public double PxPerUnit => Math.Abs((R1 - R0) / (D1 - D0));
}

/// <summary>A resolved bar: rectangle in axis units after grouping/stacking.</summary>
internal readonly record struct BarRect(int Layer, int Index, double P0, double P1, double V0, double V1, Orientation Orientation);

/// <summary>
/// Turns a <see cref="Figure"/> into SVG: measures text, lays out title, legend, colour bar and the panel grid,
/// fits scales, then draws layers. All decisions are deterministic functions of the figure.
/// </summary>
internal static class FigureRenderer
{
    private const double Pad = 14;
    private const double TickLen = 4;
    private const double LegendGlyph = 24;

    public static string Render(Figure f)
    {
        var t = f.Theme;
        var w = new SvgWriter();
        var id = SvgWriter.IdToken;
        var series = SeriesIndex(f);
        var legend = LegendEntries(f, series);

        w.Open("svg", $"xmlns=\"http://www.w3.org/2000/svg\" width=\"{SvgWriter.Num(f.Width)}\" height=\"{SvgWriter.Num(f.Height)}\" " +
                      $"viewBox=\"0 0 {SvgWriter.Num(f.Width)} {SvgWriter.Num(f.Height)}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" " +
                      $"font-family=\"{SvgWriter.Escape(t.FontFamily)}\"");
        w.Raw($"<title id=\"{id}-title\">{SvgWriter.Escape(f.TitleText ?? "Chart")}</title>");
        w.Raw($"<desc id=\"{id}-desc\">{SvgWriter.Escape(f.DescriptionText ?? Describe(f))}</desc>");
        WriteDefs(w, f, series);
        w.Rect(0, 0, f.Width, f.Height, t.Background);

        // Header.
        var y = Pad;
        var textWidth = f.Width - 2 * Pad;
        if (f.TitleText is not null)
        {
            foreach (var line in TextMetrics.Wrap(f.TitleText, t.TitleSize, textWidth, bold: true))
            {
                y += t.TitleSize * 1.05;
                w.Text(Pad, y, line, t.TitleSize, fill: t.TextColor, extra: "font-weight=\"700\"");
                y += t.TitleSize * 0.25;
            }
            y += 2;
        }
        if (f.SubtitleText is not null)
        {
            foreach (var line in TextMetrics.Wrap(f.SubtitleText, t.SubtitleSize, textWidth))
            {
                y += t.SubtitleSize * 1.05;
                w.Text(Pad, y, line, t.SubtitleSize, fill: t.MutedColor);
                y += t.SubtitleSize * 0.3;
            }
        }
        if (f.TitleText is not null || f.SubtitleText is not null) y += 8;

        // Footer (caption).
        var bottom = f.Height - Pad * 0.7;
        if (f.CaptionText is not null)
        {
            var lines = TextMetrics.Wrap(f.CaptionText, t.CaptionSize, textWidth);
            var lh = t.CaptionSize * 1.3;
            bottom -= lines.Count * lh;
            for (var i = 0; i < lines.Count; i++)
                w.Text(Pad, bottom + (i + 1) * lh - t.CaptionSize * 0.25, lines[i], t.CaptionSize, fill: t.MutedColor);
            bottom -= 6;
        }

        var heatmaps = f.Panels.SelectMany(p => p.Layers.OfType<HeatmapLayer>()).ToList();
        var colorBarWidth = heatmaps.Count > 0 ? ColorBarWidth(heatmaps[0], t) : 0;
        var region = new Box(Pad * 0.6, y, f.Width - Pad * 0.6 - Pad - colorBarWidth, bottom - y);

        // Legend placement: try inside the emptiest corner first, fall back outside.
        var position = legend.Count == 0 ? LegendPosition.None : f.LegendPosition;
        var legendSize = MeasureLegendColumn(legend, f.LegendTitle, t);
        List<PanelGeometry> layout;
        Box? legendBox = null;
        var horizontalLegend = false;
        if (position == LegendPosition.Auto)
        {
            layout = Layout(f, region, series);
            if (f.Panels.Count == 1 && TryInsideCorner(layout[0], legendSize, f, series, out var corner))
            {
                legendBox = corner;
            }
            else
            {
                position = f.Panels.Count == 1 && legendSize.W < f.Width * 0.28 ? LegendPosition.Right : LegendPosition.Bottom;
            }
        }
        if (legendBox is null && position is LegendPosition.Right)
        {
            var r = region with { W = region.W - legendSize.W - 10 };
            layout = Layout(f, r, series);
            legendBox = new Box(r.Right + 10, layout[0].Plot.Y, legendSize.W, legendSize.H);
        }
        else if (legendBox is null && position is LegendPosition.Bottom or LegendPosition.Top)
        {
            horizontalLegend = true;
            var rows = FlowLegend(legend, f.LegendTitle, t, region.W);
            var h = rows.Height;
            var r = position == LegendPosition.Bottom ? region with { H = region.H - h - 6 } : region with { Y = region.Y + h + 4, H = region.H - h - 4 };
            layout = Layout(f, r, series);
            var legendY = position == LegendPosition.Bottom ? r.Bottom + 6 : region.Y;
            legendBox = new Box(layout[0].Plot.X, legendY, rows.Width, h);
        }
        else if (legendBox is null)
        {
            layout = Layout(f, region, series);
        }
        else
        {
            layout = Layout(f, region, series);
        }

        for (var i = 0; i < layout.Count; i++) DrawPanel(w, f, layout[i], i, series);

        if (legendBox is { } lb)
        {
            if (horizontalLegend) DrawLegendRows(w, f, legend, lb, series);
            else DrawLegendColumn(w, f, legend, lb, series, inside: position == LegendPosition.Auto);
        }

        if (heatmaps.Count > 0)
        {
            var plot = layout[f.Panels.ToList().FindIndex(p => p.Layers.OfType<HeatmapLayer>().Any())].Plot;
            DrawColorBar(w, heatmaps[0], t, new Box(f.Width - Pad - colorBarWidth + 12, plot.Y, colorBarWidth - 12, Math.Min(plot.H, 220)));
        }

        w.Close("svg");
        return w.Finish("ar");
    }

    // ---------- series, legend ----------

    private static Dictionary<string, int> SeriesIndex(Figure f)
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var p = 0; p < f.Panels.Count; p++)
        {
            var layers = f.Panels[p].Layers;
            for (var l = 0; l < layers.Count; l++)
            {
                if (layers[l] is ReferenceLineLayer or SpanLayer or TextLayer or HeatmapLayer) continue;
                // An unlabelled layer with its own colour (a 45° guide, connectors) must not use up a palette colour.
                if (layers[l].SeriesKey is null && layers[l].Style.Color is not null) continue;
                var key = Key(layers[l], p, l);
                if (!map.ContainsKey(key)) map[key] = map.Count;
            }
        }
        return map;
    }

    private static string Key(Layer layer, int panel, int index) => layer.SeriesKey ?? $"\u0001{panel}:{index}";

    private sealed record LegendEntry(string Label, List<Layer> Layers, string Key);

    private static List<LegendEntry> LegendEntries(Figure f, Dictionary<string, int> series)
    {
        var entries = new List<LegendEntry>();
        for (var p = 0; p < f.Panels.Count; p++)
        {
            var layers = f.Panels[p].Layers;
            for (var l = 0; l < layers.Count; l++)
            {
                var layer = layers[l];
                if (layer.Label is null || layer is ReferenceLineLayer or SpanLayer or TextLayer or HeatmapLayer) continue;
                var existing = entries.Find(e => e.Label == layer.Label);
                if (existing is null) entries.Add(new LegendEntry(layer.Label, [layer], Key(layer, p, l)));
                else existing.Layers.Add(layer);
            }
        }
        return entries;
    }

    private static Box MeasureLegendColumn(List<LegendEntry> entries, string? title, Theme t)
    {
        if (entries.Count == 0) return default;
        var width = entries.Max(e => TextMetrics.Width(e.Label, t.TickSize)) + LegendGlyph + 8 + 12;
        var height = entries.Count * (t.TickSize * 1.6) + 10;
        if (title is not null)
        {
            width = Math.Max(width, TextMetrics.Width(title, t.TickSize, true) + 12);
            height += t.TickSize * 1.6;
        }
        return new Box(0, 0, width, height);
    }

    private sealed record LegendFlow(double Width, double Height, List<(int Entry, double X, int Row)> Slots);

    private static LegendFlow FlowLegend(List<LegendEntry> entries, string? title, Theme t, double maxWidth)
    {
        var slots = new List<(int, double, int)>();
        var x = title is null ? 0 : TextMetrics.Width(title, t.TickSize, true) + 12;
        var row = 0;
        var widest = 0.0;
        for (var i = 0; i < entries.Count; i++)
        {
            var ew = LegendGlyph + 6 + TextMetrics.Width(entries[i].Label, t.TickSize) + 18;
            if (x + ew > maxWidth && x > 0)
            {
                row++;
                x = title is null ? 0 : TextMetrics.Width(title, t.TickSize, true) + 12;
            }
            slots.Add((i, x, row));
            x += ew;
            widest = Math.Max(widest, x);
        }
        return new LegendFlow(widest, (row + 1) * t.TickSize * 1.7 + 2, slots);
    }

    private static bool TryInsideCorner(PanelGeometry g, Box size, Figure f, Dictionary<string, int> series, out Box box)
    {
        var occupied = Occupancy(g);
        var plot = g.Plot;
        const double inset = 6;
        var candidates = new[]
        {
            new Box(plot.Right - size.W - inset, plot.Y + inset, size.W, size.H),
            new Box(plot.X + inset, plot.Y + inset, size.W, size.H),
            new Box(plot.Right - size.W - inset, plot.Bottom - size.H - inset, size.W, size.H),
            new Box(plot.X + inset, plot.Bottom - size.H - inset, size.W, size.H),
        };
        foreach (var c in candidates)
        {
            if (c.W > plot.W * 0.45 || c.H > plot.H * 0.6) break;
            if (!occupied.Any(o => o.Intersects(c)))
            {
                box = c;
                return true;
            }
        }
        box = default;
        return false;
    }

    /// <summary>Boxes covered by data marks, sampled finely enough to keep a legend off lines and bands.</summary>
    private static List<Box> Occupancy(PanelGeometry g)
    {
        var boxes = new List<Box>();
        void Point(double x, double y, double r = 5)
        {
            if (double.IsFinite(x) && double.IsFinite(y)) boxes.Add(new Box(x - r, y - r, 2 * r, 2 * r));
        }
        void Seg(double x1, double y1, double x2, double y2)
        {
            if (!double.IsFinite(x1 + y1 + x2 + y2)) return;
            var n = (int)Math.Clamp(Math.Sqrt((x2 - x1) * (x2 - x1) + (y2 - y1) * (y2 - y1)) / 6, 1, 400);
            for (var k = 0; k <= n; k++) Point(x1 + (x2 - x1) * k / n, y1 + (y2 - y1) * k / n, 3);
        }
        var sx = g.XScale;
        var sy = g.YScale;
        foreach (var layer in g.Panel.Layers)
        {
            switch (layer)
            {
                case LineLayer l:
                    for (var i = 1; i < l.X.Count; i++) Seg(sx.Map(l.X[i - 1]), sy.Map(l.Y[i - 1]), sx.Map(l.X[i]), sy.Map(l.Y[i]));
                    for (var i = 0; i < l.X.Count; i++) Point(sx.Map(l.X[i]), sy.Map(l.Y[i]));
                    break;
                case ScatterLayer s:
                    for (var i = 0; i < s.X.Count; i++) Point(sx.Map(s.X[i]), sy.Map(s.Y[i]));
                    break;
                case RibbonLayer r:
                    for (var i = 0; i < r.X.Count; i++)
                    {
                        var x = sx.Map(r.X[i]);
                        var y1 = sy.Map(r.High[i]);
                        var y2 = sy.Map(r.Low[i]);
                        if (double.IsFinite(x + y1 + y2)) boxes.Add(new Box(x - 6, Math.Min(y1, y2), 12, Math.Abs(y2 - y1)));
                    }
                    for (var i = 1; i < r.X.Count; i++)
                    {
                        Seg(sx.Map(r.X[i - 1]), sy.Map(r.High[i - 1]), sx.Map(r.X[i]), sy.Map(r.High[i]));
                        Seg(sx.Map(r.X[i - 1]), sy.Map(r.Low[i - 1]), sx.Map(r.X[i]), sy.Map(r.Low[i]));
                    }
                    break;
                case IntervalLayer iv:
                    for (var i = 0; i < iv.Position.Count; i++)
                    {
                        var lo = double.IsFinite(iv.Low[i]) ? iv.Low[i] : iv.Value[i];
                        var hi = double.IsFinite(iv.High[i]) ? iv.High[i] : iv.Value[i];
                        if (iv.Orientation == Orientation.Vertical) Seg(sx.Map(iv.Position[i]), sy.Map(lo), sx.Map(iv.Position[i]), sy.Map(hi));
                        else Seg(sx.Map(lo), sy.Map(iv.Position[i]), sx.Map(hi), sy.Map(iv.Position[i]));
                    }
                    break;
                case SegmentLayer sg:
                    for (var i = 0; i < sg.X1.Count; i++) Seg(sx.Map(sg.X1[i]), sy.Map(sg.Y1[i]), sx.Map(sg.X2[i]), sy.Map(sg.Y2[i]));
                    break;
                case TextLayer tx:
                    Point(sx.Map(tx.X), sy.Map(tx.Y), 12);
                    break;
                case HeatmapLayer:
                    boxes.Add(g.Plot);
                    break;
                case SpanLayer { Annotation: not null } sp when sp.Orientation == Orientation.Vertical:
                    var x0 = double.IsNegativeInfinity(sp.From) ? g.Plot.X : sx.Map(sp.From);
                    var x1 = double.IsPositiveInfinity(sp.To) ? g.Plot.Right : sx.Map(sp.To);
                    boxes.Add(new Box((x0 + x1) / 2 - 50, g.Plot.Y, 100, 22));
                    break;
                case ReferenceLineLayer { Annotation: not null } rl:
                    if (rl.Orientation == Orientation.Vertical) boxes.Add(new Box(sx.Map(rl.Value), g.Plot.Y, 80, 22));
                    else boxes.Add(new Box(g.Plot.Right - 80, sy.Map(rl.Value) - 18, 80, 18));
                    break;
            }
        }
        foreach (var b in g.Bars)
        {
            var (x0, x1, y0, y1) = b.Orientation == Orientation.Vertical
                ? (sx.Map(b.P0), sx.Map(b.P1), sy.Map(b.V0), sy.Map(b.V1))
                : (sx.Map(b.V0), sx.Map(b.V1), sy.Map(b.P0), sy.Map(b.P1));
            boxes.Add(new Box(Math.Min(x0, x1), Math.Min(y0, y1) - 14, Math.Abs(x1 - x0), Math.Abs(y1 - y0) + 14));
        }
        return boxes;
    }

    // ---------- layout ----------

    private sealed record PanelGeometry(PlotPanel Panel, Box Cell, Box Plot, Scale XScale, Scale YScale,
        IReadOnlyList<double> XTicks, IReadOnlyList<double> YTicks, double XStep, double YStep,
        bool ShowXTickLabels, bool ShowYTickLabels, bool ShowXLabel, bool ShowYLabel,
        IReadOnlyList<BarRect> Bars, IReadOnlyList<IReadOnlyList<string>> XCategoryLines, IReadOnlyList<IReadOnlyList<string>> YCategoryLines);

    private static List<PanelGeometry> Layout(Figure f, Box region, Dictionary<string, int> series)
    {
        var t = f.Theme;
        var n = Math.Max(1, f.Panels.Count);
        var cols = f.Columns ?? (n <= 3 ? n : (int)Math.Ceiling(Math.Sqrt(n)));
        cols = Math.Min(cols, n);
        var rows = (int)Math.Ceiling(n / (double)cols);
        const double hgap = 18, vgap = 14;
        var cellW = (region.W - (cols - 1) * hgap) / cols;
        var cellH = (region.H - (rows - 1) * vgap) / rows;
        if (cellW < 60 || cellH < 50)
            throw new InvalidOperationException($"Figure {f.Width:0}×{f.Height:0} px is too small for {n} panel(s) in a {rows}×{cols} grid with its title, legend and caption; enlarge it or use fewer panels.");

        var bars = f.Panels.Select(ResolveBars).ToList();
        var xExt = f.Panels.Select((p, i) => RawExtent(p, bars[i], horizontal: true)).ToList();
        var yExt = f.Panels.Select((p, i) => RawExtent(p, bars[i], horizontal: false)).ToList();
        if (f.ShareX && f.Panels.All(p => !p.X.IsCategorical)) Unify(xExt);
        if (f.ShareY && f.Panels.All(p => !p.Y.IsCategorical)) Unify(yExt);
        var xDomains = f.Panels.Select((p, i) => PadExtent(p.X, xExt[i])).ToList();
        var yDomains = f.Panels.Select((p, i) => PadExtent(p.Y, yExt[i])).ToList();

        // Ticks first (they decide the margins), margins shared by all panels so plot areas align.
        var yTicks = new List<(IReadOnlyList<double> Ticks, double Step)>();
        var xTicks = new List<(IReadOnlyList<double> Ticks, double Step)>();
        for (var i = 0; i < f.Panels.Count; i++)
        {
            var p = f.Panels[i];
            yTicks.Add(Ticks(p.Y, yDomains[i], (int)Math.Clamp(cellH / 70, 3, 8)));
            xTicks.Add(Ticks(p.X, xDomains[i], (int)Math.Clamp(cellW / 95, 3, 10)));
        }

        var anyPanelTitle = f.Panels.Any(p => p.TitleText is not null);
        var anyXLabel = f.Panels.Any(p => p.X.Label is not null);
        var anyYLabel = f.Panels.Any(p => p.Y.Label is not null);

        // Categorical y labels may wrap to at most 40% of the cell width.
        var yCatMax = cellW * (f.Panels.Any(p => p.Y.CategoryLabelsLeft) ? 0.48 : 0.4);
        var yCatLines = f.Panels.Select(p => p.Y.Categories?.Select(c => Indented(TextMetrics.Wrap(c.TrimStart(' '), t.TickSize, yCatMax - (c.Length - c.TrimStart(' ').Length) * 6, IsEmph(p.Y, c)), c.Length - c.TrimStart(' ').Length)).ToList()
                                              ?? new List<IReadOnlyList<string>>()).ToList();
        var leftTickW = 0.0;
        for (var i = 0; i < f.Panels.Count; i++)
        {
            var p = f.Panels[i];
            if (p.Y.IsCategorical)
                leftTickW = Math.Max(leftTickW, yCatLines[i].Count == 0 ? 0 : yCatLines[i].Max(ls => ls.Max(l =>
                    TextMetrics.Width(l.TrimStart(' '), t.TickSize, true) + (p.Y.CategoryLabelsLeft ? (l.Length - l.TrimStart(' ').Length) * 6 + 8 : 0))));
            else
                leftTickW = Math.Max(leftTickW, yTicks[i].Ticks.Select(v => TextMetrics.Width(p.Y.Format.Format(v, yTicks[i].Step), t.TickSize)).DefaultIfEmpty(0).Max());
        }
        var left = leftTickW + TickLen + 5 + (anyYLabel ? t.LabelSize * 1.5 : 0);
        var top = anyPanelTitle ? t.LabelSize * 1.7 : 6;
        var right = 10.0;

        // Categorical x labels wrap to the band width.
        var plotWGuess = cellW - left - right;
        // Fewer x ticks when their labels would crowd: each label needs its width plus a gap of about two em.
        for (var i = 0; i < f.Panels.Count; i++)
        {
            var p = f.Panels[i];
            if (p.X.IsCategorical || p.X.TickStep is not null) continue;
            for (var target = (int)Math.Clamp(cellW / 95, 3, 10); target > 2; target--)
            {
                var tk = Ticks(p.X, xDomains[i], target);
                var need = tk.Ticks.Sum(v => TextMetrics.Width(p.X.Format.Format(v, tk.Step), t.TickSize) + 2 * t.TickSize);
                xTicks[i] = tk;
                if (need <= plotWGuess) break;
            }
        }
        var xCatLines = new List<List<IReadOnlyList<string>>>();
        var maxXLines = 1;
        for (var i = 0; i < f.Panels.Count; i++)
        {
            var p = f.Panels[i];
            var list = new List<IReadOnlyList<string>>();
            if (p.X.Categories is { } cats)
            {
                var band = plotWGuess / Math.Max(1, cats.Count) - 4;
                foreach (var c in cats) list.Add(TextMetrics.Wrap(c, t.TickSize, Math.Max(band, 30)));
                maxXLines = Math.Max(maxXLines, list.Count == 0 ? 1 : list.Max(l => l.Count));
            }
            else if (xTicks[i].Ticks.Count > 0)
            {
                var last = p.X.Format.Format(xTicks[i].Ticks[^1], xTicks[i].Step);
                right = Math.Max(right, TextMetrics.Width(last, t.TickSize) / 2 + 2);
            }
            xCatLines.Add(list);
        }
        var bottomMargin = TickLen + 4 + maxXLines * t.TickSize * 1.2 + (anyXLabel ? t.LabelSize * 1.6 : 0) + 2;

        var sharedYGrid = f.ShareY && cols > 1 && f.Panels.All(p => !p.Y.IsCategorical);
        var result = new List<PanelGeometry>();
        for (var i = 0; i < f.Panels.Count; i++)
        {
            var p = f.Panels[i];
            var r = i / cols;
            var c = i % cols;
            var cell = new Box(region.X + c * (cellW + hgap), region.Y + r * (cellH + vgap), cellW, cellH);
            var plot = new Box(cell.X + left, cell.Y + top, Math.Max(10, cellW - left - right), Math.Max(10, cellH - top - bottomMargin));
            if (sharedYGrid)
            {
                // Inner columns of shared-y facets carry no y labels, so they give their margin to the plots (equal widths).
                const double innerLeft = 6;
                var plotW = (region.W - left - (cols - 1) * (hgap + innerLeft) - cols * right) / cols;
                var plotX = region.X + left + c * (plotW + right + hgap + innerLeft);
                var margin = c == 0 ? left : innerLeft;
                cell = new Box(plotX - margin, cell.Y, plotW + margin + right, cellH);
                plot = plot with { X = plotX, W = Math.Max(10, plotW) };
            }
            var xs = new Scale(xDomains[i].Min, xDomains[i].Max, plot.X, plot.Right);
            var ys = p.Y.IsCategorical
                ? new Scale(yDomains[i].Min, yDomains[i].Max, plot.Y, plot.Bottom)
                : new Scale(yDomains[i].Min, yDomains[i].Max, plot.Bottom, plot.Y);
            var below = i + cols < f.Panels.Count;
            var showXTicks = !(f.ShareX && below);
            var showYTicks = !(f.ShareY && c > 0);
            result.Add(new PanelGeometry(p, cell, plot, xs, ys, xTicks[i].Ticks, yTicks[i].Ticks, xTicks[i].Step, yTicks[i].Step,
                showXTicks, showYTicks, !(f.ShareX && below) || !f.ShareX, !(f.ShareY && c > 0), bars[i], xCatLines[i], yCatLines[i]));
        }
        return result;
    }

    private static bool IsEmph(Axis a, string c) => a.Emphasised?.Contains(c) == true;

    /// <summary>Re-applies a label's leading-space indentation to every wrapped line.</summary>
    private static IReadOnlyList<string> Indented(IReadOnlyList<string> lines, int indent) =>
        indent == 0 ? lines : lines.Select(l => new string(' ', indent) + l).ToList();

    private static void Unify(List<Extent> extents)
    {
        if (extents.Count == 0) return;
        var all = new Extent(extents.Min(d => d.Min), extents.Max(d => d.Max), extents.Any(d => d.AnchoredZero), extents.Any(d => d.HasLabels), false);
        for (var i = 0; i < extents.Count; i++) extents[i] = all;
    }

    private static (IReadOnlyList<double> Ticks, double Step) Ticks(Axis axis, (double Min, double Max) d, int target)
    {
        if (axis.Categories is { } cats) return (Enumerable.Range(0, cats.Count).Select(i => (double)i).ToArray(), 1);
        var step = axis.TickStep ?? NiceTicks.Step(d.Min, d.Max, target, axis.IntegerTicks);
        return (NiceTicks.AtStep(d.Min, d.Max, step), step);
    }

    private static List<BarRect> ResolveBars(PlotPanel p)
    {
        var rects = new List<BarRect>();
        var free = new List<(int Index, BarLayer Layer)>();
        for (var l = 0; l < p.Layers.Count; l++)
        {
            if (p.Layers[l] is not BarLayer b) continue;
            if (b.Base is not null)
            {
                if (b.Base.Count != b.Value.Count) throw new ArgumentException($"Bars '{b.Label}': {b.Base.Count} bases for {b.Value.Count} values.");
                for (var i = 0; i < b.Value.Count; i++)
                    rects.Add(new BarRect(l, i, b.Position[i] - b.Width / 2, b.Position[i] + b.Width / 2, b.Base[i], b.Base[i] + b.Value[i], b.Orientation));
            }
            else free.Add((l, b));
        }
        if (free.Count == 0) return rects;
        switch (p.BarMode)
        {
            case BarMode.Grouped:
                for (var j = 0; j < free.Count; j++)
                {
                    var (l, b) = free[j];
                    var sub = b.Width / free.Count;
                    for (var i = 0; i < b.Value.Count; i++)
                    {
                        var p0 = b.Position[i] - b.Width / 2 + j * sub;
                        rects.Add(new BarRect(l, i, p0 + sub * 0.04, p0 + sub * 0.96, 0, b.Value[i], b.Orientation));
                    }
                }
                break;
            case BarMode.Stacked:
                var pos = new Dictionary<double, double>();
                var neg = new Dictionary<double, double>();
                foreach (var (l, b) in free)
                {
                    for (var i = 0; i < b.Value.Count; i++)
                    {
                        var v = b.Value[i];
                        if (double.IsNaN(v)) continue;
                        var acc = v >= 0 ? pos : neg;
                        acc.TryGetValue(b.Position[i], out var start);
                        acc[b.Position[i]] = start + v;
                        rects.Add(new BarRect(l, i, b.Position[i] - b.Width / 2, b.Position[i] + b.Width / 2, start, start + v, b.Orientation));
                    }
                }
                break;
            default:
                foreach (var (l, b) in free)
                    for (var i = 0; i < b.Value.Count; i++)
                        rects.Add(new BarRect(l, i, b.Position[i] - b.Width / 2, b.Position[i] + b.Width / 2, 0, b.Value[i], b.Orientation));
                break;
        }
        return rects;
    }

    /// <summary>The raw data extent of one axis, before padding.</summary>
    private sealed record Extent(double Min, double Max, bool AnchoredZero, bool HasLabels, bool Categorical);

    private static Extent RawExtent(PlotPanel p, IReadOnlyList<BarRect> bars, bool horizontal)
    {
        var axis = horizontal ? p.X : p.Y;
        if (axis.Categories is { } cats)
            return new Extent(-0.5, Math.Max(1, cats.Count) - 0.5, false, false, true);
        var values = new List<double>();
        var anchoredZero = false;
        void Add(IEnumerable<double> vs) { foreach (var v in vs) if (double.IsFinite(v)) values.Add(v); }
        foreach (var layer in p.Layers)
        {
            switch (layer)
            {
                case LineLayer l: Add(horizontal ? l.X : l.Y); break;
                case ScatterLayer s: Add(horizontal ? s.X : s.Y); break;
                case RibbonLayer r:
                    if (horizontal) Add(r.X); else { Add(r.Low); Add(r.High); }
                    break;
                case IntervalLayer iv:
                    var onPosition = (iv.Orientation == Orientation.Vertical) == horizontal;
                    if (onPosition) Add(iv.Position); else { Add(iv.Value); Add(iv.Low); Add(iv.High); }
                    break;
                case SegmentLayer sg:
                    if (horizontal) { Add(sg.X1); Add(sg.X2); } else { Add(sg.Y1); Add(sg.Y2); }
                    break;
                case ReferenceLineLayer rl:
                    if ((rl.Orientation == Orientation.Vertical) == horizontal) values.Add(rl.Value);
                    break;
                case SpanLayer sp:
                    if ((sp.Orientation == Orientation.Vertical) == horizontal)
                    {
                        if (double.IsFinite(sp.From)) values.Add(sp.From);
                        if (double.IsFinite(sp.To)) values.Add(sp.To);
                    }
                    break;
                case TextLayer tx: values.Add(horizontal ? tx.X : tx.Y); break;
                case HeatmapLayer hm:
                    values.Add(-0.5);
                    values.Add((horizontal ? hm.Columns : hm.Rows) - 0.5);
                    break;
            }
        }
        var hasLabels = false;
        foreach (var b in bars)
        {
            var layer = (BarLayer)p.Layers[b.Layer];
            hasLabels |= layer.ValueLabels is not null;
            var valueAxisIsThis = (b.Orientation == Orientation.Vertical) != horizontal;
            if (valueAxisIsThis)
            {
                Add([b.V0, b.V1]);
                anchoredZero = true;
            }
            else Add([b.P0, b.P1]);
        }
        if (axis.IncludeZero) values.Add(0);
        return values.Count == 0 ? new Extent(0, 1, anchoredZero, hasLabels, false) : new Extent(values.Min(), values.Max(), anchoredZero, hasLabels, false);
    }

    /// <summary>Pads an extent (5% by default, more room for value labels; bars keep their zero base) and applies fixed limits.</summary>
    private static (double Min, double Max) PadExtent(Axis axis, Extent e)
    {
        if (e.Categorical) return (axis.Min ?? e.Min, axis.Max ?? e.Max);
        var (min, max, anchoredZero, hasLabels) = (e.Min, e.Max, e.AnchoredZero, e.HasLabels);
        if (min == max)
        {
            var d = min == 0 ? 1 : Math.Abs(min) * 0.1;
            min -= d;
            max += d;
        }
        var span = max - min;
        var lo = min - span * axis.Padding;
        var hi = max + span * (hasLabels ? Math.Max(0.12, axis.Padding) : axis.Padding);
        if (anchoredZero && min >= 0 && min <= span * 1e-9) lo = 0;
        if (anchoredZero && max <= 0 && max >= -span * 1e-9 && !hasLabels) hi = 0;
        var dmin = axis.Min ?? lo;
        var dmax = axis.Max ?? hi;
        if (!(dmax > dmin)) throw new ArgumentException($"Axis '{axis.Label}' has limits [{dmin}, {dmax}]; the upper limit must exceed the lower.");
        return (dmin, dmax);
    }

    // ---------- drawing ----------

    private static void WriteDefs(SvgWriter w, Figure f, Dictionary<string, int> series)
    {
        var id = SvgWriter.IdToken;
        var t = f.Theme;
        w.Open("defs");
        w.Raw($"<marker id=\"{id}-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0L10,5L0,10Z\" fill=\"#4D4D4D\"/></marker>");
        if (t.PrintSafe)
        {
            foreach (var (_, idx) in series.OrderBy(kv => kv.Value))
            {
                var pattern = t.PatternAt(idx);
                if (pattern == FillPattern.Solid) continue;
                var color = t.ColorAt(idx);
                var light = ColorRamps.Lighten(color, 0.75);
                var body = pattern switch
                {
                    FillPattern.Diagonal => $"<rect width=\"6\" height=\"6\" fill=\"{light}\"/><path d=\"M0,6L6,0M-1,1L1,-1M5,7L7,5\" stroke=\"{color}\" stroke-width=\"1.2\"/>",
                    FillPattern.Cross => $"<rect width=\"6\" height=\"6\" fill=\"{light}\"/><path d=\"M0,6L6,0M0,0L6,6\" stroke=\"{color}\" stroke-width=\"0.9\"/>",
                    FillPattern.Dots => $"<rect width=\"6\" height=\"6\" fill=\"{light}\"/><circle cx=\"3\" cy=\"3\" r=\"1.3\" fill=\"{color}\"/>",
                    _ => $"<rect width=\"6\" height=\"6\" fill=\"{light}\"/><path d=\"M0,3L6,3\" stroke=\"{color}\" stroke-width=\"1.2\"/>",
                };
                w.Raw($"<pattern id=\"{id}-pat{idx}\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\">{body}</pattern>");
            }
        }
        w.Close("defs");
    }

    private static string ColorOf(Theme t, Layer layer, Dictionary<string, int> series, string key) =>
        layer.Style.Color ?? (series.TryGetValue(key, out var i) ? t.ColorAt(i) : "#4D4D4D");

    private static string DashAttr(LineDash dash, double width) => dash switch
    {
        LineDash.Dashed => $" stroke-dasharray=\"{SvgWriter.Num(width * 3.2)} {SvgWriter.Num(width * 2.2)}\"",
        LineDash.Dotted => $" stroke-dasharray=\"{SvgWriter.Num(Math.Max(0.5, width * 0.6))} {SvgWriter.Num(width * 1.9)}\" stroke-linecap=\"round\"",
        LineDash.DashDot => $" stroke-dasharray=\"{SvgWriter.Num(width * 3.5)} {SvgWriter.Num(width * 1.6)} {SvgWriter.Num(width * 0.7)} {SvgWriter.Num(width * 1.6)}\"",
        _ => "",
    };

    private static void DrawPanel(SvgWriter w, Figure f, PanelGeometry g, int index, Dictionary<string, int> series)
    {
        var t = f.Theme;
        var p = g.Panel;
        var plot = g.Plot;
        var id = SvgWriter.IdToken;
        w.Open("g", $"class=\"panel\" data-panel=\"{index}\"");
        // The clip rectangle is known only after layout, so it is written with the panel.
        w.Raw($"<clipPath id=\"{id}-pclip{index}\"><rect x=\"{SvgWriter.Num(plot.X)}\" y=\"{SvgWriter.Num(plot.Y)}\" width=\"{SvgWriter.Num(plot.W)}\" height=\"{SvgWriter.Num(plot.H)}\"/></clipPath>");

        if (p.TitleText is not null)
            w.Text(g.Cell.X + 2, plot.Y - t.LabelSize * 0.6, p.TitleText, t.LabelSize, fill: t.TextColor, extra: "font-weight=\"600\"");

        w.Open("g", $"clip-path=\"url(#{id}-pclip{index})\"");
        // Spans sit under the grid so shading never hides a gridline.
        foreach (var span in p.Layers.OfType<SpanLayer>()) DrawSpan(w, t, g, span);
        DrawGrid(w, t, g);
        for (var l = 0; l < p.Layers.Count; l++)
        {
            var layer = p.Layers[l];
            var key = Key(layer, index, l);
            var color = ColorOf(t, layer, series, key);
            var si = series.TryGetValue(key, out var s) ? s : 0;
            switch (layer)
            {
                case HeatmapLayer hm: DrawHeatmap(w, t, g, hm); break;
                case BarLayer b: DrawBars(w, t, g, b, l, color, si, id); break;
                case RibbonLayer r: DrawRibbon(w, g, r, color); break;
                case ReferenceLineLayer rl: DrawReference(w, t, g, rl); break;
                case SegmentLayer sg: DrawSegments(w, t, g, sg, layer.SeriesKey is null && layer.Style.Color is null ? "#A6A6A6" : color, id); break;
                case LineLayer ln: DrawLine(w, t, g, ln, color, si); break;
                case IntervalLayer iv: DrawIntervals(w, t, g, iv, color, si); break;
                case ScatterLayer sc: DrawScatter(w, t, g, sc, color, si); break;
                case TextLayer: break; // drawn after the clip group so labels near the edge stay whole
            }
        }
        w.Close("g");
        foreach (var tx in p.Layers.OfType<TextLayer>())
            w.Text(g.XScale.Map(tx.X) + tx.OffsetX, g.YScale.Map(tx.Y) + tx.OffsetY, tx.Text, t.TickSize, tx.Anchor, t.TextColor);
        DrawAxes(w, t, g);
        w.Close("g");
    }

    private static void DrawSpan(SvgWriter w, Theme t, PanelGeometry g, SpanLayer s)
    {
        var plot = g.Plot;
        if (s.Orientation == Orientation.Vertical)
        {
            var x0 = Math.Max(plot.X, double.IsNegativeInfinity(s.From) ? plot.X : g.XScale.Map(s.From));
            var x1 = Math.Min(plot.Right, double.IsPositiveInfinity(s.To) ? plot.Right : g.XScale.Map(s.To));
            if (x1 <= x0) return;
            w.Rect(x0, plot.Y, x1 - x0, plot.H, s.Fill);
            if (s.Annotation is not null) w.Text((x0 + x1) / 2, plot.Y + t.TickSize + 4, s.Annotation, t.TickSize * 0.92, "middle", t.MutedColor);
        }
        else
        {
            var y0 = Math.Min(plot.Bottom, double.IsNegativeInfinity(s.From) ? plot.Bottom : g.YScale.Map(s.From));
            var y1 = Math.Max(plot.Y, double.IsPositiveInfinity(s.To) ? plot.Y : g.YScale.Map(s.To));
            var top = Math.Min(y0, y1);
            w.Rect(plot.X, top, plot.W, Math.Abs(y0 - y1), s.Fill);
            if (s.Annotation is not null) w.Text(plot.Right - 4, top + t.TickSize + 2, s.Annotation, t.TickSize * 0.92, "end", t.MutedColor);
        }
    }

    private static void DrawGrid(SvgWriter w, Theme t, PanelGeometry g)
    {
        var p = g.Panel;
        var plot = g.Plot;
        if (p.Y.Grid && !p.Y.IsCategorical)
            foreach (var v in g.YTicks) { var y = g.YScale.Map(v); w.Line(plot.X, y, plot.Right, y, t.GridColor, 0.8); }
        if (p.X.Grid && !p.X.IsCategorical)
            foreach (var v in g.XTicks) { var x = g.XScale.Map(v); w.Line(x, plot.Y, x, plot.Bottom, t.GridColor, 0.8); }
    }

    private static void DrawAxes(SvgWriter w, Theme t, PanelGeometry g)
    {
        var p = g.Panel;
        var plot = g.Plot;
        var isHeatmap = p.Layers.Any(l => l is HeatmapLayer);
        var muted = t.MutedColor;

        // x axis
        if (!isHeatmap) w.Line(plot.X, plot.Bottom, plot.Right, plot.Bottom, t.AxisColor, 1);
        for (var k = 0; k < g.XTicks.Count; k++)
        {
            var v = g.XTicks[k];
            var x = g.XScale.Map(v);
            if (x < plot.X - 0.5 || x > plot.Right + 0.5) continue;
            if (!isHeatmap) w.Line(x, plot.Bottom, x, plot.Bottom + TickLen, t.AxisColor, 1);
            if (!g.ShowXTickLabels) continue;
            if (p.X.Categories is { } cats)
            {
                var lines = g.XCategoryLines[(int)v];
                for (var li = 0; li < lines.Count; li++)
                    w.Text(x, plot.Bottom + TickLen + 3 + t.TickSize * (0.85 + 1.2 * li), lines[li], t.TickSize, "middle", muted);
                _ = cats;
            }
            else
            {
                w.Text(x, plot.Bottom + TickLen + 3 + t.TickSize * 0.85, p.X.Format.Format(v, g.XStep), t.TickSize, "middle", muted);
            }
        }
        // y axis
        if (!p.Y.IsCategorical && !isHeatmap) w.Line(plot.X, plot.Y, plot.X, plot.Bottom, t.AxisColor, 1);
        for (var k = 0; k < g.YTicks.Count; k++)
        {
            var v = g.YTicks[k];
            var y = g.YScale.Map(v);
            if (y < plot.Y - 0.5 || y > plot.Bottom + 0.5) continue;
            if (!p.Y.IsCategorical && !isHeatmap) w.Line(plot.X - TickLen, y, plot.X, y, t.AxisColor, 1);
            if (!g.ShowYTickLabels) continue;
            if (p.Y.Categories is { } cats)
            {
                var name = cats[(int)v];
                var bold = IsEmph(p.Y, name);
                var lines = g.YCategoryLines[(int)v];
                var lh = t.TickSize * 1.15;
                var y0 = y - (lines.Count - 1) * lh / 2 + t.TickSize * 0.35;
                for (var li = 0; li < lines.Count; li++)
                {
                    if (p.Y.CategoryLabelsLeft)
                    {
                        // Leading spaces mean indentation (forest rows under their group heading); SVG would collapse them.
                        var text = lines[li];
                        var indent = text.Length - text.TrimStart(' ').Length;
                        w.Text(g.Cell.X + (p.Y.Label is null ? 2 : t.LabelSize * 1.5) + indent * 6, y0 + li * lh, text.TrimStart(' '), t.TickSize, "start", bold ? t.TextColor : muted, bold ? "font-weight=\"700\"" : "");
                    }
                    else
                    {
                        w.Text(plot.X - 6, y0 + li * lh, lines[li], t.TickSize, "end", bold ? t.TextColor : muted, bold ? "font-weight=\"700\"" : "");
                    }
                }
            }
            else
            {
                w.Text(plot.X - TickLen - 3, y + t.TickSize * 0.35, p.Y.Format.Format(v, g.YStep), t.TickSize, "end", muted);
            }
        }
        if (p.X.Label is not null && g.ShowXLabel)
            w.Text(plot.X + plot.W / 2, g.Cell.Bottom - 4, p.X.Label, t.LabelSize, "middle", t.TextColor);
        if (p.Y.Label is not null && g.ShowYLabel)
        {
            var x = g.Cell.X + t.LabelSize * 0.9;
            var y = plot.Y + plot.H / 2;
            w.Text(x, y, p.Y.Label, t.LabelSize, "middle", t.TextColor, $"transform=\"rotate(-90 {SvgWriter.Num(x)} {SvgWriter.Num(y)})\"");
        }
    }

    private static void DrawLine(SvgWriter w, Theme t, PanelGeometry g, LineLayer l, string color, int si)
    {
        var width = l.Style.Width ?? t.LineWidth;
        var dash = l.Style.Dash ?? t.DashAt(si);
        foreach (var run in Runs(l.X, l.Y))
        {
            var d = SvgWriter.PathData(run.Select(i => (g.XScale.Map(l.X[i]), g.YScale.Map(l.Y[i]))));
            w.Path(d, "none", color, width, $"stroke-linejoin=\"round\" stroke-linecap=\"round\"{DashAttr(dash, width)}");
        }
        if (l.Markers || t.PrintSafe)
        {
            var shape = l.Style.Marker ?? t.MarkerAt(si);
            for (var i = 0; i < l.X.Count; i++)
                if (double.IsFinite(l.X[i]) && double.IsFinite(l.Y[i]))
                    Marker(w, g.XScale.Map(l.X[i]), g.YScale.Map(l.Y[i]), shape, l.Style.MarkerSize ?? t.MarkerSize * 0.9, color);
        }
    }

    private static IEnumerable<List<int>> Runs(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var run = new List<int>();
        for (var i = 0; i < x.Count; i++)
        {
            if (double.IsFinite(x[i]) && double.IsFinite(y[i])) run.Add(i);
            else if (run.Count > 0) { yield return run; run = []; }
        }
        if (run.Count > 0) yield return run;
    }

    private static void DrawRibbon(SvgWriter w, PanelGeometry g, RibbonLayer r, string color)
    {
        var opacity = r.Style.Opacity ?? 0.18;
        foreach (var run in Runs(r.X, r.Low.Zip(r.High, (a, b) => a + b).ToArray()))
        {
            var pts = run.Select(i => (g.XScale.Map(r.X[i]), g.YScale.Map(r.High[i])))
                .Concat(run.AsEnumerable().Reverse().Select(i => (g.XScale.Map(r.X[i]), g.YScale.Map(r.Low[i]))));
            w.Path(SvgWriter.PathData(pts, close: true), color, "none", 0, $"fill-opacity=\"{SvgWriter.Num(opacity)}\"");
        }
    }

    private static void DrawScatter(SvgWriter w, Theme t, PanelGeometry g, ScatterLayer s, string color, int si)
    {
        var shape = s.Style.Marker ?? t.MarkerAt(si);
        var size = s.Style.MarkerSize ?? t.MarkerSize;
        var opacity = s.Style.Opacity;
        if (opacity is not null) w.Open("g", $"fill-opacity=\"{SvgWriter.Num(opacity.Value)}\"");
        for (var i = 0; i < s.X.Count; i++)
            if (double.IsFinite(s.X[i]) && double.IsFinite(s.Y[i]))
                Marker(w, g.XScale.Map(s.X[i]), g.YScale.Map(s.Y[i]), shape, size, color);
        if (opacity is not null) w.Close("g");
    }

    private static void Marker(SvgWriter w, double x, double y, MarkerShape shape, double r, string color)
    {
        string N(double v) => SvgWriter.Num(v);
        switch (shape)
        {
            case MarkerShape.None: break;
            case MarkerShape.Square:
                w.Rect(x - r * 0.88, y - r * 0.88, r * 1.76, r * 1.76, color);
                break;
            case MarkerShape.Triangle:
                w.Path($"M{N(x)},{N(y - r * 1.15)}L{N(x + r * 1.05)},{N(y + r * 0.75)}L{N(x - r * 1.05)},{N(y + r * 0.75)}Z", color, "none", 0);
                break;
            case MarkerShape.Diamond:
                w.Path($"M{N(x)},{N(y - r * 1.25)}L{N(x + r * 1.05)},{N(y)}L{N(x)},{N(y + r * 1.25)}L{N(x - r * 1.05)},{N(y)}Z", color, "none", 0);
                break;
            case MarkerShape.OpenCircle:
                w.Raw($"<circle cx=\"{N(x)}\" cy=\"{N(y)}\" r=\"{N(r)}\" fill=\"#FFFFFF\" stroke=\"{color}\" stroke-width=\"1.4\"/>");
                break;
            default:
                w.Raw($"<circle cx=\"{N(x)}\" cy=\"{N(y)}\" r=\"{N(r)}\" fill=\"{color}\"/>");
                break;
        }
    }

    private static void DrawIntervals(SvgWriter w, Theme t, PanelGeometry g, IntervalLayer iv, string color, int si)
    {
        var width = (iv.Style.Width ?? t.LineWidth) * iv.WhiskerScale;
        var opacity = iv.Style.Opacity;
        var shape = iv.Style.Marker ?? t.MarkerAt(si);
        var extra = opacity is null ? "" : $"stroke-opacity=\"{SvgWriter.Num(opacity.Value)}\"";
        for (var i = 0; i < iv.Position.Count; i++)
        {
            var pos = iv.Position[i];
            if (!double.IsFinite(pos)) continue;
            var vertical = iv.Orientation == Orientation.Vertical;
            if (double.IsFinite(iv.Low[i]) && double.IsFinite(iv.High[i]))
            {
                if (vertical)
                {
                    var x = g.XScale.Map(pos);
                    var y0 = g.YScale.Map(iv.Low[i]);
                    var y1 = g.YScale.Map(iv.High[i]);
                    w.Line(x, y0, x, y1, color, width, extra);
                    if (iv.Cap > 0) { w.Line(x - iv.Cap, y0, x + iv.Cap, y0, color, width, extra); w.Line(x - iv.Cap, y1, x + iv.Cap, y1, color, width, extra); }
                }
                else
                {
                    var y = g.YScale.Map(pos);
                    var x0 = g.XScale.Map(iv.Low[i]);
                    var x1 = g.XScale.Map(iv.High[i]);
                    w.Line(x0, y, x1, y, color, width, extra);
                    if (iv.Cap > 0) { w.Line(x0, y - iv.Cap, x0, y + iv.Cap, color, width, extra); w.Line(x1, y - iv.Cap, x1, y + iv.Cap, color, width, extra); }
                }
            }
            if (iv.ShowPoint && double.IsFinite(iv.Value[i]))
            {
                var (px, py) = vertical ? (g.XScale.Map(pos), g.YScale.Map(iv.Value[i])) : (g.XScale.Map(iv.Value[i]), g.YScale.Map(pos));
                // A point without an interval (normalised reference period) is drawn hollow, as is conventional.
                var hollow = !double.IsFinite(iv.Low[i]) || !double.IsFinite(iv.High[i]);
                Marker(w, px, py, hollow ? MarkerShape.OpenCircle : shape, iv.Style.MarkerSize ?? t.MarkerSize, color);
            }
        }
    }

    private static void DrawBars(SvgWriter w, Theme t, PanelGeometry g, BarLayer b, int layerIndex, string color, int si, string id)
    {
        var pattern = b.Style.Pattern ?? t.PatternAt(si);
        var fill = pattern != FillPattern.Solid && t.PrintSafe && b.Style.Color is null ? $"url(#{id}-pat{si})" : color;
        var opacity = b.Style.Opacity;
        var extra = opacity is null ? "" : $"fill-opacity=\"{SvgWriter.Num(opacity.Value)}\"";
        if (t.PrintSafe) extra = (extra + " stroke=\"" + color + "\" stroke-width=\"0.8\"").Trim();
        foreach (var r in g.Bars)
        {
            if (r.Layer != layerIndex || !double.IsFinite(r.V0 + r.V1 + r.P0 + r.P1)) continue;
            var f = b.Colors is { } cs && r.Index < cs.Count ? cs[r.Index] : fill;
            double x, y, wd, ht;
            if (r.Orientation == Orientation.Vertical)
            {
                var x0 = g.XScale.Map(r.P0); var x1 = g.XScale.Map(r.P1);
                var y0 = g.YScale.Map(r.V0); var y1 = g.YScale.Map(r.V1);
                (x, y, wd, ht) = (Math.Min(x0, x1), Math.Min(y0, y1), Math.Abs(x1 - x0), Math.Abs(y1 - y0));
            }
            else
            {
                var y0 = g.YScale.Map(r.P0); var y1 = g.YScale.Map(r.P1);
                var x0 = g.XScale.Map(r.V0); var x1 = g.XScale.Map(r.V1);
                (x, y, wd, ht) = (Math.Min(x0, x1), Math.Min(y0, y1), Math.Abs(x1 - x0), Math.Abs(y1 - y0));
            }
            w.Rect(x, y, wd, ht, f, extra);
            if (b.ValueLabels is { } fmt)
            {
                var v = b.Value[r.Index];
                var text = b.LabelTexts is { } lt && r.Index < lt.Count ? lt[r.Index] : fmt.Format(v);
                if (r.Orientation == Orientation.Vertical)
                {
                    var up = r.V1 >= r.V0;
                    w.Text(x + wd / 2, up ? y - 4 : y + ht + t.TickSize, text, t.TickSize * 0.95, "middle", t.TextColor);
                }
                else
                {
                    var right = r.V1 >= r.V0;
                    w.Text(right ? x + wd + 4 : x - 4, y + ht / 2 + t.TickSize * 0.35, text, t.TickSize * 0.95, right ? "start" : "end", t.TextColor);
                }
            }
        }
    }

    private static void DrawReference(SvgWriter w, Theme t, PanelGeometry g, ReferenceLineLayer rl)
    {
        var color = rl.Style.Color ?? "#4D4D4D";
        var width = rl.Style.Width ?? 1;
        var dash = DashAttr(rl.Style.Dash ?? LineDash.Solid, width * 1.6);
        var plot = g.Plot;
        if (rl.Orientation == Orientation.Horizontal)
        {
            var y = g.YScale.Map(rl.Value);
            w.Line(plot.X, y, plot.Right, y, color, width, dash.Trim());
            if (rl.Annotation is not null) w.Text(plot.Right - 4, y - 4, rl.Annotation, t.TickSize * 0.92, "end", t.MutedColor);
        }
        else
        {
            var x = g.XScale.Map(rl.Value);
            w.Line(x, plot.Y, x, plot.Bottom, color, width, dash.Trim());
            if (rl.Annotation is not null)
            {
                // Write to the right of the line unless that would run past the plot edge.
                var fits = x + 4 + TextMetrics.Width(rl.Annotation, t.TickSize * 0.92) <= plot.Right;
                w.Text(fits ? x + 4 : x - 4, plot.Y + t.TickSize + 2, rl.Annotation, t.TickSize * 0.92, fits ? "start" : "end", t.MutedColor);
            }
        }
    }

    private static void DrawSegments(SvgWriter w, Theme t, PanelGeometry g, SegmentLayer s, string color, string id)
    {
        var width = s.Style.Width ?? 2;
        var dash = DashAttr(s.Style.Dash ?? LineDash.Solid, width);
        var arrow = s.Arrow ? $" marker-end=\"url(#{id}-arrow)\"" : "";
        for (var i = 0; i < s.X1.Count; i++)
        {
            if (!double.IsFinite(s.X1[i] + s.Y1[i] + s.X2[i] + s.Y2[i])) continue;
            w.Line(g.XScale.Map(s.X1[i]), g.YScale.Map(s.Y1[i]), g.XScale.Map(s.X2[i]), g.YScale.Map(s.Y2[i]), color, width, (dash + arrow).Trim());
        }
    }

    private static (double Min, double Max) HeatLimits(HeatmapLayer hm, ColorScale scale)
    {
        if (hm.Limits is { } lim) return lim;
        var vals = new List<double>();
        for (var i = 0; i < hm.Rows; i++) for (var j = 0; j < hm.Columns; j++) if (double.IsFinite(hm[i, j])) vals.Add(hm[i, j]);
        if (vals.Count == 0) return (0, 1);
        var (min, max) = (vals.Min(), vals.Max());
        if (scale == ColorScale.Diverging)
        {
            var m = Math.Max(Math.Abs(min), Math.Abs(max));
            return m == 0 ? (-1, 1) : (-m, m);
        }
        return min == max ? (min - 1, max + 1) : (min, max);
    }

    private static void DrawHeatmap(SvgWriter w, Theme t, PanelGeometry g, HeatmapLayer hm)
    {
        var scale = hm.Scale ?? t.Scale;
        var (min, max) = HeatLimits(hm, scale);
        for (var i = 0; i < hm.Rows; i++)
        {
            for (var j = 0; j < hm.Columns; j++)
            {
                var x0 = g.XScale.Map(j - 0.5); var x1 = g.XScale.Map(j + 0.5);
                var y0 = g.YScale.Map(i - 0.5); var y1 = g.YScale.Map(i + 0.5);
                var (x, y, wd, ht) = (Math.Min(x0, x1), Math.Min(y0, y1), Math.Abs(x1 - x0), Math.Abs(y1 - y0));
                var v = hm[i, j];
                var fill = double.IsFinite(v) ? ColorRamps.At(scale, (v - min) / (max - min)) : "#F0F0F0";
                w.Rect(x, y, wd, ht, fill, "stroke=\"#FFFFFF\" stroke-width=\"1.5\"");
                var text = hm.CellText is { } ct && i * hm.Columns + j < ct.Count && ct[i * hm.Columns + j] is { } s ? s
                    : hm.CellLabels is { } fmt ? (double.IsFinite(v) ? fmt.Format(v) : "\u2013") : null;
                if (text is not null)
                {
                    var size = Math.Min(t.TickSize, ht * 0.45);
                    w.Text(x + wd / 2, y + ht / 2 + size * 0.35, text, size, "middle", double.IsFinite(v) ? ColorRamps.TextOn(fill) : t.MutedColor);
                }
            }
        }
    }

    private static double ColorBarWidth(HeatmapLayer hm, Theme t)
    {
        var scale = hm.Scale ?? t.Scale;
        var (min, max) = HeatLimits(hm, scale);
        var step = NiceTicks.Step(min, max, 4);
        var labels = NiceTicks.AtStep(min, max, step).Select(v => TextMetrics.Width(hm.LegendFormat.Format(v, step), t.TickSize)).DefaultIfEmpty(20).Max();
        var title = hm.LegendTitle is null ? 0 : TextMetrics.Width(hm.LegendTitle, t.TickSize);
        return Math.Max(14 + 6 + labels, Math.Min(title, 110)) + 16;
    }

    private static void DrawColorBar(SvgWriter w, HeatmapLayer hm, Theme t, Box box)
    {
        var id = SvgWriter.IdToken;
        var scale = hm.Scale ?? t.Scale;
        var (min, max) = HeatLimits(hm, scale);
        var top = box.Y;
        if (hm.LegendTitle is not null)
        {
            var lines = TextMetrics.Wrap(hm.LegendTitle, t.TickSize, Math.Max(box.W, 60));
            foreach (var line in lines) { top += t.TickSize * 1.2; w.Text(box.X, top, line, t.TickSize, "start", t.TextColor); }
            top += t.TickSize * 0.9;
        }
        var h = Math.Max(40, box.Bottom - top);
        w.Open("linearGradient", $"id=\"{id}-ramp\" x1=\"0\" y1=\"1\" x2=\"0\" y2=\"0\"");
        for (var k = 0; k <= 10; k++) w.Raw($"<stop offset=\"{SvgWriter.Num(k / 10.0)}\" stop-color=\"{ColorRamps.At(scale, k / 10.0)}\"/>");
        w.Close("linearGradient");
        w.Rect(box.X, top, 14, h, $"url(#{id}-ramp)");
        var step = NiceTicks.Step(min, max, 4);
        foreach (var v in NiceTicks.AtStep(min, max, step))
        {
            var y = top + h - (v - min) / (max - min) * h;
            w.Line(box.X + 14, y, box.X + 17, y, t.AxisColor, 1);
            w.Text(box.X + 20, y + t.TickSize * 0.35, hm.LegendFormat.Format(v, step), t.TickSize, "start", t.MutedColor);
        }
    }

    // ---------- legend drawing ----------

    private static void Glyph(SvgWriter w, Theme t, LegendEntry e, double x, double y, Dictionary<string, int> series, string id)
    {
        var si = series.TryGetValue(e.Key, out var s) ? s : 0;
        var first = e.Layers[0];
        var color = first.Style.Color ?? t.ColorAt(si);
        var cy = y;
        if (e.Layers.OfType<BarLayer>().FirstOrDefault() is { } bar)
        {
            var pattern = bar.Style.Pattern ?? t.PatternAt(si);
            var fill = t.PrintSafe && pattern != FillPattern.Solid && bar.Style.Color is null ? $"url(#{id}-pat{si})" : (bar.Style.Color ?? color);
            w.Rect(x + 5, cy - 6, 13, 12, fill, t.PrintSafe ? $"stroke=\"{color}\" stroke-width=\"0.8\"" : "");
            return;
        }
        if (e.Layers.OfType<RibbonLayer>().FirstOrDefault() is { } rib)
            w.Rect(x, cy - 6, LegendGlyph, 12, rib.Style.Color ?? color, $"fill-opacity=\"{SvgWriter.Num(rib.Style.Opacity ?? 0.18)}\"");
        if (e.Layers.OfType<LineLayer>().FirstOrDefault() is { } line)
        {
            var width = line.Style.Width ?? t.LineWidth;
            w.Line(x, cy, x + LegendGlyph, cy, line.Style.Color ?? color, width, DashAttr(line.Style.Dash ?? t.DashAt(si), width).Trim());
            if (line.Markers || t.PrintSafe) Marker(w, x + LegendGlyph / 2, cy, line.Style.Marker ?? t.MarkerAt(si), t.MarkerSize * 0.9, line.Style.Color ?? color);
        }
        if (e.Layers.OfType<IntervalLayer>().FirstOrDefault() is { } iv)
        {
            w.Line(x + LegendGlyph / 2, cy - 6, x + LegendGlyph / 2, cy + 6, iv.Style.Color ?? color, (iv.Style.Width ?? t.LineWidth) * iv.WhiskerScale);
            if (iv.ShowPoint) Marker(w, x + LegendGlyph / 2, cy, iv.Style.Marker ?? t.MarkerAt(si), t.MarkerSize, iv.Style.Color ?? color);
        }
        if (e.Layers.OfType<ScatterLayer>().FirstOrDefault() is { } sc)
            Marker(w, x + LegendGlyph / 2, cy, sc.Style.Marker ?? t.MarkerAt(si), sc.Style.MarkerSize ?? t.MarkerSize, sc.Style.Color ?? color);
        if (e.Layers.OfType<SegmentLayer>().FirstOrDefault() is { } sg)
            w.Line(x, cy, x + LegendGlyph, cy, sg.Style.Color ?? color, sg.Style.Width ?? 2);
    }

    private static void DrawLegendColumn(SvgWriter w, Figure f, List<LegendEntry> entries, Box box, Dictionary<string, int> series, bool inside)
    {
        var t = f.Theme;
        w.Open("g", "class=\"legend\"");
        if (inside) w.Rect(box.X, box.Y, box.W, box.H, "#FFFFFF", "fill-opacity=\"0.9\"");
        var y = box.Y + 5;
        var lh = t.TickSize * 1.6;
        if (f.LegendTitle is not null)
        {
            w.Text(box.X + 6, y + lh * 0.7, f.LegendTitle, t.TickSize, "start", t.TextColor, "font-weight=\"700\"");
            y += lh;
        }
        foreach (var e in entries)
        {
            var cy = y + lh / 2;
            Glyph(w, t, e, box.X + 6, cy, series, SvgWriter.IdToken);
            w.Text(box.X + 6 + LegendGlyph + 6, cy + t.TickSize * 0.35, e.Label, t.TickSize, "start", t.TextColor);
            y += lh;
        }
        w.Close("g");
    }

    private static void DrawLegendRows(SvgWriter w, Figure f, List<LegendEntry> entries, Box box, Dictionary<string, int> series)
    {
        var t = f.Theme;
        var flow = FlowLegend(entries, f.LegendTitle, t, f.Width - 2 * Pad);
        var lh = t.TickSize * 1.7;
        w.Open("g", "class=\"legend\"");
        if (f.LegendTitle is not null)
            w.Text(box.X, box.Y + lh / 2 + t.TickSize * 0.35, f.LegendTitle, t.TickSize, "start", t.TextColor, "font-weight=\"700\"");
        foreach (var (entry, x, row) in flow.Slots)
        {
            var cy = box.Y + row * lh + lh / 2;
            Glyph(w, t, entries[entry], box.X + x, cy, series, SvgWriter.IdToken);
            w.Text(box.X + x + LegendGlyph + 6, cy + t.TickSize * 0.35, entries[entry].Label, t.TickSize, "start", t.TextColor);
        }
        w.Close("g");
    }

    private static string Describe(Figure f)
    {
        var sb = new StringBuilder();
        sb.Append(f.Panels.Count == 1 ? "Chart" : $"{f.Panels.Count} panels");
        if (f.SubtitleText is not null) sb.Append(": ").Append(f.SubtitleText);
        sb.Append('.');
        for (var i = 0; i < f.Panels.Count; i++)
        {
            var p = f.Panels[i];
            sb.Append(' ');
            if (p.TitleText is not null) sb.Append(p.TitleText).Append(": ");
            var parts = p.Layers.Where(l => l is not (ReferenceLineLayer or SpanLayer or TextLayer))
                .Select(l => $"{Kind(l)}{(l.Label is null ? "" : $" '{l.Label}'")}").Distinct().ToList();
            sb.Append(string.Join(", ", parts));
            if (p.X.Label is not null) sb.Append($"; x: {p.X.Label}");
            if (p.Y.Label is not null) sb.Append($"; y: {p.Y.Label}");
            sb.Append('.');
        }
        return sb.ToString();
    }

    private static string Kind(Layer l) => l switch
    {
        LineLayer => "line",
        RibbonLayer => "band",
        ScatterLayer => "points",
        IntervalLayer => "estimates with intervals",
        BarLayer => "bars",
        SegmentLayer => "segments",
        HeatmapLayer => "heatmap",
        _ => "layer",
    };
}
