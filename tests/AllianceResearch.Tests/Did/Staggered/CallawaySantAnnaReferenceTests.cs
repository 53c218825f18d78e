using AllianceResearch.Did.Staggered;

namespace AllianceResearch.Tests.Did.Staggered;

/// <summary>
/// Every ATT(g,t) and aggregate of R did 2.3.0 on mpdta (../shared/reference/expected/mpdta_did_attgt.csv and
/// mpdta_did_aggte.csv; bstrap = FALSE, so analytic influence-function SEs) reproduced to 1e-6 relative.
/// </summary>
public sealed class CallawaySantAnnaReferenceTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-6;

    private static (ComparisonGroup, CovariateMethod, BasePeriod, bool) Variant(Dictionary<string, string> r) => (
        r["control_group"] == "nevertreated" ? ComparisonGroup.NeverTreated : ComparisonGroup.NotYetTreated,
        r["est_method"] switch { "dr" => CovariateMethod.DoublyRobust, "ipw" => CovariateMethod.InverseProbabilityWeighting, _ => CovariateMethod.OutcomeRegression },
        r["base_period"] == "varying" ? BasePeriod.Varying : BasePeriod.Universal,
        r["xformla"] != "~1");

    [Fact]
    public void GroupTimeEffectsMatchDid()
    {
        var rows = Mpdta.ReadCsv("mpdta_did_attgt.csv");
        double maxAtt = 0, maxSe = 0;
        foreach (var variant in rows.GroupBy(Variant))
        {
            var (cmp, method, bp, cov) = variant.Key;
            var core = CallawaySantAnnaCore.Estimate(Mpdta.Load(cov), cmp, bp, 0, method);
            foreach (var r in variant)
            {
                double g = Mpdta.Num(r["group"]), t = Mpdta.Num(r["time"]);
                int k = Enumerable.Range(0, core.Att.Length).Single(i => core.Groups[i] == g && core.Times[i] == t);
                double se = CallawaySantAnnaCore.StdError(core.Influence[k], null);
                double da = Mpdta.RelDiff(core.Att[k], Mpdta.Num(r["att"])), ds = Mpdta.RelDiff(se, Mpdta.Num(r["se"]));
                if (Mpdta.Num(r["att"]) == 0) da = Math.Abs(core.Att[k]);
                maxAtt = Math.Max(maxAtt, da); maxSe = Math.Max(maxSe, ds);
                Assert.True(da < Tolerance && ds < Tolerance, $"{variant.Key} g={g} t={t}: att {core.Att[k]} vs {r["att"]}, se {se} vs {r["se"]}");
            }
            Assert.Equal(variant.Count(), core.Att.Length);
        }
        output.WriteLine($"att_gt: {rows.Count} rows, max rel diff att {maxAtt:E2}, se {maxSe:E2}");
    }

    [Fact]
    public void AggregatesMatchDid()
    {
        var rows = Mpdta.ReadCsv("mpdta_did_aggte.csv");
        double maxAtt = 0, maxSe = 0;
        foreach (var variant in rows.GroupBy(r => (Variant(r), r["agg_type"])))
        {
            var (cmp, method, bp, cov) = variant.Key.Item1;
            var type = variant.Key.Item2 switch { "simple" => AggregationType.Simple, "group" => AggregationType.Group, "dynamic" => AggregationType.Dynamic, _ => AggregationType.Calendar };
            var core = CallawaySantAnnaCore.Estimate(Mpdta.Load(cov), cmp, bp, 0, method);
            var (overall, comps) = CallawaySantAnnaAggregation.Compute(core, new AggregationSpec(type));
            foreach (var r in variant)
            {
                AggregatedPiece piece = r["component"] == "overall" ? overall : comps.Single(c => c.Key == Mpdta.Num(r["value"]));
                double se = CallawaySantAnnaCore.StdError(piece.Influence, null);
                double refAtt = Mpdta.Num(r["att"]);
                double da = refAtt == 0 ? Math.Abs(piece.Att) : Mpdta.RelDiff(piece.Att, refAtt);
                double ds = Mpdta.RelDiff(se, Mpdta.Num(r["se"]));
                maxAtt = Math.Max(maxAtt, da); maxSe = Math.Max(maxSe, ds);
                Assert.True(da < Tolerance && ds < Tolerance, $"{variant.Key} {r["component"]} {r["value"]}: att {piece.Att} vs {r["att"]}, se {se} vs {r["se"]}");
            }
            Assert.Equal(variant.Count(), comps.Count + 1);
        }
        output.WriteLine($"aggte: {rows.Count} rows, max rel diff att {maxAtt:E2}, se {maxSe:E2}");
    }
}
