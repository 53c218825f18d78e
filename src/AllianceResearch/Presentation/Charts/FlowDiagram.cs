using System.Globalization;

namespace AllianceResearch.Presentation.Charts;

/// <summary>A box in a flow diagram, placed on a grid (rows may be fractional, e.g. 0.5 for a side box between rows).</summary>
/// <param name="Id">Key used by edges.</param>
/// <param name="Text">Box text; "\n" starts a new line, long lines wrap.</param>
/// <param name="Column">Grid column (0 = left).</param>
/// <param name="Row">Grid row (0 = top).</param>
public sealed record FlowNode(string Id, string Text, int Column, double Row)
{
    /// <summary>Emphasised boxes (e.g. the final included set) get a heavier outline and a tinted fill.</summary>
    public bool Emphasis { get; init; }
}

/// <summary>An arrow between two boxes.</summary>
/// <param name="From">Source node id.</param>
/// <param name="To">Target node id.</param>
/// <param name="Label">Optional text beside the arrow.</param>
public sealed record FlowEdge(string From, string To, string? Label = null);

/// <summary>One stage of a PRISMA-style screening flow.</summary>
/// <param name="Label">What the records are at this stage.</param>
/// <param name="Count">Records remaining, or null when the source does not report it.</param>
/// <param name="ExcludedLabel">Why records were dropped on the way into this stage.</param>
/// <param name="Excluded">How many were dropped (null when not reported).</param>
public sealed record PrismaStage(string Label, int? Count, string? ExcludedLabel = null, int? Excluded = null);

/// <summary>
/// Boxes and arrows (PRISMA screening flows, payment flows). Immutable and fluent; layout is a grid so the
/// same diagram always draws the same way.
/// </summary>
[TypeFormatterSource(typeof(LibraryFormatterSource), PreferredMimeTypes = ["image/svg+xml"])]
public sealed record FlowDiagram : ISvgRenderable
{
    /// <summary>Width in px.</summary>
    public double Width { get; init; } = 720;

    /// <summary>Height in px; null sizes to the content.</summary>
    public double? Height { get; init; }

    /// <summary>Title.</summary>
    public string? TitleText { get; init; }

    /// <summary>Caption under the diagram.</summary>
    public string? CaptionText { get; init; }

    /// <summary>Boxes.</summary>
    public IReadOnlyList<FlowNode> Nodes { get; init; } = [];

    /// <summary>Arrows.</summary>
    public IReadOnlyList<FlowEdge> Edges { get; init; } = [];

    /// <summary>Fonts and colours.</summary>
    public Theme Theme { get; init; } = Theme.Default;

    /// <summary>An empty diagram.</summary>
    public static FlowDiagram Create(double width = 720, double? height = null) => new() { Width = width, Height = height };

    /// <summary>Sets the title.</summary>
    public FlowDiagram Title(string title) => this with { TitleText = title };

    /// <summary>Sets the caption.</summary>
    public FlowDiagram Caption(string caption) => this with { CaptionText = caption };

    /// <summary>Adds a box.</summary>
    public FlowDiagram Node(string id, string text, int column, double row, bool emphasis = false)
    {
        if (Nodes.Any(n => n.Id == id)) throw new ArgumentException($"Flow diagram: node id '{id}' is used twice.");
        if (column < 0 || row < 0) throw new ArgumentOutOfRangeException(nameof(column), $"Node '{id}': column and row must be non-negative.");
        return this with { Nodes = [.. Nodes, new FlowNode(id, text, column, row) { Emphasis = emphasis }] };
    }

    /// <summary>Adds an arrow.</summary>
    public FlowDiagram Edge(string from, string to, string? label = null)
    {
        foreach (var id in new[] { from, to })
            if (Nodes.All(n => n.Id != id)) throw new ArgumentException($"Flow diagram: edge refers to unknown node '{id}'; add the node first.");
        return this with { Edges = [.. Edges, new FlowEdge(from, to, label)] };
    }

