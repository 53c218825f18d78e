using System.Globalization;
using System.Text;
using AllianceResearch.Data;

namespace AllianceResearch.Tests.Data;

/// <summary>The CSV reader's fast number path must give bit-identical doubles to the framework parser.</summary>
public sealed class PanelNumberParsingTests
{
    [Fact]
    public void FastPathAgreesBitForBitWithDoubleParse()
    {
        var rng = new Random(12345);
        string[] formats = ["G15", "R", "F3", "F0", "E5", "G6", "0.000000##"];
        int fastHits = 0, total = 0;
        for (int i = 0; i < 200_000; i++)
        {
            double x = (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-8, 12));
            var text = x.ToString(formats[i % formats.Length], CultureInfo.InvariantCulture);
            if (i % 11 == 0) text = "00" + text.TrimStart('-'); // leading zeros
            var bytes = Encoding.ASCII.GetBytes(text);
            total++;
            if (PanelCsvReader.TryParseFast(bytes, out var fast))
            {
                fastHits++;
                var expected = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
                Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(fast), $"'{text}': {fast:R} vs {expected:R}");
            }
        }
        Assert.True(fastHits > total / 2, $"fast path taken for only {fastHits} of {total}");
        foreach (var bad in new[] { "", "-", ".", "1e", "1.2.3", "abc", "1,5", "--1", "1e+" })
            Assert.False(PanelCsvReader.TryParseFast(Encoding.ASCII.GetBytes(bad), out _), bad);
        Assert.True(PanelCsvReader.TryParseFast("-0"u8, out var negZero) && double.IsNegative(negZero));
        Assert.True(PanelCsvReader.TryParseFast(".5"u8, out var half) && half == 0.5);
        Assert.True(PanelCsvReader.TryParseFast("5."u8, out var five) && five == 5);
    }
}
