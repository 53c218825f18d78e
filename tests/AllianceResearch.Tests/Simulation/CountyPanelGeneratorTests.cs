using AllianceResearch.Simulation;
using AllianceResearch.TestSupport;

namespace AllianceResearch.Tests.Simulation;

public sealed class CountyPanelGeneratorTests
{
    private static readonly Lazy<SyntheticCountyPanel> Default = new(() => CountyPanelGenerator.Generate());

    [Fact]
    public void CommittedSnapshotRegeneratesByteForByte()
    {
        var panel = Default.Value;
        var committed = File.ReadAllText(RepoPaths.InRepo("datasets", "synthetic", "county_panel.csv"));
        var committedTruth = File.ReadAllText(RepoPaths.InRepo("datasets", "synthetic", "county_panel_truth.csv"));
        // Compare lengths first so a failure does not print 2 MB.
        var fresh = panel.ToCsv();
        Assert.Equal(committed.Length, fresh.Length);
        Assert.True(committed == fresh, "datasets/synthetic/county_panel.csv differs from CountyPanelGenerator.Generate() with seed 754; " +
                                         "regenerate with `alliance simulate panel --out ... --truth ...` if the change is intended.");
        Assert.Equal(committedTruth, panel.TruthToCsv());
    }

    [Fact]
    public void PilotSplitFollowsDocument002()
    {
        // seed-digest.md, document 002: "Pilot composition: Shanxi 117, Zhejiang 70, other provinces 567 (total 754)."
        var panel = Default.Value;
        var pilots2019 = Enumerable.Range(0, panel.RowCount)
            .Where(r => panel.Year[r] == 2019 && panel.Cohort[r] == 2019).ToArray();
        Assert.Equal(754, pilots2019.Length);
        Assert.Equal(117, pilots2019.Count(r => panel.Province[r] == "Shanxi"));
        Assert.Equal(70, pilots2019.Count(r => panel.Province[r] == "Zhejiang"));
        Assert.Equal(567, pilots2019.Count(r => panel.Province[r] is not ("Shanxi" or "Zhejiang")));
        Assert.Equal(1800 * 9, panel.RowCount);
        Assert.Contains(0, panel.Cohort);          // never-adopters coded 0 (R did convention)
        Assert.Contains(2017, panel.Cohort);       // the early wave
    }

    [Theory]
    // Targets transcribed from seed-digest.md, document 002 "Outcome indicators, pilot counties, 2020 vs 2019" table.
    [InlineData("in_county_admission_share", 75.57, 78.05)]
    [InlineData("in_county_visit_rate", 84.26, 90.24)]
    [InlineData("primary_outpatient_share", 52.81, 55.13)]
    [InlineData("chronic_disease_mgmt_rate", 74.61, 76.85)]
    [InlineData("grade34_surgery_share", 38.25, 41.71)]
    [InlineData("fund_in_county_rate", 64.76, 65.81)]
    [InlineData("primary_fund_share", 16.61, 16.49)]
    [InlineData("hospitalisation_rate", 24.0, 15.04)]
    public void PilotCohortMeansMatchDocument002(string column, double level2019, double level2020)
    {
        var panel = Default.Value;
        // Each value is rounded to 0.01, so the mean of 754 rounded values can drift by at most 0.005.
        Assert.Equal(level2019, PilotMean(panel, column, 2019), 0.005);
        Assert.Equal(level2020, PilotMean(panel, column, 2020), 0.005);
    }

    [Fact]
    public void ReimbursementRatioMatchesTheOnly2020FigureStated()
    {
        // seed-digest.md, document 002: actual reimbursement ratio 2020 = 61.18 % (no 2019 value stated).
        Assert.Equal(61.18, PilotMean(Default.Value, "actual_reimbursement_ratio", 2020), 0.005);
    }

    [Fact]
    public void TruthEqualsTheDifferenceFromAPlaceboRunWithTheSameSeed()
    {
        // Independent check of the truth file: with EffectScale = 0 the same draws give Y(0); the true ATT of a
        // cohort-year must be the mean observed difference between the two runs.
        var panel = Default.Value;
        var placebo = CountyPanelGenerator.Generate(new CountyPanelOptions(EffectScale: 0));
        Assert.All(placebo.Truth, t => Assert.Equal(0.0, t.TrueAtt));
        foreach (var t in panel.Truth.Where(t => t.Outcome is "in_county_admission_share" or "cost_per_admission"))
        {
            var rows = Enumerable.Range(0, panel.RowCount).Where(r => panel.Cohort[r] == t.Cohort && panel.Year[r] == t.Year).ToArray();
            var diff = rows.Average(r => panel.Outcomes[t.Outcome][r] - placebo.Outcomes[t.Outcome][r]);
            Assert.Equal(diff, t.TrueAtt, 1e-9);
            Assert.Equal(rows.Length, t.Counties);
        }
        // Untreated cells are identical between the runs.
        var col = panel.Outcomes["drug_share"];
        for (var r = 0; r < panel.RowCount; r++)
        {
            if (!panel.IsTreated(r)) Assert.Equal(placebo.Outcomes["drug_share"][r], col[r]);
        }
    }

