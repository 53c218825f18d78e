using AllianceResearch.Indicators;
using AllianceResearch.Simulation;

namespace AllianceResearch.Tests.Indicators;

/// <summary>The registry against the worked example of the domain notes §7.8 (one county, one year).</summary>
public sealed class IndicatorRegistryTests
{
    private static readonly IndicatorRegistry Registry = IndicatorRegistry.Default;

    // Inputs of §7.8, as raw counts (money in CNY).
    private static readonly Dictionary<string, decimal> County = new()
    {
        ["insured_persons"] = 500_000m,
        ["resident_population"] = 520_000m,
        ["in_county_admissions"] = 72_000m,
        ["out_of_county_admissions"] = 12_000m,
        ["in_county_outpatient_visits"] = 2_000_000m,
        ["primary_outpatient_visits"] = 1_150_000m,
        ["fund_in_county"] = 330_000_000m,
        ["fund_out_of_county"] = 120_000_000m,
        ["fund_primary_in_county"] = 80_000_000m,
        // In-county inpatient cost 420 M of which the fund paid 273 M (the C1/R1 row of §7.8).
        ["total_medical_cost"] = 420_000_000m,
        ["fund_payment"] = 273_000_000m,
        ["critical_illness_payment"] = 0m,
        ["medical_assistance_payment"] = 0m,
        // Lead hospital.
        ["medical_revenue"] = 600_000_000m,
        ["drug_revenue"] = 168_000_000m,
        ["consumable_revenue"] = 96_000_000m,
        ["consumable_expense"] = 90_000_000m,
        ["outpatient_revenue"] = 150_000_000m,
        ["outpatient_visits"] = 1_000_000m,
        ["inpatient_revenue"] = 450_000_000m,
        ["discharges"] = 30_000m,
        ["operations_on_discharged"] = 9_000m,
        ["grade34_operations"] = 2_700m,
        ["contracted_persons"] = 210_000m,
        // Hypertension: adults 400 000 × prevalence 25 % = 100 000 estimated patients (hand arithmetic).
        ["hypertension_patients_estimated"] = 100_000m,
        ["hypertension_managed"] = 60_000m,
        ["hypertension_managed_per_protocol"] = 45_000m,
        ["hypertension_controlled"] = 36_000m,
    };

