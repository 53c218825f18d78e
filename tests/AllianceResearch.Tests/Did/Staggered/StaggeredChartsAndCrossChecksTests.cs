using AllianceResearch.Did.Staggered;
using AllianceResearch.Econometrics;
using AllianceResearch.Simulation;

namespace AllianceResearch.Tests.Did.Staggered;

/// <summary>Charts render from the results; cross-checks between estimators and the shared regression engine.</summary>
public sealed class StaggeredChartsAndCrossChecksTests
{
    [Fact]
    public void ChartsRenderEveryEstimatorsRows()
    {
        var panel = Mpdta.Panel();
        var cs = StaggeredDid.CallawaySantAnna(panel, new CallawaySantAnnaSpec("lemp") { Bootstrap = new BootstrapSpec(300, 3) })
            .Aggregate(new AggregationSpec(AggregationType.Dynamic));
        var sa = StaggeredDid.SunAbraham(panel, new SunAbrahamSpec("lemp"));
        var svg = StaggeredCharts.EventStudy(cs.EventStudy().Concat(sa.EventStudy()), "CS vs SA").ToSvg();
        Assert.StartsWith("<svg", svg.TrimStart());
        Assert.Contains("Sun–Abraham", svg);
        Assert.Contains("Callaway–Sant", svg);
        Assert.Contains("simultaneous", cs.ToChart().ToSvg());
        var bacon = StaggeredDid.GoodmanBacon(panel, "lemp").ToChart().ToSvg();
        Assert.Contains("Later vs Earlier Treated", bacon);
        var placebo = StaggeredDid.Placebo(panel, new PlaceboSpec("lemp", 60, 2)).ToChart().ToSvg();
        Assert.Contains("Observed", placebo);
    }

    [Fact]
    public void BaconWeightedSumEqualsTheTwfeFromTheSharedRegressionEngine()
    {
        var panel = Mpdta.Panel();
        var withD = panel.WithColumn("D", panel.TreatmentFromCohort());
        var fit = Feols.Fit(withD, new FeolsSpec("lemp", ["D"], ["countyreal", "year"]));
        var d = StaggeredDid.GoodmanBacon(panel, "lemp");
        Assert.Equal(fit.Estimate("D"), d.WeightedSum, 1e-13);
    }

    [Fact]
    public void SunAbrahamRecoversDynamicEffectsOnASimulatedPanel()
    {
        // Same design as the Callaway–Sant'Anna / imputation Monte Carlo check: τ(g, e) = 0.5 + 0.3e + 0.1(g − 4).
        static double Tau(int g, int e) => 0.5 + 0.3 * e + 0.1 * (g - 4);
        var panel = StaggeredPanelGenerator.Generate(new StaggeredPanelDesign(3000, 8, [0, 4, 6], Effect: Tau, Seed: 2026)).ToPanel();
        var sa = StaggeredDid.SunAbraham(panel, new SunAbrahamSpec("y"));
        foreach (var c in sa.RelativePeriods)
        {
            int e = int.Parse(c.Term);
            double truth = e < 0 ? 0 : new[] { 4, 6 }.Where(g => g + e <= 8).Average(g => Tau(g, e));
            Assert.True(Math.Abs(c.Estimate - truth) < 4 * c.StdError, $"SA e={e}: {c.Estimate} vs {truth} (se {c.StdError})");
        }
    }
}
