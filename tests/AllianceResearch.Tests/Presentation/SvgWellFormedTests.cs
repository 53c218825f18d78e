using System.Xml.Linq;
using AllianceResearch.Presentation;
using AllianceResearch.Presentation.Charts;

namespace AllianceResearch.Tests.Presentation;

/// <summary>Every chart kind yields a parseable, accessible, deterministic SVG document.</summary>
public class SvgWellFormedTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public static TheoryData<string> ChartNames() => new(ChartSamples.All().Select(c => c.Name));

    private static ISvgRenderable Chart(string name) => ChartSamples.All().Single(c => c.Name == name).Chart;

    [Theory]
    [MemberData(nameof(ChartNames))]
    public void ParsesAsSvgWithTitleAndDescription(string name)
    {
        var svg = Chart(name).ToSvg();
        var doc = XDocument.Parse(svg);
        Assert.Equal(Svg + "svg", doc.Root!.Name);
        Assert.False(string.IsNullOrWhiteSpace(doc.Root.Element(Svg + "title")?.Value), "missing <title>");
        Assert.False(string.IsNullOrWhiteSpace(doc.Root.Element(Svg + "desc")?.Value), "missing <desc>");
        Assert.Contains("Noto Sans CJK SC", (string?)doc.Root.Attribute("font-family"));
        // Ids are unique and every url(#…) reference resolves inside the document.
        var ids = doc.Descendants().Select(e => (string?)e.Attribute("id")).Where(i => i is not null).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        foreach (var reference in System.Text.RegularExpressions.Regex.Matches(svg, @"url\(#([^)]+)\)").Select(m => m.Groups[1].Value))
            Assert.Contains(reference, ids);
        // No culture-dependent decimal commas or non-finite numbers leaked into coordinates.
        Assert.DoesNotContain("NaN", svg);
        Assert.DoesNotContain("Infinity", svg);
    }

    [Theory]
    [MemberData(nameof(ChartNames))]
    public void SameInputGivesSameBytes(string name)
    {
        Assert.Equal(Chart(name).ToSvg(), ChartSamples.All().Single(c => c.Name == name).Chart.ToSvg());
    }

    [Fact]
    public void DifferentFiguresGetDifferentIdPrefixes()
    {
        // Two charts inlined in one notebook page must not share clip-path ids.
        static string Prefix(string svg) => System.Text.RegularExpressions.Regex.Match(svg, "id=\"(ar-[0-9a-f]{8})-title\"").Groups[1].Value;
        Assert.NotEqual(Prefix(ChartSamples.Line().ToSvg()), Prefix(ChartSamples.Scatter().ToSvg()));
    }

    [Fact]
    public void TextIsEscaped()
    {
        var svg = Figure.Create(400, 300).Title("A < B & \"C\"").Panel(p => p.Line([0, 1], [0, 1], "x<y>&z")).ToSvg();
        var doc = XDocument.Parse(svg);
        Assert.Equal("A < B & \"C\"", doc.Root!.Element(Svg + "title")!.Value);
        Assert.Contains(doc.Descendants(Svg + "text"), e => e.Value == "x<y>&z");
    }

    [Fact]
    public void CoordinatesHaveAtMostTwoDecimals()
    {
        var svg = ChartSamples.EventStudy().ToSvg();
        var numbers = System.Text.RegularExpressions.Regex.Matches(svg, @"(?<![#\w])-?\d+\.(\d+)").Select(m => m.Groups[1].Value.Length);
        Assert.All(numbers, n => Assert.True(n <= 2, $"a number with {n} decimals"));
    }

    [Fact]
    public void InchesAtDpiSetPixelSize()
    {
        var f = Figure.CreateInches(6.5, 4, dpi: 100);
        Assert.Equal(650, f.Width);
        Assert.Equal(400, f.Height);
        Assert.Contains("width=\"650\" height=\"400\"", f.Panel(p => p.Line([0, 1], [0, 1])).ToSvg());
    }

    [Fact]
    public void SaveSvgWritesAtomicallyAndLeavesNoTemporaryFile()
    {
        var dir = Directory.CreateTempSubdirectory("ar-svg-");
        try
        {
            var path = Path.Combine(dir.FullName, "chart.svg");
            ChartSamples.Scatter().SaveSvg(path);
            ChartSamples.Scatter().SaveSvg(path); // overwrite
            Assert.Equal(ChartSamples.Scatter().ToSvg(), File.ReadAllText(path));
            Assert.Single(Directory.GetFiles(dir.FullName));
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public void FiguresCarryTheFormatterSourceOnTheConcreteType()
    {
        foreach (var type in new[] { typeof(Figure), typeof(FlowDiagram), typeof(AllianceResearch.Presentation.Tables.Table) })
        {
            var attr = type.GetCustomAttributes(typeof(TypeFormatterSourceAttribute), inherit: false).Cast<TypeFormatterSourceAttribute>().Single();
            Assert.Equal(typeof(LibraryFormatterSource), attr.FormatterSourceType);
        }
    }

    [Fact]
    public void LayersAreImmutableCopiesOfTheInput()
    {
        var x = new double[] { 1, 2, 3 };
        var fig = Figure.Create().Panel(p => p.Line(x, [4, 5, 6], "a"));
        x[0] = 99;
        Assert.Equal(1, ((LineLayer)fig.Panels[0].Layers[0]).X[0]);
    }

    [Fact]
    public void MismatchedLengthsNameTheArrays()
    {
        var ex = Assert.Throws<ArgumentException>(() => Figure.Create().Panel(p => p.Line([1, 2, 3], [1, 2], "a")));
        Assert.Contains("'x' has 3 values but 'y' has 2", ex.Message);
    }

    [Fact]
    public void PrismaCountsMustAddUp()
    {
        var ex = Assert.Throws<ArgumentException>(() => FlowDiagram.Prisma([new("Identified", 129), new("Screened", 70, "Excluded", 69)]));
        Assert.Contains("129 minus 69 excluded is 60", ex.Message);
    }

    private static double A(XElement e, string name) => double.Parse((string)e.Attribute(name)!, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void InsideLegendCoversNoDataPoint()
    {
        // The line sample has room in its upper-left corner, so Auto puts the legend inside, over no marker.
        var doc = XDocument.Parse(ChartSamples.Line().ToSvg());
        var legend = doc.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "legend");
        var bg = legend.Element(Svg + "rect")!;
        var (x, y, w, h) = (A(bg, "x"), A(bg, "y"), A(bg, "width"), A(bg, "height"));
        var points = doc.Descendants(Svg + "circle").Where(c => !c.Ancestors().Contains(legend)).ToList();
        Assert.Equal(16, points.Count); // two series × eight years
        Assert.All(points, c => Assert.False(A(c, "cx") > x - 3 && A(c, "cx") < x + w + 3 && A(c, "cy") > y - 3 && A(c, "cy") < y + h + 3,
            $"marker at ({A(c, "cx")}, {A(c, "cy")}) lies under the legend"));
    }

    [Fact]
    public void GreyscaleUsesNoPaletteColourAndHatchesBars()
    {
        foreach (var svg in new[] { ChartSamples.Greyscale().ToSvg(), ChartSamples.GreyscaleBars().ToSvg() })
            foreach (var colour in Palettes.OkabeIto.Where(c => c != "#000000"))
                Assert.DoesNotContain(colour, svg, StringComparison.OrdinalIgnoreCase);
        var bars = ChartSamples.GreyscaleBars().ToSvg();
        Assert.Contains("<pattern", bars);
        // Series are told apart by shape: the greyscale event study draws squares and triangles as well as circles.
        Assert.Contains("<rect", ChartSamples.Greyscale().ToSvg());
        Assert.Matches("<path d=\"M[0-9.]+,[0-9.]+L[0-9.]+,[0-9.]+L[0-9.]+,[0-9.]+Z\" fill=\"#", ChartSamples.Greyscale().ToSvg());
    }

    [Fact]
    public void SharedAxesGiveFacetsOneRange()
    {
        // Four facets with different data ranges: with shared axes every panel prints the same y ticks (only the first column shows them).
        var svg = ChartSamples.SmallMultiples().ToSvg();
        var doc = XDocument.Parse(svg);
        var panels = doc.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "panel").ToList();
        Assert.Equal(4, panels.Count);
        var gridYs = panels.Select(p => string.Join(",", p.Descendants(Svg + "line").Where(l => (string?)l.Attribute("stroke") == "#E6E6E6").Select(l => (string)l.Attribute("y1")!))).ToList();
        Assert.Single(gridYs.Distinct());
    }

    [Fact]
    public void WritesPreviewWhenAsked()
    {
        // Set CHART_PREVIEW_DIR to a folder to get every sample as SVG for looking at in a browser.
        var dir = Environment.GetEnvironmentVariable("CHART_PREVIEW_DIR");
        if (string.IsNullOrEmpty(dir)) return;
        Directory.CreateDirectory(dir);
        foreach (var (name, chart) in ChartSamples.All()) AtomicFile.WriteAllText(Path.Combine(dir, name + ".svg"), chart.ToSvg());
    }
}
