using AllianceResearch.Payment.Incentives;
using AllianceResearch.TestSupport;

namespace AllianceResearch.Tests.Payment.Incentives;

/// <summary>
/// Every numeric example of document 003 (003_2819d52ff3edc13b.txt; English digest in
/// ../shared/domain/seed-digest.md, section 003) loaded from datasets/scenarios/doc003/ and reproduced.
/// Expected values are hand calculations shown in each test; figures marked "doc" are the document's,
/// the rest are the illustrative inputs written in the scenario file's notes.
/// </summary>
public class Doc003ScenarioTests
{
    private static IncentiveScenario Load(string name) =>
        IncentiveJson.ReadScenario(RepoPaths.InRepo("datasets", "scenarios", "doc003", name + ".json"));

    private static void AssertConserved(IncentiveEvaluation e)
    {
        Assert.All(e.Balances, b => Assert.Equal(b.Funded, b.Paid + b.Returned));
        Assert.Equal(0m, e.Parties.Sum(p => p.Net));
    }

    [Fact]
    public void ProvinceCollaborationFund_15YuanPerResident_Split30_40_30()
    {
        // Digest 003, model 1: "collaboration fund of ¥15 per resident per year for tight consortia; 30% tied
        // to family-doctor contract volume, 40% to primary-care visit share, 30% to patient satisfaction."
        var scenario = Load("province-collaboration-fund");
        var e = scenario.Evaluate();

        // Alliance A meets every target: 400,000 × ¥15 = ¥6,000,000,
        // split 30/40/30 = ¥1,800,000 / ¥2,400,000 / ¥1,800,000, i.e. ¥4.50 / ¥6.00 / ¥4.50 per resident (doc figures).
        Assert.Equal(1_800_000m, e.ReceivedBy("A", "collaboration-fund", "contracts"));
        Assert.Equal(2_400_000m, e.ReceivedBy("A", "collaboration-fund", "primary-share"));
        Assert.Equal(1_800_000m, e.ReceivedBy("A", "collaboration-fund", "satisfaction"));
        Assert.Equal(6_000_000m, e.ReceivedBy("A"));
        Assert.Equal(15m, e.ReceivedBy("A") / 400_000m);
        Assert.Equal(4.5m, e.ReceivedBy("A", "collaboration-fund", "contracts") / 400_000m);
        Assert.Equal(6m, e.ReceivedBy("A", "collaboration-fund", "primary-share") / 400_000m);

        // Alliance B: 250,000 × 15 = 3,750,000; satisfaction 0.88 < 0.90 loses its 30% (1,125,000):
        // 1,125,000 + 1,500,000 = 2,625,000.
        Assert.Equal(2_625_000m, e.ReceivedBy("B"));
        // Alliance C: 150,000 × 15 = 2,250,000 → 675,000 / 900,000 / 675,000;
        // contracts 0.30/0.40 = 0.75 → 506,250; primary 0.52/0.65 = 0.8 → 720,000; satisfaction met → 675,000;
        // total 1,901,250.
        Assert.Equal(506_250m, e.ReceivedBy("C", "collaboration-fund", "contracts"));
        Assert.Equal(720_000m, e.ReceivedBy("C", "collaboration-fund", "primary-share"));
        Assert.Equal(1_901_250m, e.ReceivedBy("C"));

        // Conservation: funded 15 × 800,000 = 12,000,000 = paid 10,526,250 + returned 1,473,750.
        var b = e.BalanceOf("collaboration-fund");
        Assert.Equal(12_000_000m, b.Funded);
        Assert.Equal(10_526_250m, b.Paid);
        Assert.Equal(1_473_750m, b.Returned);
        Assert.Equal(1_473_750m, e.ReceivedBy("province finance"));
        AssertConserved(e);
    }

    [Fact]
    public void EarlyStageHardTargets_ShanghaiMeetsBoth()
    {
        // Digest 003, staged strategy, early stage: "hard targets: tertiary general outpatient decline ≥15%,
        // primary visit share +≥10%, else fiscal subsidy cut". Shanghai 1+1+1 case: "2022: primary visit share
        // 42.6% (+18.3 pp on pre-reform), tertiary general outpatient visits −23.5%".
        var e = Load("stage-early-hard-targets").Evaluate();

        // Shanghai: 23.5% ≥ 15% and 18.3 pp ≥ 10 pp → keeps the whole (illustrative) ¥10,000,000.
        Assert.Equal(10_000_000m, e.ReceivedBy("shanghai-1+1+1"));
        // Pre-reform primary visit share implied by the case: 42.6% − 18.3 pp = 24.3%.
        Assert.Equal(0.243m, 0.426m - 18.3m / 100m);
        // County X: 12% < 15% loses the first half (¥5,000,000); 11 pp ≥ 10 keeps the second.
        Assert.Equal(5_000_000m, e.ReceivedBy("county-x"));
        Assert.Equal(5_000_000m, e.BalanceOf("fiscal-subsidy").Returned);
        Assert.Contains(e.Lines, l => l.Recipient == "county-x" && l.Steps.Any(s => s.Contains("0.12 < target 0.15")));
        AssertConserved(e);
    }

