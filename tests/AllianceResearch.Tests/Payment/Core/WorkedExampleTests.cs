using AllianceResearch.Payment.Budgets;
using AllianceResearch.Payment.Methods;

namespace AllianceResearch.Tests.Payment.Core;

/// <summary>
/// The worked examples of the domain spec (../shared/domain/payment-and-indicators.md §1.8, §2.3–2.6, §3.3, §4, §5.3,
/// §6.5; test vectors of Appendix B). Every expected value is the spec's hand calculation, repeated in the comments.
/// </summary>
public class WorkedExampleTests
{
    // ---------- DIP §1.8 ----------
    [Fact]
    public void TV_DIP_1_2_WeightedMeanAndScores()
    {
        // m_A = 0.1·8000 + 0.2·8400 + 0.7·8800 = 800 + 1680 + 6160 = 8640; M = 0.1·9000 + 0.2·9500 + 0.7·10000 = 9800.
        Assert.Equal(8640m, DipCalculator.WeightedMean([8000m, 8400m, 8800m]));
        Assert.Equal(9800m, DipCalculator.WeightedMean([9000m, 9500m, 10000m]));
        // S_A = 8640/9800 × 1000 = 881.63; S_B = 5390/9800 × 1000 = 550.00; S_C = 43900/9800 × 1000 = 4479.59.
        Assert.Equal(881.63m, DipCalculator.Score(8640m, 9800m));
        Assert.Equal(550.00m, DipCalculator.Score(DipCalculator.WeightedMean([5000m, 5200m, 5500m]), 9800m));
        Assert.Equal(4479.59m, DipCalculator.Score(DipCalculator.WeightedMean([40000m, 42000m, 45000m]), 9800m));
        // Missing oldest year: weights renormalise to 2/9, 7/9 → (2·8400 + 7·8800)/9 = 8711.11…
        Assert.Equal((0.2m * 8400m + 0.7m * 8800m) / 0.9m, DipCalculator.WeightedMean([null, 8400m, 8800m]));
    }

    [Fact]
    public void TV_DIP_3_4_PointValues()
    {
        // Σ S·n = 881.63·1000 + 550·3000 + 4479.59·200 = 881 630 + 1 650 000 + 895 918 = 3 427 548; PV_budget = 33 600 000 / 3 427 548 = 9.8029.
        var points = 881.63m * 1000 + 550m * 3000 + 4479.59m * 200;
        Assert.Equal(3_427_548m, points);
        Assert.Equal(9.8029m, DipCalculator.BudgetPointValue(33_600_000m, points));
        // PV_settle = (24 000 000 / 0.70) / 3 500 000 = 9.7959.
        Assert.Equal(9.7959m, DipCalculator.SettlementPointValue(24_000_000m, 0.70m, 3_500_000m));
    }

    [Fact]
    public void TV_DIP_5_to_8_Cases()
    {
        const decimal pv = 9.7959m;
        // Case 1: 9000/8500 = 1.059 → normal; points 881.63 × 0.95 = 837.55; amount 837.55 × 9.7959 = 8204.56.
        var (c1, k1) = DipCalculator.OutlierCoefficient(9000m, 8500m);
        Assert.Equal((1m, CaseClass.Normal), (c1, k1));
        var p1 = DipCalculator.CasePoints(881.63m, 0.95m, c1);
        Assert.Equal(837.55m, p1);
        Assert.Equal(8204.56m, PaymentMath(p1 * pv));
        // Case 2: 20000/8500 = 2.3529 > 2 → coef (2.3529 − 2) + 1 = 1.3529; points 881.63 × 1.3529 × 0.95 = 1133.12; amount 11 099.93.
        var (c2, k2) = DipCalculator.OutlierCoefficient(20000m, 8500m);
        Assert.Equal((1.3529m, CaseClass.High), (c2, k2));
        var p2 = DipCalculator.CasePoints(881.63m, 0.95m, c2);
        Assert.Equal(1133.12m, p2);
        Assert.Equal(11099.93m, PaymentMath(p2 * pv));
        // Case 3: 2000/5400 = 0.3704 < 0.5 → coef 0.3704; points 550 × 0.3704 × 0.95 = 193.53; amount 1 895.80.
        var (c3, k3) = DipCalculator.OutlierCoefficient(2000m, 5400m);
        Assert.Equal((0.3704m, CaseClass.Low), (c3, k3));
        var p3 = DipCalculator.CasePoints(550m, 0.95m, c3);
        Assert.Equal(193.53m, p3);
        Assert.Equal(1895.80m, PaymentMath(p3 * pv));
        // Case 4: 45000/8500 = 5.29 > 5 → extreme, formula coef 4.2941, queued for special review.
        Assert.Equal(CaseClass.Extreme, DipCalculator.OutlierCoefficient(45000m, 8500m).Class);
    }

