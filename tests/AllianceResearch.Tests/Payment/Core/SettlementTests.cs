using AllianceResearch.Payment.Distribution;
using AllianceResearch.Payment.Model;
using AllianceResearch.Payment.Settlement;
using FsCheck;
using FsCheck.Fluent;

namespace AllianceResearch.Tests.Payment.Core;

/// <summary>
/// Settlement between fund and alliance. Expected values are the hand-worked examples of the domain spec
/// §3.4.3 (B = 400 M, anti-stinting cap + 7:3 band up to +10 %), with the arithmetic repeated here.
/// </summary>
public class SettlementTests
{
    private const decimal M = 1_000_000m;
    private static SettlementResult Settle(decimal a, decimal mgmt = 0m, decimal? score = null, RiskCorridor? c = null) =>
        GlobalBudgetSettlement.Settle(new SettlementInput { Budget = 400 * M, Actual = a, ManagementShareOfOverrun = mgmt, QualityScore = score }, c ?? RiskCorridor.AntiStintingCap);

    [Fact]
    public void Case1_ModerateSurplus_KeptInFull()
    {
        // A = 360 M, d = −10 %: surplus 40 M lies below the 15 % cap (60 M) → alliance keeps 40 M, fund pays 400 M.
        var r = Settle(360 * M);
        Assert.Equal(40 * M, r.AllianceRetained);
        Assert.Equal(400 * M, r.FundPays);
        Assert.Equal(0m, r.ReturnedToFund);
    }

    [Fact]
    public void Case1_WithQualityScore85_Keeps36M()
    {
        // Score 85 → q = 0.9 (80–89.99 step); whole retained surplus is quality-tied: 40 M × 0.9 = 36 M kept, 4 M returned.
        var r = Settle(360 * M, score: 85m);
        Assert.Equal(0.9m, r.QualityFactor);
        Assert.Equal(36 * M, r.AllianceRetained);
        Assert.Equal(4 * M, r.ReturnedToFund);
        Assert.Equal(396 * M, r.FundPays);
    }

    [Fact]
    public void Case2_LargeSurplus_TV_GB_2()
    {
        // A = 330 M, surplus 70 M (17.5 %): first 15 % of B = 60 M kept; next 10 M × 50 % = 5 M → 65 M kept; fund pays 395 M.
        var r = Settle(330 * M);
        Assert.Equal(65 * M, r.AllianceRetained);
        Assert.Equal(5 * M, r.ReturnedToFund);
        Assert.Equal(395 * M, r.FundPays);
        Assert.Equal(400 * M, r.FundPays + r.ReturnedToFund);
    }

    [Fact]
    public void Case3_ReasonableOverrun_Shared7To3()
    {
        // A = 420 M, overrun 20 M (5 %) inside the 0–10 % band: alliance 30 % = 6 M, fund 70 % = 14 M → fund pays 414 M.
        var r = Settle(420 * M);
        Assert.Equal(6 * M, r.AllianceLoss);
        Assert.Equal(14 * M, r.FundShareOfOverrun);
        Assert.Equal(414 * M, r.FundPays);
    }

    [Fact]
    public void Case3Prime_ManagementOverrun_BorneInFull()
    {
        // Same 20 M overrun but caused by poor management (document 003: 0:10) → alliance bears 20 M, fund pays 400 M.
        var r = Settle(420 * M, mgmt: 1m);
        Assert.Equal(20 * M, r.AllianceLoss);
        Assert.Equal(400 * M, r.FundPays);
    }

    [Fact]
    public void Case4_LargeOverrun_TV_GB_3()
    {
        // A = 460 M, overrun 60 M (15 %): 0–10 % band 40 M → 28 M fund / 12 M alliance; beyond 10 %: 20 M alliance → bears 32 M, fund pays 428 M.
        var r = Settle(460 * M);
        Assert.Equal(32 * M, r.AllianceLoss);
        Assert.Equal(428 * M, r.FundPays);
        Assert.Equal(r.Budget + r.FundShareOfOverrun, r.FundPays);
    }

    [Fact]
    public void MixedCauses_UncontrollableFirst()
    {
        // Overrun 20 M, half management: uncontrollable 10 M × 30 % = 3 M, management 10 M × 100 % = 10 M → 13 M borne.
        var r = Settle(420 * M, mgmt: 0.5m);
        Assert.Equal(13 * M, r.AllianceLoss);
        Assert.Equal(407 * M, r.FundPays);
    }