    [Theory]
    // id, expected value to 2 decimals, hand arithmetic from §7.8
    [InlineData("A1", "85.71")]   // 72 000 ÷ (72 000 + 12 000) = 0.857142… → 85.71 %
    [InlineData("P2", "85.71")]   // same indicator under the seven-dimension code
    [InlineData("A3", "57.50")]   // 1 150 000 ÷ 2 000 000 = 0.575
    [InlineData("D1", "73.33")]   // 330 ÷ (330 + 120) = 0.73333…
    [InlineData("D2", "24.24")]   // 80 ÷ 330 = 0.242424…
    [InlineData("R1", "65.00")]   // 273 ÷ 420 = 0.65
    [InlineData("O1", "35.00")]   // (420 − 273 − 0 − 0) ÷ 420 = 0.35
    [InlineData("K5", "28.00")]   // 168 ÷ 600
    [InlineData("K6", "16.00")]   // 96 ÷ 600
    [InlineData("K6b", "20.83")]  // 90 ÷ (600 − 168) × 100 = 90 ÷ 432 × 100 = 20.8333…
    [InlineData("K1", "150.00")]  // 150 000 000 ÷ 1 000 000
    [InlineData("K2", "15000.00")] // 450 000 000 ÷ 30 000
    [InlineData("K10", "16.80")]  // (72 000 + 12 000) ÷ 500 000 = 0.168
    [InlineData("Q3", "30.00")]   // 2 700 ÷ 9 000
    [InlineData("Q7", "40.38")]   // 210 000 ÷ 520 000 = 0.403846…
    [InlineData("Q9", "60.00")]   // 60 000 ÷ 100 000
    [InlineData("Q10", "75.00")]  // 45 000 ÷ 60 000
    [InlineData("Q11", "60.00")]  // 36 000 ÷ 60 000
    public void WorkedExampleOfSection78(string id, string expected)
    {
        var value = Registry[id].Compute(County);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            Math.Round(value, 2, MidpointRounding.AwayFromZero));
    }

    [Fact]
    public void ZeroDenominatorIsAClearErrorNotNaN()
    {
        var counts = new Dictionary<string, decimal>(County) { ["in_county_admissions"] = 0, ["out_of_county_admissions"] = 0 };
        var ex = Assert.Throws<IndicatorException>(() => Registry["A1"].Compute(counts));
        Assert.Equal("A1", ex.IndicatorId);
        Assert.Contains("denominator", ex.Message);
        Assert.Contains("in_county_admissions + out_of_county_admissions", ex.Message);
    }

    [Fact]
    public void OutOfRangeValueNamesIndicatorAndValue()
    {
        // More primary-care visits than visits in the county: 3 000 000 ÷ 2 000 000 = 150 %, impossible for a share.
        var counts = new Dictionary<string, decimal>(County) { ["primary_outpatient_visits"] = 3_000_000m };
        var ex = Assert.Throws<IndicatorException>(() => Registry["A3"].Compute(counts));
        Assert.Contains("A3", ex.Message);
        Assert.Contains("150", ex.Message);
        Assert.Contains("valid range", ex.Message);
    }

    [Fact]
    public void MissingAndNegativeCountsAreNamed()
    {
        var missing = Assert.Throws<IndicatorException>(() => Registry["Q5"].Compute(County));
        Assert.Contains("inpatient_deaths", missing.Message);
        var negative = new Dictionary<string, decimal>(County) { ["drug_revenue"] = -1m };
        var ex = Assert.Throws<IndicatorException>(() => Registry["K5"].Compute(negative));
        Assert.Contains("drug_revenue", ex.Message);
        Assert.Contains("negative", ex.Message);
        Assert.Throws<IndicatorException>(() => Registry["S2"].Compute(County)); // reported, not computed
        Assert.Throws<IndicatorException>(() => Registry["S2"].Validate(101m));
    }

    [Fact]
    public void RegistryCoversSevenDimensionsMonitoringSystemAndPanel()
    {
        foreach (var d in EvaluationDimensions.All) Assert.NotEmpty(Registry.InDimension(d));
        // The monitoring system has 26 indicators (domain notes §6.3: 4 aspects, 26 indicators).
        Assert.Equal(26, Registry.MonitoringSystem.Count);
        // Every indicator document 002 reports 2019→2020 is in the registry.
        foreach (var id in new[] { "A1", "A2", "A3", "A4", "A5", "B1", "B2", "B3", "B4", "B5", "C1", "C2", "C3", "C4", "C5", "C6", "C7", "D1", "D2", "D3", "D4" })
            Assert.True(Registry.Contains(id), id);
        // Indicators document 000 names under its seven dimensions (seed-digest.md, document 000's dimension table):
        // expenditure growth, retained surplus, cost per case, consumables, drug share, medical-service and staff income,
        // in-county/primary visits, two-way referrals, compensation ratio, compliant-cost ratio, OOP share, satisfaction with
        // care and reimbursement, surgery share, DRG groups, CMI, record quality, contract and key-population contract rates,
        // chronic-disease management.
        foreach (var id in new[] { "F13", "F11", "K1", "K2", "K6", "K5", "K8", "K14", "P1", "P3", "P9", "R1", "R2", "O1", "S2", "S6", "Q3", "Q2", "Q1", "Q16", "Q7", "Q7b", "Q9" })
            Assert.True(Registry.Contains(id), id);
        // Equivalences point both ways.
        foreach (var d in Registry.All.Where(d => d.EquivalentTo is not null))
            Assert.Equal(d.Id, Registry[d.EquivalentTo!].EquivalentTo);
        // Each panel outcome maps to a registry indicator with the same dimension and direction.
        foreach (var o in CountyPanelOutcomes.All)
        {
            var def = Registry[o.IndicatorId];
            Assert.Equal(o.Dimension, def.Dimension);
            Assert.Equal(o.Direction, def.Direction);
        }
    }

    [Fact]
    public void SmallDenominatorsAreFlaggedNotHidden()
    {
        // §7.8b: values from fewer than ~30 cases are flagged. 20 operations of which 6 grade 3/4: 6 ÷ 20 = 30 %, flagged.
        var small = new Dictionary<string, decimal> { ["grade34_operations"] = 6, ["operations_on_discharged"] = 20 };
        var v = Registry["Q3"].Evaluate(small);
        Assert.Equal((30m, 20m, true), (v.Value, v.Denominator!.Value, v.SmallDenominator));
        Assert.False(Registry["Q3"].Evaluate(County).SmallDenominator); // 9 000 operations
    }

    [Fact]
    public void FormulaParserRejectsJunk()
    {
        Assert.Throws<FormatException>(() => CountFormula.Parse("a * b"));
        Assert.Throws<FormatException>(() => CountFormula.Parse("  "));
        Assert.Equal([new FormulaTerm("a", 1), new FormulaTerm("b", -1)], CountFormula.Parse("a - b").Terms);
    }
}