    [Fact]
    public void TV_DIP_9_10_ClearingAndPreSettlement()
    {
        // 52 000 × 9.7959 = 509 386.80; fund payable = 509 386.80 − 160 000 = 349 386.80; balance after 340 000 prepaid = 9 386.80;
        // margin = 509 386.80 − 530 000 = −20 613.20.
        var (total, fund, balance, margin) = DipCalculator.Clear(52_000m, 9.7959m, 160_000m, 340_000m, 530_000m);
        Assert.Equal((509_386.80m, 349_386.80m, 9_386.80m, -20_613.20m), (total, fund, balance, margin));
        // 4 300 × 9.8029 = 42 152.47; − 13 000 = 29 152.47; × 95 % = 27 694.85 paid; 1 457.62 withheld.
        Assert.Equal((27_694.85m, 1_457.62m), DipCalculator.PreSettle(4_300m, 9.8029m, 13_000m, 0.95m));
    }

    // ---------- DRG §2.3–2.6 ----------
    private static readonly decimal[] TrimSample = [4200, 4800, 5200, 5500, 5800, 6000, 6100, 6300, 6500, 7000, 7400, 21000];

    [Fact]
    public void TV_DRG_9_Trimming()
    {
        // Raw mean 7150, sample SD 4452.27 → upper bound 20 506.82 drops 21 000 → mean of 11 = 64 800/11 = 5 890.91.
        var (m1, n1) = DrgCalculator.TrimmedMean(TrimSample, TrimMethod.Sd3Raw, 3m);
        Assert.Equal((5890.91m, 11), (Math.Round(m1, 2), n1));
        // Log scale: bounds 1 936.22 … 21 667.42 keep all 12 → 7 150.
        Assert.Equal((7150m, 12), DrgCalculator.TrimmedMean(TrimSample, TrimMethod.Sd3Log, 3m));
        // IQR: Q1 = 5 425, Q3 = 6 625 (type 7) → 3 625 … 8 425 → drops 21 000 → 5 890.91.
        Assert.Equal(5425m, DrgCalculator.Quantile(TrimSample, 0.25m));
        Assert.Equal(6625m, DrgCalculator.Quantile(TrimSample, 0.75m));
        Assert.Equal(5890.91m, Math.Round(DrgCalculator.TrimmedMean(TrimSample, TrimMethod.Iqr, 1.5m).Mean, 2));
        // Percentiles 2.5 / 97.5: 4 365 … 17 260 → drops 4 200 and 21 000 → 60 600 / 10 = 6 060.
        Assert.Equal(4365m, DrgCalculator.Quantile(TrimSample, 0.025m));
        Assert.Equal(17260m, DrgCalculator.Quantile(TrimSample, 0.975m));
        Assert.Equal((6060m, 10), DrgCalculator.TrimmedMean(TrimSample, TrimMethod.Percentile, 2.5m));
    }

    [Fact]
    public void TV_DRG_1_to_5_BaseRateAndCases()
    {
        // Cost budget = 90 000 000 / 0.65 = 138 461 538.46; Σ RW·n = 14 333.3 → BR = 9 660.13.
        var br = DrgCalculator.BaseRate(90_000_000m, 0.65m, 14_333.3m);
        Assert.Equal(9660.13m, br);
        var p = new DrgParameters();
        // Payment standard G2: 1.3333 × 9 660.13 = 12 879.85.
        Assert.Equal((12_879.85m, CaseClass.Normal), DrgCalculator.PriceCase(1.3333m, 12_000m, 12_000m, br, 1m, p));
        // High, points add-on: T = 2.0 (1 < RW ≤ 2); RWcase = 1.3333 × (30000/12000 − 2 + 1) = 1.99995 → × 9 660.13 = 19 319.78.
        Assert.Equal((19_319.78m, CaseClass.High), DrgCalculator.PriceCase(1.3333m, 12_000m, 30_000m, br, 1m, p));
        // High, cost add-on α = 0.8: 12 879.85 + 0.8 × (30 000 − 24 000) = 17 679.85.
        Assert.Equal((17_679.85m, CaseClass.High), DrgCalculator.PriceCase(1.3333m, 12_000m, 30_000m, br, 1m, p with { HighStrategy = DrgHighStrategy.CostAddOn }));
        // Low proportional: G3 case 6 000 < 0.4 × 30 000; RWcase = 3.3333 × 6000/30000 = 0.66666 → × 9 660.13 = 6 440.02.
        Assert.Equal((6_440.02m, CaseClass.Low), DrgCalculator.PriceCase(3.3333m, 30_000m, 6_000m, br, 1m, p));
        // Low item cap: min(6 000, 32 200.11) = 6 000.
        Assert.Equal((6_000m, CaseClass.Low), DrgCalculator.PriceCase(3.3333m, 30_000m, 6_000m, br, 1m, p with { LowStrategy = DrgLowStrategy.ItemCap }));
    }

