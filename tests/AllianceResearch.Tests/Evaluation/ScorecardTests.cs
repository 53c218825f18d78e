using AllianceResearch.Evaluation;
using AllianceResearch.Indicators;
using AllianceResearch.Literature;
using AllianceResearch.Results;
using AllianceResearch.Simulation;
using AllianceResearch.TestSupport;

namespace AllianceResearch.Tests.Evaluation;

public sealed class MultipleTestingTests
{
    [Fact]
    public void BenjaminiHochbergByHand()
    {
        // p = (0.01, 0.04, 0.03, 0.20), m = 4. Sorted: 0.01, 0.03, 0.04, 0.20.
        // Step-up from the largest: 0.20·4/4 = 0.20; 0.04·4/3 = 0.05333; 0.03·4/2 = 0.06 → min(0.06, 0.05333) = 0.05333;
        // 0.01·4/1 = 0.04. Back in input order: 0.04, 0.05333, 0.05333, 0.20.
        var adj = MultipleTesting.BenjaminiHochberg([0.01, 0.04, 0.03, 0.20]);
        Assert.Equal([0.04, 0.16 / 3, 0.16 / 3, 0.20], adj, (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void HolmByHand()
    {
        // Sorted 0.01, 0.03, 0.04, 0.20 times (4, 3, 2, 1): 0.04, 0.09, 0.08, 0.20; running maximum: 0.04, 0.09, 0.09, 0.20.
        var adj = MultipleTesting.Holm([0.01, 0.04, 0.03, 0.20]);
        Assert.Equal([0.04, 0.09, 0.09, 0.20], adj, (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void CapsAtOneAndKeepsTies()
    {
        // Holm: 0.5·2 = 1.0, then max(1.0, 0.6·1) = 1.0. BH: 0.6·2/2 = 0.6, then min(0.5·2/1 = 1.0, 0.6) = 0.6.
        Assert.Equal([1.0, 1.0], MultipleTesting.Holm([0.5, 0.6]));
        Assert.Equal([0.6, 0.6], MultipleTesting.BenjaminiHochberg([0.5, 0.6]));
        Assert.Equal([0.3, 0.3], MultipleTesting.BenjaminiHochberg([0.3, 0.3]));
        var input = new[] { 0.2, 0.01 };
        MultipleTesting.Holm(input);
        Assert.Equal([0.2, 0.01], input); // never mutated
    }

    [Fact]
    public void BadPValuesThrow()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MultipleTesting.BenjaminiHochberg([0.1, double.NaN]));
        Assert.Throws<ArgumentOutOfRangeException>(() => MultipleTesting.Holm([1.5]));
    }
}

public sealed class ReformScorecardTests
{
    private static readonly Lazy<AllianceResearch.Data.Panel> Panel = new(() => CountyPanelGenerator.Generate().ToPanel());

    // A fixed-answer estimator: the scorecard's classification and roll-up are what is tested here.
    private static readonly Dictionary<string, (double Est, double P)> Fixed = new()
    {
        ["fund_in_county_rate"] = (2.0, 0.0001),
        ["primary_fund_share"] = (-0.4, 0.0001),     // ↑ indicator fell: worsened
        ["hospitalisation_rate"] = (-1.0, 0.0001),   // ↓ indicator fell: improved
        ["inpatient_satisfaction"] = (0.1, 0.40),    // not significant: inconclusive
        ["policy_reimbursement_ratio"] = (0.3, 0.03),
    };

    private static CoefficientEstimate FakeEstimator(AllianceResearch.Data.Panel panel, string outcome)
    {
        var (est, p) = Fixed.TryGetValue(outcome, out var v) ? v : (1.0, 0.001);
        return new CoefficientEstimate("ATT", est, 0.1, est / 0.1, p, est - 0.196, est + 0.196);
    }

    [Fact]
    public void ClassifiesByDirectionAndRollsUp()
    {
        var literature = ReformScorecard.LiteratureDirections(EvidenceBase.Load(RepoPaths.InRepo("datasets")));
        var card = ReformScorecard.Build(Panel.Value, ScorecardIndicator.SyntheticPanelOutcomes, FakeEstimator, "fixed",
            new ScorecardOptions(0.05, MultipleTestingAdjustment.Holm), literature);
        EffectVerdict V(string o) => card.Rows.Single(r => r.Indicator.Outcome == o).Verdict;
        Assert.Equal(EffectVerdict.Improved, V("fund_in_county_rate"));
        Assert.Equal(EffectVerdict.Worsened, V("primary_fund_share"));
        Assert.Equal(EffectVerdict.Improved, V("hospitalisation_rate"));
        Assert.Equal(EffectVerdict.Inconclusive, V("inpatient_satisfaction"));
        // Holm over 16 tests (three at 0.0001, eleven at 0.001, then 0.03, then 0.40): p = 0.03 ranks 15th, so it is
        // multiplied by 16 − 15 + 1 = 2, and the running maximum so far is 0.001·3 = 0.003: adjusted 0.06 > 0.05, inconclusive.
        Assert.Equal(0.06, card.Rows.Single(r => r.Indicator.Outcome == "policy_reimbursement_ratio").AdjustedP, 1e-12);
        Assert.Equal(EffectVerdict.Inconclusive, V("policy_reimbursement_ratio"));
        var fund = card.Dimensions.Single(d => d.Dimension == EvaluationDimension.FundOperation);
        Assert.Equal(("mixed", 1, 1), (fund.Verdict, fund.Improved, fund.Worsened));
        Assert.Equal("inconclusive", card.Dimensions.Single(d => d.Dimension == EvaluationDimension.Satisfaction).Verdict);
        Assert.StartsWith("improved", card.Dimensions.Single(d => d.Dimension == EvaluationDimension.CostControl).Literature);
        Assert.Equal(7, card.Dimensions.Count);
        // Direction-aligned forest plot: hospitalisation fell (good) so it plots to the right.
        Assert.True(card.Rows.Single(r => r.Indicator.Outcome == "hospitalisation_rate").ImprovementInSd > 0);
        Assert.Contains("<svg", card.ToSvg());
        Assert.Contains("Fund operation", card.ToHtml());
    }

    [Fact]
    public void BenjaminiHochbergKeepsTheSmallEffectThatHolmDrops()
    {
        // BH at rank 15 of 16 (p = 0.03): 0.03·16/15 = 0.032 and the largest, 0.40·16/16 = 0.40, does not pull it down: 0.032 < 0.05.
        var card = ReformScorecard.Build(Panel.Value, ScorecardIndicator.SyntheticPanelOutcomes, FakeEstimator, "fixed");
        var row = card.Rows.Single(r => r.Indicator.Outcome == "policy_reimbursement_ratio");
        Assert.Equal(0.032, row.AdjustedP, 1e-12);
        Assert.Equal(EffectVerdict.Improved, row.Verdict);
    }

    [Fact]
    public void UnknownOutcomeAndBadAlphaThrow()
    {
        var bogus = new[] { new ScorecardIndicator("no_such_column", IndicatorRegistry.Default["A1"]) };
        var ex = Assert.Throws<ArgumentException>(() => ReformScorecard.Build(Panel.Value, bogus, FakeEstimator, "fixed"));
        Assert.Contains("no_such_column", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            ReformScorecard.Build(Panel.Value, ScorecardIndicator.SyntheticPanelOutcomes, FakeEstimator, "fixed", new ScorecardOptions(Alpha: 1.5)));
    }
}

public sealed class ScorecardWithRealEstimatorTests
{
    [Fact]
    public void CallawaySantAnnaScorecardRecoversTheSyntheticTruth()
    {
        // Simulation with known truth: the synthetic panel's true overall ATT (mean of Y(1) − Y(0) over treated
        // county-years) is what CS's simple aggregation targets. Each estimate must lie within 4 standard errors.
        var synthetic = CountyPanelGenerator.Generate();
        var card = ReformScorecard.Build(synthetic.ToPanel(), ScorecardIndicator.SyntheticPanelOutcomes,
            ReformEstimators.CallawaySantAnnaSimple(), "Callaway–Sant'Anna (simple)");
        foreach (var r in card.Rows)
        {
            var truth = synthetic.TrueOverallAtt(r.Indicator.Outcome);
            Assert.True(Math.Abs(r.Estimate.Estimate - truth) < 4 * r.Estimate.StdError,
                $"{r.Indicator.Outcome}: estimate {r.Estimate.Estimate}, SE {r.Estimate.StdError}, truth {truth}");
        }
        // The design's signs: satisfaction has no effect; primary fund share worsens (document 002's "back to the county, not to primary care").
        Assert.Equal(EffectVerdict.Inconclusive, card.Rows.Single(r => r.Indicator.Outcome == "inpatient_satisfaction").Verdict);
        Assert.Equal(EffectVerdict.Worsened, card.Rows.Single(r => r.Indicator.Outcome == "primary_fund_share").Verdict);
        Assert.Equal(EffectVerdict.Improved, card.Rows.Single(r => r.Indicator.Outcome == "in_county_admission_share").Verdict);
    }
}

public sealed class TwfeAgainstCallawaySantAnnaTests
{
    [Fact]
    public void TwfeIsFurtherFromTheTruthThanCallawaySantAnnaUnderGrowingStaggeredEffects()
    {
        // Known truth: effects grow with exposure and differ by cohort, so TWFE's forbidden comparisons (early adopters as
        // controls) attenuate it; CS compares only with never-treated counties. Summed |bias| in untreated-SD units.
        var synthetic = CountyPanelGenerator.Generate();
        var panel = synthetic.ToPanel();
        var cs = ReformScorecard.Build(panel, ScorecardIndicator.SyntheticPanelOutcomes, ReformEstimators.CallawaySantAnnaSimple(cluster: "province"), "CS");
        var twfe = ReformScorecard.Build(panel, ScorecardIndicator.SyntheticPanelOutcomes, ReformEstimators.Twfe("province"), "TWFE");
        double Bias(ReformScorecard c) => c.Rows.Sum(r =>
            Math.Abs(r.Estimate.Estimate - synthetic.TrueOverallAtt(r.Indicator.Outcome)) / Math.Abs(r.Estimate.Estimate / r.ImprovementInSd));
        Assert.True(Bias(twfe) > 2 * Bias(cs), $"TWFE {Bias(twfe)} vs CS {Bias(cs)}");
        Assert.Equal(16, twfe.Rows.Count);
    }
}