    [Fact]
    public void ShanghaiInvestment_60PercentOf5BillionToPrimaryCare()
    {
        // Digest 003, Shanghai case: "2018–2020 over ¥5 billion invested, 60% for primary-care capacity".
        // ¥5,000,000,000 × 60% = ¥3,000,000,000 (a lower bound, since the document says "over").
        var e = Load("shanghai-investment").Evaluate();
        Assert.Equal(3_000_000_000m, e.ReceivedBy("primary-care capacity"));
        Assert.Equal(2_000_000_000m, e.ReceivedBy("other uses (not itemised)"));
        AssertConserved(e);
    }

    [Fact]
    public void CitySurplusRule_50_30_20()
    {
        // Digest 003, model 2: "Example city surplus rule: 50% primary-care equipment and training,
        // 30% rewards for staff doing two-way referral, 20% discipline building".
        // ¥10,000,000 × 50/30/20 = ¥5,000,000 / ¥3,000,000 / ¥2,000,000.
        var e = Load("city-surplus-rule").Evaluate();
        Assert.Equal(5_000_000m, e.ReceivedBy("primary-care equipment and training"));
        Assert.Equal(3_000_000m, e.ReceivedBy("rewards for two-way-referral staff"));
        Assert.Equal(2_000_000m, e.ReceivedBy("discipline building"));
        AssertConserved(e);
    }

    [Fact]
    public void ShenzhenLuohu_40_30_30()
    {
        // Digest 003, Luohu case: "surplus split 40% new community health centres and equipment, 30% staff pay,
        // 30% chronic-disease programmes" (cumulative amount garbled in the source: shown per ¥100 million).
        // ¥100,000,000 × 40/30/30 = ¥40,000,000 / ¥30,000,000 / ¥30,000,000.
        var e = Load("shenzhen-luohu").Evaluate();
        Assert.Equal(40_000_000m, e.ReceivedBy("new community health centres and equipment"));
        Assert.Equal(30_000_000m, e.ReceivedBy("staff pay"));
        Assert.Equal(30_000_000m, e.ReceivedBy("chronic-disease programmes"));
        AssertConserved(e);
    }

    [Fact]
    public void CountyLabCentre_RevenueSplit6To4ByContribution()
    {
        // Digest 003, model 3: "county hospital contributes equipment (60%), townships site and staff (40%)
        // → revenue split 6:4". Revenue ¥2,500,000 (illustrative): 2,500,000 × 6/10 = 1,500,000; × 4/10 = 1,000,000.
        var e = Load("county-lab-centre").Evaluate();
        Assert.Equal(1_500_000m, e.ReceivedBy("county-hospital", "lab-revenue"));
        Assert.Equal(1_000_000m, e.ReceivedBy("townships", "lab-revenue"));
        // The townships' ¥1,000,000 by their contributions 20:12:8 (sum 40): 500,000 / 300,000 / 200,000.
        Assert.Equal(500_000m, e.ReceivedBy("township-1"));
        Assert.Equal(300_000m, e.ReceivedBy("township-2"));
        Assert.Equal(200_000m, e.ReceivedBy("township-3"));
        AssertConserved(e);
    }

    [Fact]
    public void Tiantan_ReferralReturn10Percent_GuidanceFee5Percent()
    {
        // Digest 003, Tiantan case: "10% of the treatment revenue of a referred patient returned to the
        // referring unit; 5% of rehabilitation revenue paid as technical-guidance fee".
        var e = Load("tiantan-neurology").Evaluate();
        // Unit A: 10% × 1,200,000 = 120,000 and 5% × 300,000 = 15,000 → 135,000.
        Assert.Equal(120_000m, e.ReceivedBy("unit-a", "referral-return"));
        Assert.Equal(15_000m, e.ReceivedBy("unit-a", "guidance-fee"));
        // Unit B: 10% × 450,000 = 45,000; 5% × 80,000 = 4,000. Unit C: 0 referrals; 5% × 25,000 = 1,250.
        Assert.Equal(49_000m, e.ReceivedBy("unit-b"));
        Assert.Equal(1_250m, e.ReceivedBy("unit-c"));
        // Tiantan pays 165,000 + 20,250 = 185,250.
        Assert.Equal(-185_250m, e.NetOf("tiantan"));
        AssertConserved(e);
    }

