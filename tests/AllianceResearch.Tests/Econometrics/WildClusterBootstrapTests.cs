using AllianceResearch.Data;
using AllianceResearch.Did;
using AllianceResearch.Econometrics;

namespace AllianceResearch.Tests.Econometrics;

/// <summary>
/// The wild cluster bootstrap is validated three ways: (1) with all 2^G Rademacher sign vectors enumerated its p-value
/// equals a naive implementation that rebuilds y* in the original (undemeaned) space and refits every draw with
/// <see cref="Feols"/> and CR1 errors; (2) its test-inversion interval has p ≈ α at the bounds; (3) Monte Carlo
/// with a known truth: size near 5% under H0 and high power under a large effect, with few clusters.
/// </summary>
public sealed class WildClusterBootstrapTests
{
    private static Panel SmallPanel(int units, int periods, int seed, double effect)
    {
        var rng = new Random(seed);
        var id = new List<int>(); var t = new List<int>(); var x1 = new List<double>(); var x2 = new List<double>(); var y = new List<double>();
        for (int u = 0; u < units; u++)
        {
            double a = rng.NextDouble() * 2, shock = rng.NextDouble() - 0.5, treat = u % 2;
            for (int p = 0; p < periods; p++)
            {
                double d = treat == 1 && p >= periods / 2 ? 1 : 0;
                double z = rng.NextDouble();
                // Cluster-correlated errors: a unit shock that grows after treatment plus noise.
                double e = shock * (1 + d) + (rng.NextDouble() - 0.5);
                id.Add(u); t.Add(p); x1.Add(d); x2.Add(z); y.Add(a + effect * d + 0.7 * z + e);
            }
        }
        return Panel.FromColumns(new PanelSpec("id", "t") { Numeric = ["y", "x1", "x2"] }, new Dictionary<string, Array>
        {
            ["id"] = id.ToArray(), ["t"] = t.ToArray(), ["x1"] = x1.ToArray(), ["x2"] = x2.ToArray(), ["y"] = y.ToArray(),
        });
    }

    [Fact]
    public void EnumeratedPValueEqualsNaiveRefitOverAllSignVectors()
    {
        const int g = 8;
        var panel = SmallPanel(g, 10, seed: 7, effect: 0.3);
        var spec = new FeolsSpec("y", ["x1", "x2"], ["id"]) { Vcov = Vcov.Cluster("id") };
        var fit = Feols.Fit(panel, spec);
        const double b0 = 0.1;
        var boot = WildClusterBootstrap.Test(fit, new WildBootstrapSpec("x1") { NullValue = b0, Replications = 999, ConfidenceInterval = false });
        Assert.True(boot.Enumerated);
        Assert.Equal(256, boot.Replications);

        // Naive: restricted model y − b0·x1 ~ x2 | id; y* = (y − ẽ) + v·ẽ with v constant within each unit; refit each draw.
        var y = panel.Column("y").ToArray();
        var x1 = panel.Column("x1").ToArray();
        var restricted = Feols.Fit(panel.WithColumn("yr", y.Select((v, i) => v - b0 * x1[i]).ToArray()), new FeolsSpec("yr", ["x2"], ["id"]));
        var er = restricted.Residuals;
        var units = panel.UnitCodes.ToArray();
        double tObs = (fit.Estimate("x1") - b0) / fit.StdError("x1");
        int exceed = 0;
        for (int mask = 0; mask < 256; mask++)
        {
            var ystar = new double[y.Length];
            for (int i = 0; i < y.Length; i++)
            {
                double v = ((mask >> units[i]) & 1) == 1 ? 1 : -1;
                ystar[i] = y[i] - er[i] + v * er[i];
            }
            var f = Feols.Fit(panel.WithColumn("ystar", ystar), spec with { Outcome = "ystar" });
            double tStar = (f.Estimate("x1") - b0) / f.StdError("x1");
            if (Math.Abs(tStar) >= Math.Abs(tObs) * (1 - 1e-12)) exceed++;
        }
        Assert.Equal(exceed / 256.0, boot.PValue);
        Assert.Equal(tObs, boot.TStatistic, 12);
    }

    [Fact]
    public void IntervalBoundsAreWhereThePValueCrossesAlpha()
    {
        var panel = SmallPanel(14, 8, seed: 11, effect: 0.5);
        var fit = Feols.Fit(panel, new FeolsSpec("y", ["x1", "x2"], ["id", "t"]) { Vcov = Vcov.Cluster("id") });
        var spec = new WildBootstrapSpec("x1") { Weights = BootstrapWeights.Webb, Replications = 999, Seed = 3 };
        var boot = WildClusterBootstrap.Test(fit, spec);
        Assert.False(boot.Enumerated);
        Assert.True(boot.CiLow < boot.Estimate && boot.Estimate < boot.CiHigh);
        double se = fit.StdError("x1"), eps = 0.02 * se;
        double P(double b) => WildClusterBootstrap.Test(fit, spec with { NullValue = b, ConfidenceInterval = false }).PValue;
        Assert.True(P(boot.CiLow - eps) <= 0.05, "just outside the lower bound the test rejects");
        Assert.True(P(boot.CiLow + eps) > 0.05, "just inside the lower bound it does not");
        Assert.True(P(boot.CiHigh + eps) <= 0.05);
        Assert.True(P(boot.CiHigh - eps) > 0.05);
        // Same seed → same bytes; another seed → a (slightly) different p-value.
        Assert.Equal(boot, WildClusterBootstrap.Test(fit, spec));
        Assert.Contains("Webb", boot.ToString());
    }

    [Fact]
    public void MonteCarloSizeAndPowerWithTwelveClusters()
    {
        // Known truth: effect 1.0 in TwfeSimulatedPanel (12 units, 10 periods, AR(1) errors ρ = 0.5). R = 100 replications,
        // B = 399 Webb draws each. Under H0: β = 1 the rejection rate at 5% should be near 0.05: with R = 100 the binomial
        // SD is 0.022, so we accept ≤ 0.05 + 4·0.022 ≈ 0.14. Power against the false H0: β = −1 (two units from the truth) must be high; we require ≥ 0.8.
        // (Against β = 0 it is only about 0.5 with 12 clusters: few clusters cost power, which is the point of the notebook.)
        int rejectTrue = 0, rejectFalse = 0;
        const int reps = 100;
        for (int r = 0; r < reps; r++)
        {
            var panel = TwfeSimulatedPanel.ToPanel(TwfeSimulatedPanel.Generate(12, 10, seed: 1000 + r, effect: 1.0, rho: 0.5));
            var fit = Feols.Fit(panel, new FeolsSpec("y", ["d", "x1", "x2"], ["id", "t"]) { Vcov = Vcov.Cluster("id") });
            var spec = new WildBootstrapSpec("d") { Weights = BootstrapWeights.Webb, Replications = 399, Seed = r, ConfidenceInterval = false };
            if (WildClusterBootstrap.Test(fit, spec with { NullValue = 1.0 }).PValue <= 0.05) rejectTrue++;
            if (WildClusterBootstrap.Test(fit, spec with { NullValue = -1.0 }).PValue <= 0.05) rejectFalse++;
        }
        double size = rejectTrue / (double)reps, power = rejectFalse / (double)reps;
        Assert.True(size <= 0.14, $"size {size}, power {power}");
        Assert.True(power >= 0.8, $"size {size}, power {power}");
    }
}
