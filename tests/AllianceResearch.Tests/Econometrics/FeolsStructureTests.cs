using AllianceResearch.Data;
using AllianceResearch.Econometrics;

namespace AllianceResearch.Tests.Econometrics;

/// <summary>Checks of the fixed-effects machinery against independent constructions (no R needed).</summary>
public sealed class FeolsStructureTests
{
    private static Panel MpdtaWithD()
    {
        var p = FeolsMpdtaTests.Mpdta();
        return p.WithColumn("D", p.TreatmentFromCohort());
    }

    [Fact]
    public void UnbalancedAlternatingProjectionsEqualsExplicitUnitDummies()
    {
        // Drop every 7th row: unbalanced, so unit + year FE need alternating projections. The same model with the
        // 500 county effects as explicit dummy regressors and only the year FE absorbed (one-way, exact) must give
        // the same D coefficient and iid SE (the K count is the same: 1 + 500 + 5 − 1).
        var full = MpdtaWithD();
        var panel = full.Where(r => r % 7 != 3);
        Assert.False(panel.IsBalanced);
        var ap = Feols.Fit(panel, new FeolsSpec("lemp", ["D"], ["countyreal", "year"]) { RemoveSingletons = false });
        Assert.Equal(AbsorptionMethod.AlternatingProjections, ap.Absorption.Method);
        Assert.True(ap.Absorption.Converged);

        var units = panel.UnitCodes.ToArray();
        var withDummies = panel;
        var names = new List<string>();
        for (int u = 1; u < panel.UnitCount; u++) // unit 0 is the base level, absorbed by the year FE's constant
        {
            var name = "u" + u;
            withDummies = withDummies.WithColumn(name, units.Select(c => c == u ? 1.0 : 0.0).ToArray());
            names.Add(name);
        }
        var dummies = Feols.Fit(withDummies, new FeolsSpec("lemp", ["D", .. names], ["year"]) { RemoveSingletons = false });
        Assert.Equal(AbsorptionMethod.OneWayExact, dummies.Absorption.Method);
        ReferenceCsv.Close(dummies.Estimate("D"), ap.Estimate("D"), 1e-8, "estimate");
        ReferenceCsv.Close(dummies.StdError("D"), ap.StdError("D"), 1e-8, "iid SE");
        ReferenceCsv.Close(dummies.Rss, ap.Rss, 1e-8, "RSS");
    }

    [Fact]
    public void TwoWayClusterIsTheSumOfOneWayPiecesWithMinGCorrection()
    {
        // Cameron–Gelbach–Miller: V = c·(CL0_county + CL0_year − CL0_county×year); county×year is one row per cluster, so
        // its term is HC0. fixest's defaults: c = Gmin/(Gmin − 1)·(n − 1)/(n − K), Gmin = 5 years, and K counts neither FE
        // (each is nested in one of the cluster variables): K = 1 + 1 + 1 − 1 = 2 (the slope plus one level per dimension, minus one).
        var fit = Feols.Fit(MpdtaWithD(), new FeolsSpec("lemp", ["D"], ["countyreal", "year"]));
        double cl0County = Math.Pow(fit.WithVcov(Vcov.Cluster("countyreal").WithSsc(SmallSampleCorrection.NoAdjustment)).StdError("D"), 2);
        double cl0Year = Math.Pow(fit.WithVcov(Vcov.Cluster("year").WithSsc(SmallSampleCorrection.NoAdjustment)).StdError("D"), 2);
        double hc0 = Math.Pow(fit.WithVcov(Vcov.Hetero.WithSsc(new SmallSampleCorrection(KAdjust: false))).StdError("D"), 2);
        var twoWay = fit.WithVcov(Vcov.TwoWayCluster("countyreal", "year"));
        Assert.Equal(2, twoWay.Covariance!.K);
        Assert.Equal(4, twoWay.TDegreesOfFreedom); // t.df = min(G) − 1
        double n = 2500, k = 2, g = 5;
        double expected = g / (g - 1) * (n - 1) / (n - k) * (cl0County + cl0Year - hc0);
        ReferenceCsv.Close(expected, Math.Pow(twoWay.StdError("D"), 2), 1e-12, "two-way variance");
        Assert.Equal([500, 5], twoWay.Covariance.Clusters);
    }