    [Fact]
    public void Document003_TwentyPercentQualityTied()
    {
        // Surplus 40 M all retained; 20 % (8 M) tied to quality; score 72 → q 0.8 → 6.4 M released; kept 32 M + 6.4 M = 38.4 M.
        var r = Settle(360 * M, score: 72m, c: RiskCorridor.Document003MiddleStage);
        Assert.Equal(38.4m * M, r.AllianceRetained);
        Assert.Equal(1.6m * M, r.ReturnedToFund);
    }

    [Fact]
    public void AdvancesAndYearEndTransfer()
    {
        // Advances 95 % of 400 M = 380 M in 12 equal months of 31,666,666.67 (rounded parts sum exactly to 380 M).
        var months = GlobalBudgetSettlement.MonthlyAdvances(400 * M, 0.95m);
        Assert.Equal(380 * M, months.Sum());
        Assert.All(months, m => Assert.InRange(m, 31_666_666.66m, 31_666_666.67m));
        var r = GlobalBudgetSettlement.Settle(new SettlementInput { Budget = 400 * M, Actual = 420 * M, Advances = 380 * M }, RiskCorridor.AntiStintingCap);
        Assert.Equal(414 * M - 380 * M, r.YearEndTransfer); // fund pays 414 M in total, 34 M at year end
    }

    [Fact]
    public void InvalidCorridor_NamesTheBand()
    {
        var bad = RiskCorridor.AntiStintingCap with { OverrunBands = [new(0m, 0.1m, 0.3m), new(0.2m, null, 1m)] };
        var ex = Assert.Throws<ArgumentException>(() => Settle(420 * M, c: bad));
        Assert.Contains("overrunBands[1].lower", ex.Message);
        var bad2 = RiskCorridor.AntiStintingCap with { SurplusBands = [new(0m, 0.15m, 1.2m), new(0.15m, null, 0.5m)] };
        Assert.Contains("surplusBands[0].allianceShare", Assert.Throws<ArgumentException>(() => Settle(360 * M, c: bad2)).Message);
    }

    private static readonly Config Seeded = Config.QuickThrowOnFailure.WithMaxTest(300).WithReplay(20261122UL, 11UL);

    private static readonly Gen<(long BudgetK, int A, int B, int Mgmt, int Score)> Inputs =
        from budget in Gen.Choose(1_000, 1_000_000)
        from a in Gen.Choose(0, 300)
        from b in Gen.Choose(0, 300)
        from mgmt in Gen.Choose(0, 100)
        from score in Gen.Choose(0, 100)
        select ((long)budget, a, b, mgmt, score);

    [Fact]
    public void Property_MoreOverrunNeverLowersTheAlliancesLoss_AndMoneyIsConserved()
    {
        Check.One(Seeded, Prop.ForAll(Inputs.ToArbitrary(), x =>
        {
            var budget = x.BudgetK * 1000m + 0.37m;
            var lo = Math.Min(x.A, x.B); var hi = Math.Max(x.A, x.B);
            var a1 = budget * (1m + lo / 1000m); var a2 = budget * (1m + hi / 1000m);
            foreach (var c in new[] { RiskCorridor.AntiStintingCap, RiskCorridor.Document003MiddleStage, RiskCorridor.RetainAllNoCompensation })
            {
                var r1 = GlobalBudgetSettlement.Settle(new SettlementInput { Budget = budget, Actual = a1, ManagementShareOfOverrun = x.Mgmt / 100m }, c);
                var r2 = GlobalBudgetSettlement.Settle(new SettlementInput { Budget = budget, Actual = a2, ManagementShareOfOverrun = x.Mgmt / 100m }, c);
                if (r2.AllianceLoss < r1.AllianceLoss) return false;
                foreach (var r in new[] { r1, r2 })
                    if (r.FundPays != r.Actual + r.AllianceRetained - r.AllianceLoss || r.AllianceLoss + r.FundShareOfOverrun != r.Overrun) return false;
            }
            return true;
        }));
    }

