using AllianceResearch.Did.Staggered;
using AllianceResearch.Simulation;

namespace AllianceResearch.Tests.Did.Staggered;

/// <summary>Placebo tests, and Monte Carlo checks on simulated panels whose true effects are known.</summary>
public sealed class PlaceboAndSimulationTests(ITestOutputHelper output)
{
    [Fact]
    public void FastTwfePlaceboKernelEqualsTheDirectTwfeSlopeUnderEveryAssignment()
    {
        var data = Mpdta.Load();
        var r = StaggeredDid.Placebo(data, new PlaceboSpec("lemp", Draws: 20, Seed: 3));
        // Observed statistic: the TWFE coefficient of fixest (mpdta_fixest_twfe.csv).
        double fixest = Mpdta.Num(Mpdta.ReadCsv("mpdta_fixest_twfe.csv").First()["estimate"]);
        Assert.True(Mpdta.RelDiff(r.Observed, fixest) < 1e-9);
        // Replay the same permutations and compute the slope the slow way.
        var rng = new SeededRandom(3);
        var cohorts = (double[])data.Cohort.Clone();
        for (int b = 0; b < 20; b++)
        {
            rng.Shuffle(cohorts);
            Assert.Equal(StaggeredDid.BalancedTwfeSlope(data.WithCohorts((double[])cohorts.Clone())), r.Placebo[b], 1e-12);
        }
    }

    [Fact]
    public void PlaceboRejectsAStrongEffectAndNotANullOne()
    {
        var strong = StaggeredPanelGenerator.Generate(new StaggeredPanelDesign(400, 8, [0, 4, 6], Seed: 11)).ToPanel();
        var r = StaggeredDid.Placebo(strong, new PlaceboSpec("y", Draws: 199, Seed: 5));
        Assert.Equal(1.0 / 200, r.PValue); // effect 1 with unit-level noise 1: no permutation comes close
        var nul = StaggeredPanelGenerator.Generate(new StaggeredPanelDesign(400, 8, [0, 4, 6], Effect: (_, _) => 0, Seed: 12)).ToPanel();
        var r0 = StaggeredDid.Placebo(nul, new PlaceboSpec("y", Draws: 199, Seed: 5, Statistic: PlaceboStatistic.CallawaySantAnnaSimple));
        output.WriteLine($"null p = {r0.PValue}");
        Assert.True(r0.PValue > 0.01, $"p = {r0.PValue} under a true null (fixed seed)");
        Assert.Contains("randomisation p-value", r0.ToHtml());
        var again = StaggeredDid.Placebo(nul, new PlaceboSpec("y", Draws: 199, Seed: 5, Statistic: PlaceboStatistic.CallawaySantAnnaSimple));
        Assert.Equal(r0.Placebo, again.Placebo);
    }

    /// <summary>
    /// Dynamic, cohort-specific effects τ(g, e) = 0.5 + 0.3e + 0.1(g − 4) make TWFE biased (already-treated units serve as
    /// controls). Callaway–Sant'Anna and imputation recover the truth: with 3,000 units the estimators' standard errors
    /// are about 0.03, and we allow 4 of them.
    /// </summary>
    [Fact]
    public void HeterogeneityRobustEstimatorsRecoverDynamicEffectsWhereTwfeIsBiased()
    {
        static double Tau(int g, int e) => 0.5 + 0.3 * e + 0.1 * (g - 4);
        var design = new StaggeredPanelDesign(3000, 8, [0, 4, 6], Effect: Tau, Seed: 2026);
        var sim = StaggeredPanelGenerator.Generate(design);
        var panel = sim.ToPanel();
        // True event-time averages over treated cohorts present at each e (equal cohort probabilities).
        double TrueDyn(int e) => new[] { 4, 6 }.Where(g => g + e <= 8).Average(g => Tau(g, e));
        var cs = StaggeredDid.CallawaySantAnna(panel, new CallawaySantAnnaSpec("y"));
        var dyn = cs.Aggregate(new AggregationSpec(AggregationType.Dynamic));
        foreach (var c in dyn.Components)
        {
            double truth = c.Key < 0 ? 0 : TrueDyn((int)c.Key);
            Assert.True(Math.Abs(c.Att - truth) < 4 * c.StdError, $"CS e={c.Key}: {c.Att} vs {truth} (se {c.StdError})");
        }
        var imp = StaggeredDid.Imputation(panel, new ImputationSpec("y", Horizons: []));
        foreach (var c in imp.Effects)
        {
            double truth = TrueDyn(int.Parse(c.Term));
            Assert.True(Math.Abs(c.Estimate - truth) < 4 * c.StdError, $"imputation e={c.Term}: {c.Estimate} vs {truth} (se {c.StdError})");
        }
        // The treated-cell average effect (imputation's static target) vs TWFE.
        double cellTruth = 0; int cells = 0;
        for (int r = 0; r < sim.Y.Length; r++) if (sim.D[r] == 1) { cellTruth += Tau((int)sim.G[r], (int)(sim.T[r] - sim.G[r])); cells++; }
        cellTruth /= cells;
        var stat = StaggeredDid.Imputation(panel, new ImputationSpec("y"));
        Assert.True(Math.Abs(stat.Effects[0].Estimate - cellTruth) < 4 * stat.Effects[0].StdError);
        var bacon = StaggeredDid.GoodmanBacon(panel, "y");
        output.WriteLine($"truth {cellTruth:F3}, imputation {stat.Effects[0].Estimate:F3} (se {stat.Effects[0].StdError:F3}), TWFE {bacon.TwfeCoefficient:F3}");
        Assert.True(cellTruth - bacon.TwfeCoefficient > 0.15, $"TWFE {bacon.TwfeCoefficient} should be biased down from {cellTruth}");
    }
}