    [Fact]
    public void EffectsGrowWithExposureAndDifferByCohort()
    {
        var truth = Default.Value.Truth.Where(t => t.Outcome == "in_county_admission_share").ToArray();
        var pilot = truth.Where(t => t.Cohort == 2019).OrderBy(t => t.Year).ToArray();
        Assert.True(pilot[0].TrueAtt < pilot[1].TrueAtt && pilot[1].TrueAtt < pilot[2].TrueAtt);
        // Design: full effect 3.0 pp × cohort multiplier (2017: 1.25, 2019: 1.0) × exposure share (1/3, 2/3, 1).
        Assert.Equal(1.0, pilot[0].DesignEffect, 1e-12);
        Assert.Equal(3.0, pilot[2].DesignEffect, 1e-12);
        Assert.Equal(3.75, truth.Single(t => t.Cohort == 2017 && t.Year == 2023).DesignEffect, 1e-12);
    }

    [Fact]
    public void TwoByTwoDidRecoversTheTrueEffectAndTheTrendKnobBiasesIt()
    {
        // Known truth: cohort 2019 vs never-treated, 2018 → 2022. Sampling noise: county-year sd 1.2 and
        // province-year sd 0.4 give a standard error near 0.15 pp, so 0.6 pp is four standard errors.
        var panel = Default.Value;
        var truth = panel.Truth.Single(t => t.Outcome == "in_county_admission_share" && t.Cohort == 2019 && t.Year == 2022).TrueAtt;
        Assert.Equal(truth, TwoByTwo(panel, "in_county_admission_share", 2019, 2018, 2022), 0.6);

        // Violating parallel trends by 0.5 noise sd (0.6 pp) a year adds 4 × 0.6 = 2.4 pp of bias over four years.
        var violated = CountyPanelGenerator.Generate(new CountyPanelOptions(TrendViolation: 0.5));
        var biased = TwoByTwo(violated, "in_county_admission_share", 2019, 2018, 2022);
        Assert.Equal(truth + 2.4, biased, 0.6);
    }

    [Fact]
    public void DefaultsNeverClipAtTheValidRange()
    {
        // Clipping would bend the true effects; the catalogue promises it does not happen at the default knobs.
        var panel = Default.Value;
        foreach (var o in CountyPanelOutcomes.All)
        {
            var values = panel.Outcomes[o.Column];
            var outside = values.Count(v => !(v > o.Lower && v < o.Upper));
            Assert.True(outside == 0, $"{o.Column}: {outside} values touch [{o.Lower}, {o.Upper}]");
        }
    }

    [Fact]
    public void DifferentSeedsGiveDifferentPanelsAndBadKnobsThrow()
    {
        var other = CountyPanelGenerator.Generate(new CountyPanelOptions(Seed: 1));
        Assert.NotEqual(Default.Value.Outcomes["drug_share"][0], other.Outcomes["drug_share"][0]);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => CountyPanelGenerator.Generate(new CountyPanelOptions(NoiseScale: 0)));
        Assert.Contains("NoiseScale", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => CountyPanelGenerator.Generate(new CountyPanelOptions(TrendViolation: double.NaN)));
    }

    [Fact]
    public void SeededRandomIsStableAcrossRuns()
    {
        // First output of xoshiro256** seeded through SplitMix64 with seed 0; the SplitMix64 outputs for
        // seed 0 are the published test values e220a8397b1dcdaf, 6e789e6aa1b965f4, 06c45d188009454f, f88bb8a8724c81ec,
        // so the first xoshiro256** output is rotl(s1 * 5, 7) * 9 with s1 = 0x6e789e6aa1b965f4.
        var rng = new SeededRandom(0);
        ulong s1 = 0x6e789e6aa1b965f4UL;
        var x = s1 * 5;
        var expected = ((x << 7) | (x >> 57)) * 9;
        Assert.Equal(expected, rng.NextUInt64());
    }

    private static double PilotMean(SyntheticCountyPanel panel, string column, int year)
    {
        var values = panel.Outcomes[column];
        return Enumerable.Range(0, panel.RowCount).Where(r => panel.Cohort[r] == 2019 && panel.Year[r] == year).Average(r => values[r]);
    }

    private static double TwoByTwo(SyntheticCountyPanel panel, string column, int cohort, int pre, int post)
    {
        var y = panel.Outcomes[column];
        double Mean(int g, int year) => Enumerable.Range(0, panel.RowCount).Where(r => panel.Cohort[r] == g && panel.Year[r] == year).Average(r => y[r]);
        return (Mean(cohort, post) - Mean(cohort, pre)) - (Mean(0, post) - Mean(0, pre));
    }
}

public sealed class CountyPanelToPanelTests
{
    [Fact]
    public void ToPanelAndTheCommittedCsvGiveTheSamePanel()
    {
        var generated = CountyPanelGenerator.Generate();
        var inMemory = generated.ToPanel();
        var fromCsv = AllianceResearch.Data.Panel.FromCsv(RepoPaths.InRepo("datasets", "synthetic", "county_panel.csv"), SyntheticCountyPanel.PanelSpec);
        Assert.Equal(1800, inMemory.UnitCount);
        Assert.Equal(9, inMemory.PeriodCount);
        Assert.True(inMemory.IsBalanced);
        Assert.Equal(fromCsv.RowCount, inMemory.RowCount);
        Assert.Equal(fromCsv.Column("in_county_admission_share").ToArray(), inMemory.Column("in_county_admission_share").ToArray());
        Assert.Equal(fromCsv.CohortOfUnit.ToArray(), inMemory.CohortOfUnit.ToArray());
    }
}
