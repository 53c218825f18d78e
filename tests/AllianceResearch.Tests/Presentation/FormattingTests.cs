using AllianceResearch.Presentation.Charts;

namespace AllianceResearch.Tests.Presentation;

/// <summary>Tick placement and number formatting, against values worked out by hand.</summary>
public class FormattingTests
{
    [Theory]
    // range 0–1 in ~5 steps: raw 0.2 → 2×10⁻¹; 0–97 → raw 19.4 → 2×10 = 20; 0–0.013 → raw 0.0026 → 2×10⁻³ (f=2.6 < 3).
    [InlineData(0, 1, 5, 0.2)]
    [InlineData(0, 97, 5, 20)]
    [InlineData(0, 0.013, 5, 0.002)]
    // raw 3.4 → f = 3.4 → 5; raw 1.2 → 1.
    [InlineData(0, 17, 5, 5)]
    [InlineData(-3, 3, 5, 1)]
    public void NiceStepsAreOneTwoFiveTimesAPowerOfTen(double min, double max, int target, double expected) =>
        Assert.Equal(expected, NiceTicks.Step(min, max, target), 12);

    [Fact]
    public void TickValuesAreInsideTheRangeAndFreeOfFloatingNoise()
    {
        Assert.Equal([0.1, 0.2, 0.3, 0.4, 0.5], NiceTicks.AtStep(0.05, 0.52, 0.1));
        Assert.Equal([-2.0, -1, 0, 1, 2, 3], NiceTicks.AtStep(-2.4, 3.1, 1));
    }

    [Fact]
    public void IntegerTicksNeverGoBelowOne() => Assert.Equal(1, NiceTicks.Step(-2, 3, 10, integer: true));

    [Theory]
    [InlineData(0.125, "12.5%")]
    [InlineData(-0.05, "\u22125.0%")]
    public void PercentMultipliesByHundred(double v, string expected) => Assert.Equal(expected, NumberFormat.Percent(1).Format(v));

    [Fact]
    public void FormatsHandleThousandsYuanUnitsAndSteps()
    {
        Assert.Equal("1,234,568", NumberFormat.Thousands(0).Format(1234567.5));
        Assert.Equal("\u00A51,234.50", NumberFormat.Yuan(2).Format(1234.5));
        Assert.Equal("\u2212\u00A5820", NumberFormat.Yuan(0).Format(-820));
        Assert.Equal("3.5 万元", NumberFormat.WithUnit(" 万元", 1).Format(3.5));
        Assert.Equal("12%", NumberFormat.PercentPoints(0).Format(12.4));
        // Auto: decimals follow the tick step (0.05 → 2), grouping from 10,000.
        Assert.Equal("0.15", NumberFormat.Auto.Format(0.15, 0.05));
        Assert.Equal("25,000", NumberFormat.Auto.Format(25000, 5000));
        Assert.Equal("0.0", NumberFormat.Auto.Format(-0.0000001, 0.1)); // no "−0.0"
    }

    [Fact]
    public void TextWidthCountsCjkAsFullWidth()
    {
        // At 10 px a CJK glyph is 10 px (one em); six of them are 60 px, about twice a Latin word of six letters.
        Assert.Equal(60, TextMetrics.Width("县域内就诊率", 10), 9);
        Assert.InRange(TextMetrics.Width("county", 10), 25, 35);
        Assert.True(TextMetrics.IsWide('（'));
        Assert.False(TextMetrics.IsWide('A'));
    }

    [Fact]
    public void WrapBreaksChineseAnywhereAndLatinAtSpaces()
    {
        Assert.Equal(["县域内就诊", "率"], TextMetrics.Wrap("县域内就诊率", 10, 50));
        Assert.Equal(["Actual", "spending"], TextMetrics.Wrap("Actual spending", 10, 40));
    }

    [Fact]
    public void RampsAreEndpointsAndContrastPicksTextColour()
    {
        Assert.Equal("#F7FBFF", ColorRamps.At(ColorScale.Blues, 0));
        Assert.Equal("#08306B", ColorRamps.At(ColorScale.Blues, 1));
        Assert.Equal("#FFFFFF", ColorRamps.TextOn("#08306B"));
        Assert.Equal("#1F1F1F", ColorRamps.TextOn("#F7FBFF"));
    }
}