    /// <summary>
    /// A PRISMA-style flow: stages down the left, exclusions to the right. Where every count is known the
    /// arithmetic is checked (previous − excluded = next); unknown counts print as "n not reported".
    /// </summary>
    public static FlowDiagram Prisma(IEnumerable<PrismaStage> stages, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stages);
        var list = stages.ToList();
        if (list.Count == 0) throw new ArgumentException("PRISMA flow: no stages given.", nameof(stages));
        for (var i = 1; i < list.Count; i++)
        {
            if (list[i - 1].Count is { } prev && list[i].Count is { } next && list[i].Excluded is { } ex && prev - ex != next)
                throw new ArgumentException($"PRISMA flow: stage {i + 1} ('{list[i].Label}') has n = {next}, but the previous stage's {prev} minus {ex} excluded is {prev - ex}.");
        }
        var o = options ?? new ChartOptions();
        var d = Create(o.Width, o.Height) with { Theme = o.Theme };
        if (o.Title is not null) d = d.Title(o.Title);
        if (o.Caption is not null) d = d.Caption(o.Caption);
        static string N(int? n) => n is { } v ? "n = " + v.ToString("#,0", CultureInfo.InvariantCulture) : "n not reported";
        for (var i = 0; i < list.Count; i++)
        {
            d = d.Node($"s{i}", $"{list[i].Label}\n{N(list[i].Count)}", 0, i, emphasis: i == list.Count - 1);
            if (i > 0) d = d.Edge($"s{i - 1}", $"s{i}");
            if (i > 0 && (list[i].ExcludedLabel is not null || list[i].Excluded is not null))
            {
                d = d.Node($"x{i}", $"{list[i].ExcludedLabel ?? "Excluded"}\n{N(list[i].Excluded)}", 1, i - 0.5);
                d = d.Edge($"s{i - 1}", $"x{i}");
            }
        }
        return d;
    }

    /// <summary>The diagram as a standalone SVG document.</summary>
    public string ToSvg() => FlowRenderer.Render(this);

    /// <summary>Writes the SVG atomically.</summary>
    public void SaveSvg(string path) => AtomicFile.WriteAllText(path, ToSvg());

    /// <summary>A one-line description.</summary>
    public override string ToString() => $"FlowDiagram{(TitleText is null ? "" : $" \"{TitleText}\"")}: {Nodes.Count} boxes, {Edges.Count} arrows";
}

