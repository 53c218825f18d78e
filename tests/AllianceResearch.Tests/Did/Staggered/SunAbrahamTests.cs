using AllianceResearch.Did.Staggered;

namespace AllianceResearch.Tests.Did.Staggered;

/// <summary>Sun–Abraham on mpdta against fixest 0.14.2's sunab (mpdta_fixest_sunab.csv: cluster by county, default ssc).</summary>
public sealed class SunAbrahamTests(ITestOutputHelper output)
{
    [Fact]
    public void EstimatesAndClusteredStandardErrorsMatchFixest()
    {
        var r = StaggeredDid.SunAbraham(Mpdta.Panel(), new SunAbrahamSpec("lemp"));
        double maxEst = 0, maxSe = 0;
        foreach (var row in Mpdta.ReadCsv("mpdta_fixest_sunab.csv"))
        {
            var c = row["output"] switch
            {
                "relative_period" => r.RelativePeriods.Single(x => "year::" + x.Term == row["term"]),
                "agg_ATT" => r.Att,
                "agg_cohort" => r.Cohorts.Single(x => "cohort::" + x.Term == row["term"]),
                _ => r.Interactions.Single(x => Interaction(x.Term) == row["term"]),
            };
            double de = Mpdta.RelDiff(c.Estimate, Mpdta.Num(row["estimate"])), ds = Mpdta.RelDiff(c.StdError, Mpdta.Num(row["std_error"]));
            double dp = Mpdta.RelDiff(c.PValue, Mpdta.Num(row["p_value"]));
            Assert.True(de < 1e-6 && ds < 1e-6 && dp < 1e-5, $"{row["term"]}: est {c.Estimate} vs {row["estimate"]}, se {c.StdError} vs {row["std_error"]}, p {c.PValue} vs {row["p_value"]}");
            maxEst = Math.Max(maxEst, de); maxSe = Math.Max(maxSe, ds);
        }
        output.WriteLine($"sunab: max rel diff estimate {maxEst:E2}, se {maxSe:E2}");
        Assert.Equal(2500, r.Observations);
        Assert.Contains("Sun–Abraham", r.ToHtml());
        Assert.Equal(8, r.EventStudy().Count); // -4..3 with the reference period -1 as 0
    }

    [Fact]
    public void AggregatedAttEqualsCallawaySantAnnaSimpleAggregate()
    {
        // README of the reference folder: on mpdta the two agree to 3e-15 (same cells, same cohort-share weights).
        var sa = StaggeredDid.SunAbraham(Mpdta.Panel(), new SunAbrahamSpec("lemp"));
        var cs = StaggeredDid.CallawaySantAnna(Mpdta.Panel(), new CallawaySantAnnaSpec("lemp")).Aggregate(new AggregationSpec(AggregationType.Simple));
        Assert.Equal(cs.Att, sa.Att.Estimate, 1e-12);
    }

    private static string Interaction(string term)
    {
        var parts = term.Split(':');
        return $"year::{parts[0]}:cohort::{parts[1]}";
    }
}