    [Fact]
    public void Property_RetainedSurplusIsMonotoneInSurplus_AndNeverExceedsIt()
    {
        Check.One(Seeded, Prop.ForAll(Inputs.ToArbitrary(), x =>
        {
            var budget = x.BudgetK * 1000m;
            var lo = Math.Min(x.A, x.B); var hi = Math.Max(x.A, x.B);
            // a larger surplus (lower spending) never lowers what the alliance keeps
            var small = GlobalBudgetSettlement.Settle(new SettlementInput { Budget = budget, Actual = budget * (1m - lo / 1000m), QualityScore = x.Score }, RiskCorridor.AntiStintingCap);
            var large = GlobalBudgetSettlement.Settle(new SettlementInput { Budget = budget, Actual = budget * (1m - hi / 1000m), QualityScore = x.Score }, RiskCorridor.AntiStintingCap);
            return large.AllianceRetained >= small.AllianceRetained
                   && large.AllianceRetained <= large.Surplus
                   && large.AllianceRetained + large.ReturnedToFund == large.Surplus
                   && large.FundPays + large.ReturnedToFund == large.Budget;
        }));
    }
}

/// <summary>Internal distribution: fixed-share uses and member splits with fairness measures (hand-worked).</summary>
public class DistributionTests
{
    [Fact]
    public void ByUse_40M_Into_50_30_20()
    {
        // Spec §3.4.4: 40 M retained → 20 M / 12 M / 8 M.
        var d = SurplusDistribution.ByUse(40_000_000m, SurplusDistribution.Document003City);
        Assert.Equal([20_000_000m, 12_000_000m, 8_000_000m], d.Uses.Select(u => u.Amount));
    }

    [Fact]
    public void ByUse_SharesMustSumToOne()
    {
        var ex = Assert.Throws<ArgumentException>(() => SurplusDistribution.ByUse(100m, [new("a", 0.5m), new("b", 0.4m)]));
        Assert.Contains("sum to 1", ex.Message);
    }

    [Fact]
    public void ByMember_ExactToTheFen_WithFairness()
    {
        // Pool 100.00 split by volume 1:1:1 → 33.34, 33.33, 33.33 (largest remainder; the leftover fen goes to the first).
        // Lead CH has 10 staff → 3.334 per staff; primary T1+T2 have 4+6 = 10 staff and 66.66 → 6.666 per staff; ratio = 6.666/3.334.
        var ch = new AllianceMember { Id = "CH", Name = "County", Level = FacilityLevel.CountyHospital, IsLead = true, Staff = 10 };
        var t1 = new AllianceMember { Id = "T1", Name = "T1", Level = FacilityLevel.TownshipCentre, Staff = 4 };
        var t2 = new AllianceMember { Id = "T2", Name = "T2", Level = FacilityLevel.TownshipCentre, Staff = 6 };
        var d = SurplusDistribution.ByMember(100m, [new() { Member = ch, Volume = 5 }, new() { Member = t1, Volume = 5 }, new() { Member = t2, Volume = 5 }], DistributionBasis.Volume);
        Assert.Equal([33.34m, 33.33m, 33.33m], d.Shares.Select(s => s.Amount));
        Assert.Equal(0.3334m, d.LeadShare);
        Assert.Equal(6.666m / 3.334m, d.PrimaryToLeadPerStaffRatio);
        // Gini of (33.33, 33.33, 33.34): sorted weights (2i − n + 1) = −2, 0, 2 → (−66.66 + 66.68)/(3 × 100) = 0.02/300.
        Assert.Equal(0.02m / 300m, d.Gini);
    }

    [Fact]
    public void ByMember_PerformanceScore()
    {
        // Pool 90.00 by scores 80 and 160 → 90 × 80/240 = 30.00 and 90 × 160/240 = 60.00.
        var a = new AllianceMember { Id = "A", Name = "A", Level = FacilityLevel.TownshipCentre, Staff = 3 };
        var b = new AllianceMember { Id = "B", Name = "B", Level = FacilityLevel.TownshipCentre, Staff = 3 };
        var d = SurplusDistribution.ByMember(90m, [new() { Member = a, PerformanceScore = 80m }, new() { Member = b, PerformanceScore = 160m }], DistributionBasis.PerformanceScore);
        Assert.Equal([30m, 60m], d.Shares.Select(s => s.Amount));
        Assert.Null(d.PrimaryToLeadPerStaffRatio); // no lead member: the ratio is undefined, not 0
    }

    [Fact]
    public void Gini_HandWorked()
    {
        // Values 0, 0, 0, 4: ΣΣ|xi − xj| = 2 × 3 × 4 = 24; 2 n² x̄ = 2 × 16 × 1 = 32 → 0.75.
        Assert.Equal(0.75m, SurplusDistribution.Gini([0m, 0m, 0m, 4m]));
        Assert.Equal(0m, SurplusDistribution.Gini([5m, 5m, 5m]));
    }
}