/// <summary>Draws a <see cref="FlowDiagram"/>: equal-width columns, rows as tall as their tallest box.</summary>
internal static class FlowRenderer
{
    public static string Render(FlowDiagram d)
    {
        if (d.Nodes.Count == 0) throw new InvalidOperationException("Flow diagram has no boxes to draw.");
        var t = d.Theme;
        const double pad = 14, colGap = 48, rowGap = 30;
        var size = t.TickSize + 0.5;
        var lh = size * 1.35;
        var cols = d.Nodes.Max(n => n.Column) + 1;
        // The main (left) column is a little wider: it carries the stage names.
        var colW = (d.Width - 2 * pad - (cols - 1) * colGap) / cols;
        var boxes = d.Nodes.ToDictionary(n => n.Id, n =>
        {
            var lines = TextMetrics.Wrap(n.Text, size, colW - 20, n.Emphasis);
            return (Node: n, Lines: lines, H: lines.Count * lh + 16);
        });
        var header = 0.0;
        var titleLines = d.TitleText is null ? [] : TextMetrics.Wrap(d.TitleText, t.TitleSize, d.Width - 2 * pad, true);
        header = pad + titleLines.Count * t.TitleSize * 1.3 + (titleLines.Count > 0 ? 10 : 0);
        var captionLines = d.CaptionText is null ? [] : TextMetrics.Wrap(d.CaptionText, t.CaptionSize, d.Width - 2 * pad);

        // Integer rows get the height of their tallest box; fractional rows sit halfway between neighbours.
        var maxRow = (int)Math.Ceiling(d.Nodes.Max(n => n.Row));
        var rowH = new double[maxRow + 1];
        foreach (var b in boxes.Values) { var r = (int)Math.Round(b.Node.Row); if (Math.Abs(b.Node.Row - r) < 1e-9) rowH[r] = Math.Max(rowH[r], b.H); }
        for (var r = 0; r <= maxRow; r++) if (rowH[r] == 0) rowH[r] = lh + 16;
        var rowY = new double[maxRow + 1];
        var y = header;
        for (var r = 0; r <= maxRow; r++) { rowY[r] = y + rowH[r] / 2; y += rowH[r] + rowGap + (boxes.Values.Any(b => b.Node.Row > r && b.Node.Row < r + 1) ? 18 : 0); }
        double CentreY(double row)
        {
            var lo = (int)Math.Floor(row);
            if (lo >= maxRow || Math.Abs(row - lo) < 1e-9) return rowY[Math.Min(lo, maxRow)];
            return rowY[lo] + (rowY[lo + 1] - rowY[lo]) * (row - lo);
        }
        var contentBottom = y - rowGap;
        var height = d.Height ?? contentBottom + (captionLines.Count > 0 ? captionLines.Count * t.CaptionSize * 1.3 + 12 : 0) + pad;

        var geo = boxes.ToDictionary(kv => kv.Key, kv =>
        {
            var n = kv.Value.Node;
            var cx = pad + n.Column * (colW + colGap) + colW / 2;
            var cy = CentreY(n.Row);
            return new Box(cx - colW / 2, cy - kv.Value.H / 2, colW, kv.Value.H);
        });

        var w = new SvgWriter();
        var id = SvgWriter.IdToken;
        w.Open("svg", $"xmlns=\"http://www.w3.org/2000/svg\" width=\"{SvgWriter.Num(d.Width)}\" height=\"{SvgWriter.Num(height)}\" viewBox=\"0 0 {SvgWriter.Num(d.Width)} {SvgWriter.Num(height)}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" font-family=\"{SvgWriter.Escape(t.FontFamily)}\"");
        w.Raw($"<title id=\"{id}-title\">{SvgWriter.Escape(d.TitleText ?? "Flow diagram")}</title>");
        w.Raw($"<desc id=\"{id}-desc\">{SvgWriter.Escape("Flow diagram: " + string.Join("; ", d.Nodes.Select(n => n.Text.Replace('\n', ' '))) + ".")}</desc>");
        w.Open("defs");
        w.Raw($"<marker id=\"{id}-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M0,0L10,5L0,10Z\" fill=\"#4D4D4D\"/></marker>");
        w.Close("defs");
        w.Rect(0, 0, d.Width, height, t.Background);
        var ty = pad;
        foreach (var line in titleLines) { ty += t.TitleSize * 1.05; w.Text(pad, ty, line, t.TitleSize, fill: t.TextColor, extra: "font-weight=\"700\""); ty += t.TitleSize * 0.25; }

        foreach (var e in d.Edges)
        {
            var a = geo[e.From];
            var b = geo[e.To];
            var na = boxes[e.From].Node;
            var nb = boxes[e.To].Node;
            string path;
            (double X, double Y) labelAt;
            if (na.Column == nb.Column)
            {
                var x = a.X + a.W / 2;
                var (y1, y2) = nb.Row > na.Row ? (a.Bottom, b.Y) : (a.Y, b.Bottom);
                path = SvgWriter.PathData([(x, y1), (x, y2)]);
                labelAt = (x + 6, (y1 + y2) / 2);
            }
            else if (Math.Abs(na.Row - nb.Row) < 1e-9)
            {
                var cy = a.Y + a.H / 2;
                var (x1, x2) = nb.Column > na.Column ? (a.Right, b.X) : (a.X, b.Right);
                path = SvgWriter.PathData([(x1, cy), (x2, cy)]);
                labelAt = ((x1 + x2) / 2, cy - 5);
            }
            else
            {
                // Elbow: leave the source's vertical trunk at the target's height, then run sideways into it.
                var x = a.X + a.W / 2;
                var cy = b.Y + b.H / 2;
                var x2 = nb.Column > na.Column ? b.X : b.Right;
                path = SvgWriter.PathData([(x, cy), (x2, cy)]);
                labelAt = ((x + x2) / 2, cy - 5);
            }
            w.Path(path, "none", "#4D4D4D", 1.3, $"marker-end=\"url(#{id}-arrow)\"");
            if (e.Label is not null) w.Text(labelAt.X, labelAt.Y, e.Label, t.TickSize * 0.9, "start", t.MutedColor);
        }

        foreach (var (key, box) in geo.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var (node, lines, _) = boxes[key];
            var fill = node.Emphasis ? ColorRamps.Lighten(t.ColorAt(0), 0.86) : node.Column > 0 ? "#F7F7F7" : "#FFFFFF";
            var stroke = node.Emphasis ? t.ColorAt(0) : "#595959";
            w.Raw($"<rect x=\"{SvgWriter.Num(box.X)}\" y=\"{SvgWriter.Num(box.Y)}\" width=\"{SvgWriter.Num(box.W)}\" height=\"{SvgWriter.Num(box.H)}\" rx=\"3\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{(node.Emphasis ? "1.8" : "1")}\"/>");
            var ly = box.Y + 8 + size * 0.95;
            for (var i = 0; i < lines.Count; i++)
            {
                var last = i == lines.Count - 1 && lines[i].StartsWith("n ", StringComparison.Ordinal);
                w.Text(box.X + box.W / 2, ly + i * lh, lines[i], size, "middle", t.TextColor, last || node.Emphasis ? "font-weight=\"700\"" : "");
            }
        }
        if (captionLines.Count > 0)
        {
            var cy = height - pad - (captionLines.Count - 1) * t.CaptionSize * 1.3;
            foreach (var line in captionLines) { w.Text(pad, cy, line, t.CaptionSize, fill: t.MutedColor); cy += t.CaptionSize * 1.3; }
        }
        w.Close("svg");
        return w.Finish("ar");
    }
}