    [Fact]
    public void TV_DRG_6_Cmi()
    {
        // (500·0.6667 + 300·1.3333 + 50·3.3333 + 150·0.3333) / 1000 = (333.35 + 399.99 + 166.665 + 49.995)/1000 = 0.95.
        Assert.Equal(0.95m, DrgCalculator.Cmi([(0.6667m, 500), (1.3333m, 300), (3.3333m, 50), (0.3333m, 150)]));
    }

    [Fact]
    public void TV_DRG_10_PointsMethod()
    {
        // Point value = 138 461 538.46 / 1 433 330 = 96.6013; hospital 95 000 points → 9 177 123.50, minus 3 200 000 paid by patients → 5 977 123.50.
        var pv = DipCalculator.BudgetPointValue(138_461_538.46m, 1_433_330m);
        Assert.Equal(96.6013m, pv);
        Assert.Equal(5_977_123.50m, DipCalculator.Clear(95_000m, pv, 3_200_000m, 0m, 0m).FundPayable);
    }

    // ---------- Budgets §3.3 ----------
    [Fact]
    public void TV_GB_1_HistoricalBudget()
    {
        // Base = 0.2·480 + 0.3·505 + 0.5·530 = 96 + 151.5 + 265 = 512.5 M; × 1.05 = 538.125 M.
        Assert.Equal(538_125_000m, HistoricalBudget.Compute([480_000_000m, 505_000_000m, 530_000_000m], 0.05m, [0.2m, 0.3m, 0.5m]));
        // Mean of the last k = 3 years: (480 + 505 + 530)/3 = 505 M × 1.05 = 530.25 M.
        Assert.Equal(530_250_000m, HistoricalBudget.Compute([480_000_000m, 505_000_000m, 530_000_000m], 0.05m));
    }

    [Fact]
    public void PerCapitaBudget_Example()
    {
        // 500 000 × 1 050 = 525 M; − 30 M premium − 3 % reserve (15.75 M) − 9.25 M carve-outs = 470 M.
        Assert.Equal(470_000_000m, PerCapitaBudget.Compute(500_000, 1050m, 30_000_000m, 0.03m, 9_250_000m));
    }

    [Fact]
    public void TV_WC_1_WeightedCapitation()
    {
        // Index = 1.04 × 1.02 × 0.98 × (1 + 0.3 × 0.10) = 1.07077152; per capita 1050 × that = 1 124.31;
        // gross 500 000 × 1 124.310096 = 562 155 048; prospective × 0.97 = 545 290 396.56; pool 16 864 651.44; × 0.8 = 13 491 721.15.
        var r = WeightedCapitation.Compute(new WeightedCapitationInputs
        {
            Insured = 500_000, BasePerCapita = 1050m, PopulationStructure = 1.04m, DiseaseSpectrum = 1.02m, EconomicLevel = 0.98m, PastCosts = 1.10m, HealthScore = 0.8m,
        });
        Assert.Equal(1.07077152m, r.Index);
        Assert.Equal(1124.31m, r.PerCapita);
        Assert.Equal(562_155_048m, r.Gross);
        Assert.Equal(545_290_396.56m, r.Prospective);
        Assert.Equal(16_864_651.44m, r.RewardPool);
        Assert.Equal(13_491_721.15m, r.RewardPaid);
        // Additive: 0.3·1.04 + 0.25·1.02 + 0.2·1.10 + 0.1·0.98 + 0.1·1.05 + 0.05·0.95 = 1.0375 → 1 089.38 per capita; gross 544 687 500.
        var a = WeightedCapitation.Compute(new WeightedCapitationInputs
        {
            Insured = 500_000, BasePerCapita = 1050m, PopulationStructure = 1.04m, DiseaseSpectrum = 1.02m, PastCosts = 1.10m, EconomicLevel = 0.98m,
            HealthPerformance = 1.05m, FamilyDoctorPerformance = 0.95m,
        }, new WeightedCapitationParameters { Form = WeightedCapitationForm.Additive, OutcomeHoldback = 0m });
        Assert.Equal(1.0375m, a.Index);
        Assert.Equal(1089.38m, a.PerCapita);
        Assert.Equal(544_687_500m, a.Gross);
    }

