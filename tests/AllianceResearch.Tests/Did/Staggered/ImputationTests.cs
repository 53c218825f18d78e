using AllianceResearch.Did.Staggered;

namespace AllianceResearch.Tests.Did.Staggered;

/// <summary>Borusyak–Jaravel–Spiess imputation on mpdta against R didimputation 0.5.0 (mpdta_didimputation.csv).</summary>
public sealed class ImputationTests(ITestOutputHelper output)
{
    [Fact]
    public void StaticAndEventTimeEstimatesMatchDidimputation()
    {
        var rows = Mpdta.ReadCsv("mpdta_didimputation.csv");
        var stat = StaggeredDid.Imputation(Mpdta.Panel(), new ImputationSpec("lemp"));
        var es = StaggeredDid.Imputation(Mpdta.Panel(), new ImputationSpec("lemp", Horizons: [], PreTrends: [-3, -2, -1]));
        double maxEst = 0, maxSe = 0;
        foreach (var r in rows)
        {
            var c = r["model"] == "static" ? stat.Effects.Single(e => e.Term == "treat")
                : es.Effects.SingleOrDefault(e => e.Term == r["term"]) ?? es.PreTrend!.Coefficients.Single(e => e.Term == r["term"]);
            double de = Mpdta.RelDiff(c.Estimate, Mpdta.Num(r["estimate"])), ds = Mpdta.RelDiff(c.StdError, Mpdta.Num(r["std.error"]));
            output.WriteLine($"{r["model"]} {r["term"]}: est {c.Estimate:R} vs {r["estimate"]} ({de:E1}), se {c.StdError:R} vs {r["std.error"]} ({ds:E1})");
            maxEst = Math.Max(maxEst, de); maxSe = Math.Max(maxSe, ds);
        }
        output.WriteLine($"didimputation: max rel diff estimate {maxEst:E2}, se {maxSe:E2}");
        Assert.True(maxEst < 1e-6 && maxSe < 1e-6, $"estimate {maxEst}, se {maxSe}");
    }

    [Fact]
    public void FirstStageSolvesTheNormalEquationsExactly()
    {
        // The 1e-7 gap in the point estimates above is R's side: fixest recovers fixed effects iteratively to a tolerance.
        // Ours solve the normal equations exactly: residuals on untreated cells sum to zero per unit and per period.
        var data = Mpdta.Load();
        int n = data.UnitCount, T = data.PeriodCount;
        var untreated = new bool[n * T];
        for (int i = 0; i < n; i++) for (int t = 0; t < T; t++) untreated[i * T + t] = !data.Treated(i, t);
        var e = new TwoWayProjection(untreated, n, T).Residualise(data.Outcome);
        for (int i = 0; i < n; i++) Assert.True(Math.Abs(Enumerable.Range(0, T).Sum(t => e[i * T + t])) < 1e-11);
        for (int t = 0; t < T; t++) Assert.True(Math.Abs(Enumerable.Range(0, n).Sum(i => e[i * T + t])) < 1e-10);
    }

    [Fact]
    public void PreTrendTestAndRenderingAreReported()
    {
        var r = StaggeredDid.Imputation(Mpdta.Panel(), new ImputationSpec("lemp", Horizons: [0, 1], PreTrends: [-3, -2, -1]));
        Assert.Equal(["0", "1"], r.Effects.Select(e => e.Term));
        Assert.Equal(3, r.PreTrend!.DegreesOfFreedom);
        Assert.InRange(r.PreTrend.ChiSquarePValue, 0, 1);
        Assert.Equal([-3, -2, -1, 0, 1], r.EventStudy().Select(x => x.EventTime));
        Assert.Contains("Pre-trend test", r.ToHtml());
        Assert.Throws<ArgumentException>(() => StaggeredDid.Imputation(Mpdta.Panel(), new ImputationSpec("lemp", Horizons: [9])));
    }
}