    [Fact]
    public void IntegerWeightsEqualDuplicatedRows()
    {
        // Weighted least squares with weight 2 on some rows gives the same coefficients as duplicating those rows.
        var rows = new List<(int Id, int T, double Y, double X, double W)>();
        var rng = new Random(5);
        for (int u = 0; u < 30; u++)
            for (int t = 0; t < 6; t++)
                rows.Add((u, t, rng.NextDouble() + 0.1 * t + u % 3, rng.NextDouble(), (u + t) % 3 == 0 ? 2 : 1));
        var spec = new PanelSpec("id", "t") { Numeric = ["y", "x", "w"], Weights = "w" };
        var weighted = Panel.FromColumns(spec, new Dictionary<string, Array>
        {
            ["id"] = rows.Select(r => r.Id).ToArray(), ["t"] = rows.Select(r => r.T).ToArray(),
            ["y"] = rows.Select(r => r.Y).ToArray(), ["x"] = rows.Select(r => r.X).ToArray(), ["w"] = rows.Select(r => r.W).ToArray(),
        });
        var fw = Feols.Fit(weighted, new FeolsSpec("y", ["x"], ["id", "t"]) { Weights = "w" });
        // Duplicates need a distinct time key: (id, t) → (id, 10·t + copy); the time FE is then a factor of t itself.
        var dup = rows.SelectMany(r => Enumerable.Range(0, (int)r.W).Select(c => (r.Id, T2: 10 * r.T + c, r.T, r.Y, r.X))).ToList();
        var duplicated = Panel.FromColumns(new PanelSpec("id", "t2") { Numeric = ["y", "x", "t"] }, new Dictionary<string, Array>
        {
            ["id"] = dup.Select(r => r.Id).ToArray(), ["t2"] = dup.Select(r => r.T2).ToArray(), ["t"] = dup.Select(r => (double)r.T).ToArray(),
            ["y"] = dup.Select(r => r.Y).ToArray(), ["x"] = dup.Select(r => r.X).ToArray(),
        });
        var fd = Feols.Fit(duplicated, new FeolsSpec("y", ["x"], ["id", "t"]));
        ReferenceCsv.Close(fd.Estimate("x"), fw.Estimate("x"), 1e-9, "weighted estimate");
        ReferenceCsv.Close(fd.Rss, fw.Rss, 1e-9, "weighted RSS");
    }

    [Fact]
    public void SingletonsAreRemovedAndReported()
    {
        // Unit 9 appears once: alone in its unit level, it is fit perfectly by its own effect and removed.
        var ids = new List<int>(); var ts = new List<int>(); var ys = new List<double>(); var xs = new List<double>();
        for (int u = 0; u < 5; u++) for (int t = 0; t < 4; t++) { ids.Add(u); ts.Add(t); ys.Add(u + t + 0.3 * ((u * 7 + t * 3) % 5)); xs.Add((u * 3 + t * 5) % 7); }
        ids.Add(9); ts.Add(2); ys.Add(100); xs.Add(1);
        var panel = Panel.FromColumns(new PanelSpec("id", "t") { Numeric = ["y", "x"] }, new Dictionary<string, Array>
        { ["id"] = ids.ToArray(), ["t"] = ts.ToArray(), ["y"] = ys.ToArray(), ["x"] = xs.ToArray() });
        var fit = Feols.Fit(panel, new FeolsSpec("y", ["x"], ["id", "t"]));
        Assert.Equal(1, fit.SingletonsRemoved);
        Assert.Equal(20, fit.Observations);
        Assert.Contains(fit.Messages, m => m.Contains("1 singleton"));
        var kept = Feols.Fit(panel, new FeolsSpec("y", ["x"], ["id", "t"]) { RemoveSingletons = false });
        Assert.Equal(21, kept.Observations);
        // The singleton carries no information on the slope: same estimate either way.
        ReferenceCsv.Close(kept.Estimate("x"), fit.Estimate("x"), 1e-9, "slope");
    }
}