    [Fact]
    public void HypertensionInsurance_90PercentAbove5000_15PercentPremiumAtControl80()
    {
        // Digest 003, model 4: "annual cost above ¥5,000 reimbursed at 90%; alliance keeping hypertension
        // control ≥80% earns 15% of premium".
        var e = Load("hypertension-insurance").Evaluate();
        // North: control 0.82 ≥ 0.80 → 15% × 2,000,000 = 300,000. South: 0.78 < 0.80 → 0.
        Assert.Equal(300_000m, e.ReceivedBy("alliance-north"));
        Assert.Equal(0m, e.ReceivedBy("alliance-south"));
        // Patients: 4,200 → 0 (below ¥5,000); 8,000 → 90% × 3,000 = 2,700; 12,500 → 90% × 7,500 = 6,750.
        Assert.Equal(0m, e.ReceivedBy("patient-1"));
        Assert.Equal(2_700m, e.ReceivedBy("patient-2"));
        Assert.Equal(6_750m, e.ReceivedBy("patient-3"));
        Assert.Equal(-309_450m, e.NetOf("commercial insurer"));
        AssertConserved(e);
    }

    [Fact]
    public void Xiamen_120PerSignedResident_36TiedProRata_Top20PercentPlus10()
    {
        // Digest 003, Xiamen case: "¥120 per signed resident per year, of which 30% (¥36) tied to the evaluation
        // (full if met, pro-rata cut otherwise); top 20% of consortia earn a further 10%".
        var e = Load("xiamen-three-doctors").Evaluate();

        // 30% of ¥120 is ¥36 per signed resident (doc): c01 52,000 × 36 = 1,872,000, earned in full (96 ≥ 90).
        Assert.Equal(0.30m * 120m, 36m);
        Assert.Equal(1_872_000m, e.ReceivedBy("c01", "contract-fee", "evaluation"));
        Assert.Equal(52_000m * 84m, e.ReceivedBy("c01", "contract-fee", "base"));
        // c05: 44,000 × 36 = 1,584,000, cut pro rata 88/90 → 1,584,000 / 90 × 88 = 1,548,800 (¥35.20 per resident).
        Assert.Equal(1_548_800m, e.ReceivedBy("c05", "contract-fee", "evaluation"));
        Assert.Equal(35.2m, e.ReceivedBy("c05", "contract-fee", "evaluation") / 44_000m);
        // c10: 28,000 × 36 = 1,008,000 × 72/90 = 806,400.
        Assert.Equal(806_400m, e.ReceivedBy("c10", "contract-fee", "evaluation"));

        // Top 20% of 10 consortia = 2 (c01 at 96, c02 at 93): +10% of the ¥120 fee = ¥12 per signed resident.
        var winners = e.Lines.Where(l => l.Kind == PaymentLineKind.Bonus).Select(l => l.Recipient).ToList();
        Assert.Equal(["c01", "c02"], winners);
        Assert.Equal(624_000m, e.ReceivedBy("c01", "contract-fee", "tournament")); // 10% × 52,000 × 120
        Assert.Equal(576_000m, e.ReceivedBy("c02", "contract-fee", "tournament")); // 10% × 48,000 × 120
        Assert.Equal(132m, e.ReceivedBy("c01") / 52_000m);                        // 120 + 12

        // Conservation: 435,000 signed × 120 = 52,200,000 + bonus 1,200,000 = 53,400,000 funded;
        // returned = pro-rata cuts of c05..c10 = 35,200 + 91,200 + 84,000 + 147,600 + 180,000 + 201,600 = 739,600.
        var b = e.BalanceOf("contract-fee");
        Assert.Equal(53_400_000m, b.Funded);
        Assert.Equal(739_600m, b.Returned);
        AssertConserved(e);
    }

    [Fact]
    public void Xiamen_BonusOnTheTiedComponentInstead_Is3Point60PerResident()
    {
        // The other reading of "a further 10%": 10% of the ¥36 evaluation-tied part = ¥3.60 per signed resident.
        var s = Load("xiamen-three-doctors");
        var pool = (PoolClause)s.Contract.Clauses[0];
        var contract = s.Contract with
        {
            Clauses = [pool with { Tournament = pool.Tournament! with { Base = TournamentBase.Component, Component = "evaluation" } }],
        };
        var e = IncentiveEvaluator.Evaluate(contract, s.Metrics());
        Assert.Equal(52_000m * 3.6m, e.ReceivedBy("c01", "contract-fee", "tournament")); // 187,200
    }

