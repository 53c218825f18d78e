using System.Xml.Linq;
using AllianceResearch.Presentation.Charts;

namespace AllianceResearch.Tests.Presentation;

/// <summary>Awkward inputs still give a valid drawing or a clear error, never a broken SVG.</summary>
public class EdgeCaseTests
{
    public static TheoryData<string> Cases() => new(Figures().Keys);

    private static Dictionary<string, Func<Figure>> Figures() => new()
    {
        ["no panels"] = () => Figure.Create(300, 200).Title("Empty"),
        ["empty panel"] = () => Figure.Create(300, 200).Panel(p => p),
        ["single point"] = () => Figure.Create(300, 200).Panel(p => p.Scatter([3], [3], "one")),
        ["all NaN line"] = () => Figure.Create(300, 200).Panel(p => p.Line([1, 2, 3], [double.NaN, double.NaN, double.NaN], "gap")),
        ["line with gap"] = () => Figure.Create(400, 300).Panel(p => p.Line([1, 2, 3, 4, 5], [1, 2, double.NaN, 4, 5], "gap")),
        ["negative bars"] = () => Figure.Create(400, 300).Panel(p => p.Bar(["a", "b", "c"], [-3, 2, -1], "x") with { }),
        ["huge values"] = () => Figure.Create(400, 300).Panel(p => p.Line([0, 1], [1e9, 3e9], "big").YFormat(NumberFormat.Yuan(0))),
        ["tiny values"] = () => Figure.Create(400, 300).Panel(p => p.Line([0, 1], [1e-6, 3e-6], "small")),
        ["diverging heatmap"] = () => Charts.Heatmap(["a", "b"], ["x", "y"], new double[,] { { -2, 1 }, { 0.5, double.NaN } }, new HeatmapOptions { Scale = ColorScale.Diverging }),
        ["twelve series"] = () => Enumerable.Range(0, 12).Aggregate(Figure.Create(500, 320), (f, k) => f.EachPanel(p => p)).Panel(p =>
            Enumerable.Range(0, 12).Aggregate(p, (q, k) => q.Line([0, 1, 2], [k, k + 1, k + 0.5], $"series {k}"))),
        ["long CJK title"] = () => Figure.Create(320, 240).Title(string.Concat(Enumerable.Repeat("紧密型县域医共体医保支付方式改革", 4))).Panel(p => p.Line([0, 1], [0, 1])),
        ["event study reference only"] = () => Charts.EventStudy([new("TWFE", -1, 0, double.NaN, double.NaN, double.NaN), new("TWFE", 0, 0.2, 0.05, 0.1, 0.3)]),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void RendersValidSvg(string name)
    {
        var svg = Figures()[name]().ToSvg();
        var doc = XDocument.Parse(svg);
        Assert.Equal("svg", doc.Root!.Name.LocalName);
        Assert.DoesNotContain("NaN", svg);
    }

    [Fact]
    public void SeriesBeyondThePaletteGetADash()
    {
        // Eight Okabe–Ito colours: series 8–11 reuse colours 0–3, so they must differ in dash.
        var svg = Figures()["twelve series"]().ToSvg();
        var doc = XDocument.Parse(svg);
        var lines = doc.Descendants().Where(e => e.Name.LocalName == "path" && (string?)e.Attribute("fill") == "none").ToList();
        Assert.Equal(12, lines.Count);
        Assert.Equal(8, lines.Count(l => l.Attribute("stroke-dasharray") is null));
        Assert.Equal((string?)lines[0].Attribute("stroke"), (string?)lines[8].Attribute("stroke"));
    }

    [Fact]
    public void TooSmallFigureForItsGridSaysSo()
    {
        var f = Figure.Create(120, 100).Panel(p => p).Panel(p => p).Panel(p => p).Panel(p => p).Grid(4).Title("x").Caption("y");
        var ex = Assert.Throws<InvalidOperationException>(() => f.ToSvg());
        Assert.Contains("too small for 4 panel(s)", ex.Message);
    }

    [Fact]
    public void InvertedLimitsAreRejectedWithTheAxisName()
    {
        var f = Figure.Create().Panel(p => p.Line([0, 1], [0, 1]).YLabel("Cost").YLimits(5, 1));
        var ex = Assert.Throws<ArgumentException>(() => f.ToSvg());
        Assert.Contains("Axis 'Cost' has limits [5, 1]", ex.Message);
    }

    [Fact]
    public void DuplicateEventTimesNameTheEstimator()
    {
        var ex = Assert.Throws<ArgumentException>(() => Charts.EventStudy([new("CS", 0, 1, 1, 0, 2), new("CS", 0, 1, 1, 0, 2)]));
        Assert.Contains("estimator 'CS' has 2 rows for event time 0", ex.Message);
    }

    [Fact]
    public void NiceTicksHoldTheirPromisesOnManyRanges()
    {
        // A seeded sweep over ranges spanning twelve orders of magnitude, positive and negative.
        var rng = new Random(20261122);
        for (var k = 0; k < 2000; k++)
        {
            var scale = Math.Pow(10, rng.Next(-6, 7));
            var a = (rng.NextDouble() * 2 - 1) * scale;
            var b = a + rng.NextDouble() * scale + scale * 1e-3;
            var target = rng.Next(2, 11);
            var step = NiceTicks.Step(a, b, target);
            var mantissa = step / Math.Pow(10, Math.Floor(Math.Log10(step) + 1e-12));
            Assert.Contains(Math.Round(mantissa, 9), new[] { 1.0, 2.0, 5.0, 10.0 });
            var ticks = NiceTicks.AtStep(a, b, step);
            Assert.InRange(ticks.Count, 1, 3 * target + 2);
            Assert.All(ticks, v => Assert.InRange(v, a - step * 1e-6, b + step * 1e-6));
            for (var i = 1; i < ticks.Count; i++) Assert.Equal(step, ticks[i] - ticks[i - 1], step * 1e-6);
        }
    }
}