    [Fact]
    public void HistoricalBudgetInheritsFfsInflation()
    {
        // FFS spending 100 growing 10 %/yr vs need 100 growing 5 %: year 1 historical = mean(100, 110, 121) × 1.05 = 115.85 vs per-capita 100.
        var c = BudgetComparison.Project(100m, 100m, 0.10m, 0.05m, 0.05m, k: 3, years: 4);
        Assert.Equal(115.85m, c.Rows[0].HistoricalBudget);
        Assert.Equal(100m, c.Rows[0].PerCapitaBudget);
        Assert.True(c.Rows[^1].HistoricalInflation > c.Rows[0].HistoricalInflation, "the gap widens while FFS growth outpaces financing");
    }

    // ---------- Capitation and family doctor §4 ----------
    [Fact]
    public void TV_CAP_1_Capitation()
    {
        // Risk units: 80 000·0.6 + 180 000·0.5 + 120 000·1.0 + 30 000·1.6 + 50 000·1.8 + 40 000·2.88 = 511 200.
        RiskCell[] cells = [new("0-14", 80_000, 0.6m), new("15-44", 180_000, 0.5m), new("45-64", 120_000, 1.0m), new("45-64 HTN/DM", 30_000, 1.6m),
            new("65+", 50_000, 1.8m), new("65+ HTN/DM", 40_000, 1.8m * 1.6m)];
        var units = CapitationCalculator.RiskUnits(cells);
        Assert.Equal(511_200m, units);
        // Base rate 80 000 000 / 511 200 = 156.49 per risk unit; 70-year-old diabetic 2.88 × 156.4945… = 450.70; 30-year-old 0.5 × … = 78.25.
        var rate = CapitationCalculator.BaseRate(80_000_000m, units);
        Assert.Equal(156.49m, Math.Round(rate, 2));
        Assert.Equal(450.70m, CapitationCalculator.PersonPayment(rate, 2.88m));
        Assert.Equal(78.25m, CapitationCalculator.PersonPayment(rate, 0.5m));
    }

    [Fact]
    public void TV_FD_1_FamilyDoctorFee()
    {
        // 2 000 × 120 × 0.7 = 168 000; upfront 60 % = 100 800; 40 % × 168 000 × 0.9 = 60 480; − 8 000 + 7 500 = 160 780.
        Assert.Equal(160_780m, CapitationCalculator.FamilyDoctorTeamFee(2000, 120m, 0.7m, 0.6m, 0.9m, 8_000m, 7_500m));
    }

    // ---------- Per-diem §5.3 ----------
    [Fact]
    public void TV_PD_1_2_PerDiem()
    {
        // 120 days marginal: 30×300 + 60×270 + 30×240 = 9 000 + 16 200 + 7 200 = 32 400.
        Assert.Equal(32_400m, PerDiemCalculator.Pay(120, 300m));
        // 90 vs 91 marginal: 25 200 vs 25 440; whole-stay: 90×270 = 24 300 vs 91×240 = 21 840 (the cliff).
        Assert.Equal(25_200m, PerDiemCalculator.Pay(90, 300m));
        Assert.Equal(25_440m, PerDiemCalculator.Pay(91, 300m));
        var whole = new PerDiemParameters { Model = PerDiemModel.WholeStay };
        Assert.Equal(24_300m, PerDiemCalculator.Pay(90, 300m, whole));
        Assert.Equal(21_840m, PerDiemCalculator.Pay(91, 300m, whole));
        // 200 days marginal: 9 000 + 16 200 + 21 600 + 20 × 210 = 51 000.
        Assert.Equal(51_000m, PerDiemCalculator.Pay(200, 300m));
    }

    // ---------- Referral deductible §6.5 ----------
    [Fact]
    public void TV_REF_1_ReferralDeductible()
    {
        // Township deductible 150 paid, county deductible 500 → remaining 350: (6 000 − 350) × 0.75 = 4 237.50; without continuity (6 000 − 500) × 0.75 = 4 125.00.
        Assert.Equal(4_237.50m, BenefitRules.FundPayment(6_000m, 500m, 150m, 0.75m));
        Assert.Equal(4_125.00m, BenefitRules.FundPayment(6_000m, 500m, 0m, 0.75m));
    }

    private static decimal PaymentMath(decimal v) => AllianceResearch.Payment.PaymentMath.Money(v);
}