    [Fact]
    public void MiddleStage_20PercentOfSurplusTiedToQuality()
    {
        // Digest 003, staged strategy, middle stage: "20% of surplus tied to third-party quality evaluation".
        var e = Load("stage-middle-quality-tied-surplus").Evaluate();
        // A: ¥10,000,000 surplus → 8,000,000 untied + 2,000,000 tied, quality 94 ≥ 90 → keeps 10,000,000.
        Assert.Equal(10_000_000m, e.ReceivedBy("alliance-a"));
        // B: tied 2,000,000 × 81/90 = 1,800,000 → keeps 9,800,000; 200,000 back to the insurance fund.
        Assert.Equal(1_800_000m, e.ReceivedBy("alliance-b", "retained-surplus", "quality-tied"));
        Assert.Equal(9_800_000m, e.ReceivedBy("alliance-b"));
        Assert.Equal(200_000m, e.BalanceOf("retained-surplus").Returned);
        AssertConserved(e);
    }

    [Fact]
    public void MiddleStage_OverrunByCause_7To3_And_0To10()
    {
        // Digest 003, staged strategy, middle stage: "overrun from uncontrollable causes shared fund:consortium = 7:3,
        // from poor management borne 100% by the consortium; 20% of surplus tied to third-party quality evaluation".
        // Computed through the payment engine's GlobalBudgetSettlement; B = ¥400,000,000 (illustrative).
        var e = Load("stage-middle-overrun-by-cause").Evaluate();
        // A = 420M, overrun 20M, all uncontrollable: consortium bears 30% = 6,000,000; the fund pays 414,000,000.
        Assert.Equal(-6_000_000m, e.NetOf("epidemic-year"));
        // Same overrun from poor management: the consortium bears all 20,000,000.
        Assert.Equal(-20_000_000m, e.NetOf("poor-management"));
        // Half each: 10,000,000 × 100% + 10,000,000 × 30% = 13,000,000.
        Assert.Equal(-13_000_000m, e.NetOf("mixed-causes"));
        // A = 360M: surplus 40,000,000; 20% (8,000,000) tied to quality, score 85 → factor 0.9 → 7,200,000 released;
        // retained 32,000,000 + 7,200,000 = 39,200,000.
        Assert.Equal(39_200_000m, e.NetOf("surplus-year"));
        Assert.Contains(e.Lines.Single(l => l.Payer == "mixed-causes").Steps, s => s.Contains("Management overrun"));
        AssertConserved(e);
    }

    [Fact]
    public void JointProcurementBonus_10To15Percent()
    {
        // Digest 003, safeguards: "10–15% payment bonus on drugs bought jointly by the consortium".
        var s = Load("joint-procurement-bonus");
        var low = s.Evaluate();
        Assert.Equal(340_000m, low.ReceivedBy("consortium-1"));   // 10% × 3,400,000
        Assert.Equal(125_000m, low.ReceivedBy("consortium-2"));   // 10% × 1,250,000

        var clause = (RateClause)s.Contract.Clauses[0];
        var high = IncentiveEvaluator.Evaluate(s.Contract with { Clauses = [clause with { Rate = 0.15m }] }, s.Metrics());
        Assert.Equal(510_000m, high.ReceivedBy("consortium-1"));  // 15% × 3,400,000
        Assert.Equal(187_500m, high.ReceivedBy("consortium-2"));  // 15% × 1,250,000
        AssertConserved(high);
    }

    [Theory]
    [InlineData("doc003", "003_2819d52ff3edc13b.txt", 12)]
    [InlineData("doc004", "004_c0ad2c48d4dfa3e5.txt", 1)]
    [InlineData("domain", "payment-and-indicators.md", 1)]
    public void EveryIncentiveScenarioFileLoadsEvaluatesAndRoundTrips(string folder, string source, int atLeast)
    {
        var dir = RepoPaths.InRepo("datasets", "scenarios", folder);
        var files = Directory.GetFiles(dir, "*.json").Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count >= atLeast, $"expected at least {atLeast} scenarios in {dir}");
        foreach (var file in files)
        {
            var s = IncentiveJson.ReadScenario(file);
            Assert.Equal(Path.GetFileNameWithoutExtension(file), s.Id);
            Assert.Contains(source, s.Source);
            Assert.False(string.IsNullOrWhiteSpace(s.Notes), $"{file}: say which numbers are the source's and which are illustrative");
            var e = s.Evaluate();
            AssertConserved(e);
            var again = IncentiveJson.ParseScenario(IncentiveJson.Serialize(s), file);
            Assert.Equal(IncentiveJson.Serialize(s), IncentiveJson.Serialize(again));
            Assert.Equal(IncentiveJson.Serialize(e), IncentiveJson.Serialize(again.Evaluate()));
        }
    }
}
