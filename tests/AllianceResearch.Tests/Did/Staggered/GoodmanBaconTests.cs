using AllianceResearch.Did.Staggered;

namespace AllianceResearch.Tests.Did.Staggered;

/// <summary>Goodman-Bacon decomposition on mpdta against R bacondecomp 0.1.3 (bacon_decomp.csv, bacon_summary.csv)
/// and fixest's TWFE coefficient (mpdta_fixest_twfe.csv).</summary>
public sealed class GoodmanBaconTests(ITestOutputHelper output)
{
    [Fact]
    public void EveryTwoByTwoMatchesBacondecomp()
    {
        var d = StaggeredDid.GoodmanBacon(Mpdta.Panel(), "lemp");
        var rows = Mpdta.ReadCsv("bacon_decomp.csv");
        Assert.Equal(rows.Count, d.Comparisons.Count);
        double maxEst = 0, maxW = 0;
        foreach (var r in rows)
        {
            var c = d.Comparisons.Single(x => x.Treated == Mpdta.Num(r["treated"]) && x.Control == Mpdta.Num(r["untreated"]));
            Assert.Equal(r["type"], c.TypeLabel);
            maxEst = Math.Max(maxEst, Mpdta.RelDiff(c.Estimate, Mpdta.Num(r["estimate"])));
            maxW = Math.Max(maxW, Mpdta.RelDiff(c.Weight, Mpdta.Num(r["weight"])));
        }
        output.WriteLine($"bacon_decomp: max rel diff estimate {maxEst:E2}, weight {maxW:E2}");
        Assert.True(maxEst < 1e-6 && maxW < 1e-6, $"estimate {maxEst}, weight {maxW}");
        foreach (var r in Mpdta.ReadCsv("bacon_summary.csv").Where(r => r["n_comparisons"] != "NA" && !r["type"].StartsWith("TOTAL")))
        {
            var s = d.Summary.Single(x => new BaconTwoByTwo(0, 0, x.Type, 0, 0).TypeLabel == r["type"]);
            Assert.Equal((int)Mpdta.Num(r["n_comparisons"]), s.Comparisons);
            Assert.True(Mpdta.RelDiff(s.Weight, Mpdta.Num(r["weight"])) < 1e-6);
            Assert.True(Mpdta.RelDiff(s.AverageEstimate, Mpdta.Num(r["avg_estimate"])) < 1e-6);
        }
    }

    [Fact]
    public void WeightedSumReproducesTheTwfeCoefficient()
    {
        var d = StaggeredDid.GoodmanBacon(Mpdta.Panel(), "lemp");
        var fixest = Mpdta.ReadCsv("mpdta_fixest_twfe.csv").First(r => r["term"] == "D");
        double twfe = Mpdta.Num(fixest["estimate"]);
        output.WriteLine($"weighted sum {d.WeightedSum:R}, direct TWFE {d.TwfeCoefficient:R}, fixest {twfe:R}");
        Assert.Equal(1.0, d.Comparisons.Sum(c => c.Weight), 1e-14);
        Assert.True(Math.Abs(d.WeightedSum - d.TwfeCoefficient) < 1e-13, $"{d.WeightedSum} vs {d.TwfeCoefficient}");
        Assert.True(Mpdta.RelDiff(d.WeightedSum, twfe) < 1e-9);
        Assert.True(Mpdta.RelDiff(d.TwfeCoefficient, twfe) < 1e-9);
        Assert.Contains("Later vs Earlier", d.ToHtml());
    }
}
