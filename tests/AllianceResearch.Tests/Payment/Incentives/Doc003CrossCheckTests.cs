using AllianceResearch.Literature;
using AllianceResearch.Payment.Guide;
using AllianceResearch.Payment.Incentives;
using AllianceResearch.TestSupport;

namespace AllianceResearch.Tests.Payment.Incentives;

/// <summary>
/// The scenario files and the guide must use the very figures the evidence base transcribed from document
/// 003 (datasets/cases/case_figures.csv, status "stated"): a contract parameter that drifted from the source
/// would fail here, whichever file was edited.
/// </summary>
public class Doc003CrossCheckTests
{
    private static readonly Lazy<EvidenceBase> Evidence = new(() => EvidenceBase.Load(RepoPaths.InRepo("datasets")));

    private static decimal Stated(string caseId, string figureStart)
    {
        var figures = Evidence.Value.CaseFigures.Where(f => f.CaseId == caseId).ToList();
        var figure = figures.SingleOrDefault(f => f.Figure == figureStart)
                     ?? figures.Single(f => f.Figure.StartsWith(figureStart, StringComparison.Ordinal));
        Assert.Equal(FigureStatus.Stated, figure.Status);
        return figure.Value!.Value;
    }

    private static IncentiveContract Contract(string name) =>
        IncentiveJson.ReadScenario(RepoPaths.InRepo("datasets", "scenarios", "doc003", name + ".json")).Contract;

    private static IncentiveScenario Scenario(string name) =>
        IncentiveJson.ReadScenario(RepoPaths.InRepo("datasets", "scenarios", "doc003", name + ".json"));

    private static decimal Pct(decimal percent) => percent / 100m;

    [Fact]
    public void Xiamen_ParametersMatchTheTranscribedFigures()
    {
        var pool = (PoolClause)Contract("xiamen-three-doctors").Clauses[0];
        Assert.Equal(Stated("xiamen_three_doctors", "contract fee per signed resident"), pool.Funding.PerUnit);
        var tied = pool.Components.Single(c => c.Id == "evaluation");
        Assert.Equal(Pct(Stated("xiamen_three_doctors", "share of the fee tied")), tied.Share);
        Assert.Equal(Stated("xiamen_three_doctors", "amount tied to third-party evaluation"), pool.Funding.PerUnit * tied.Share);
        Assert.Equal(Pct(Stated("xiamen_three_doctors", "share of consortia earning")), pool.Tournament!.TopShare);
        Assert.Equal(Pct(Stated("xiamen_three_doctors", "extra reward")), pool.Tournament.BonusRate);
    }

    [Fact]
    public void RateAndSplitExamples_MatchTheTranscribedFigures()
    {
        var tiantan = Contract("tiantan-neurology").Clauses.Cast<RateClause>().ToList();
        Assert.Equal(Pct(Stated("beijing_tiantan", "share of a referred patient")), tiantan[0].Rate);
        Assert.Equal(Pct(Stated("beijing_tiantan", "share of rehabilitation revenue")), tiantan[1].Rate);

        var insurance = Contract("hypertension-insurance").Clauses.Cast<RateClause>().ToList();
        Assert.Equal(Pct(Stated("example_hypertension_insurance", "share of premium")), insurance[0].Rate);
        Assert.Equal(Pct(Stated("example_hypertension_insurance", "hypertension control rate")), insurance[0].Gate!.AtLeast);
        Assert.Equal(Stated("example_hypertension_insurance", "annual cost threshold"), insurance[1].Deductible);
        Assert.Equal(Pct(Stated("example_hypertension_insurance", "share of cost above")), insurance[1].Rate);

        var procurement = (RateClause)Contract("joint-procurement-bonus").Clauses[0];
        Assert.Equal(Pct(Stated("safeguard_joint_purchase", "payment bonus on drugs bought jointly by the consortium (low)")), procurement.Rate);

        static IEnumerable<decimal> Weights(IncentiveContract c) => ((SplitClause)c.Clauses[0]).Shares!.Select(s => s.Weight);
        Assert.Equal([Stated("example_city_surplus", "surplus share for primary"), Stated("example_city_surplus", "surplus share for staff"),
                      Stated("example_city_surplus", "surplus share for discipline")], Weights(Contract("city-surplus-rule")));
        Assert.Equal([Stated("shenzhen_luohu", "surplus share for new"), Stated("shenzhen_luohu", "surplus share for staff"),
                      Stated("shenzhen_luohu", "surplus share for chronic")], Weights(Contract("shenzhen-luohu")));
        // 6:4 split ↔ contributions 60% / 40%.
        Assert.Equal([Stated("example_county_lab", "county hospital") / 10m, Stated("example_county_lab", "townships") / 10m],
            Weights(Contract("county-lab-centre")));
        var shanghai = (SplitClause)Contract("shanghai-investment").Clauses[0];
        Assert.Equal(Stated("shanghai_111", "consortium construction funding"), shanghai.Amount);
        Assert.Equal(Stated("shanghai_111", "share of that funding"), shanghai.Shares![0].Weight);
    }

    [Fact]
    public void PoolExamples_MatchTheTranscribedFigures()
    {
        var fund = (PoolClause)Contract("province-collaboration-fund").Clauses[0];
        Assert.Equal(Stated("example_province_fund", "collaboration fund per resident"), fund.Funding.PerUnit);
        Assert.Equal([Pct(Stated("example_province_fund", "share tied to family-doctor")), Pct(Stated("example_province_fund", "share tied to primary")),
                      Pct(Stated("example_province_fund", "share tied to patient"))], fund.Components.Select(c => c.Share));

        var early = Scenario("stage-early-hard-targets");
        var rules = ((PoolClause)early.Contract.Clauses[0]).Components.Select(c => c.Rule.Target).ToList();
        Assert.Equal([Pct(Stated("strategy_early", "fall in tertiary")), Stated("strategy_early", "rise in primary")], rules);
        var shanghai = early.Members.Single(m => m.Member == "shanghai-1+1+1").Metrics;
        Assert.Equal(-Pct(Stated("shanghai_111", "change in tertiary")), shanghai["tertiaryGeneralOutpatientDecline"]);
        Assert.Equal(Stated("shanghai_111", "change in primary-care share"), shanghai["primaryVisitShareIncreasePp"]);
        Assert.Equal(Pct(Stated("shanghai_111", "primary-care share of visits")), shanghai["primaryVisitShare"]);

        var settlement = (SettlementClause)Contract("stage-middle-overrun-by-cause").Clauses[0];
        Assert.Equal(Pct(Stated("strategy_middle", "consortium share of overruns from uncontrollable")), settlement.Corridor.OverrunBands!.Single().AllianceShare);
        Assert.Equal(1m - Pct(Stated("strategy_middle", "fund share of overruns from uncontrollable")), settlement.Corridor.OverrunBands!.Single().AllianceShare);
        Assert.Equal(Pct(Stated("strategy_middle", "consortium share of overruns from poor management")), settlement.Corridor.ManagementOverrunAllianceShare);
        Assert.Equal(Pct(Stated("strategy_middle", "share of surplus tied")), settlement.Corridor.QualityTiedShare);

        var middle = (PoolClause)Contract("stage-middle-quality-tied-surplus").Clauses[0];
        Assert.Equal(Pct(Stated("strategy_middle", "share of surplus tied")), middle.Components.Single(c => c.Id == "quality-tied").Share);
    }

    [Fact]
    public void GuideAgreesWithTheEvidenceBase_AndTheAdvisorRecommendsEachCasesModel()
    {
        var guide = IncentiveGuide.Default;
        var profiles = Evidence.Value.IncentiveModels;
        Assert.Equal(profiles.Select(p => p.NameZh), guide.Models.Select(m => m.NameZh));

        var modelOf = new Dictionary<string, IncentiveModel>
        {
            ["government"] = IncentiveModel.GovernmentLed,
            ["insurance"] = IncentiveModel.InsuranceLed,
            ["hospital"] = IncentiveModel.HospitalAutonomous,
            ["social"] = IncentiveModel.SocialParticipation,
        };
        // Each case of cases.csv is listed under the model the evidence base files it under.
        foreach (var c in Evidence.Value.Cases)
        {
            Assert.Contains(c.Id, guide.Model(modelOf[c.ModelId]).Cases);
        }

        // Contexts: our reading of document 003 (see IncentiveAdvisorTests for the passages).
        var contexts = new Dictionary<string, AdvisorContext>
        {
            ["shanghai_111"] = new() { Economy = EconomyLevel.Developed, Type = ConsortiumType.Loose, Resources = ResourceStructure.InvertedTriangle, Stage = ReformStage.Early },
            ["shenzhen_luohu"] = new() { Economy = EconomyLevel.Developed, Type = ConsortiumType.Tight, Stage = ReformStage.Middle, Unifications = Enum.GetValues<Unification>() },
            ["beijing_tiantan"] = new() { Economy = EconomyLevel.Developed, Type = ConsortiumType.Loose, Unifications = [] },
            ["xiamen_three_doctors"] = new() { Economy = EconomyLevel.Developed, Type = ConsortiumType.Loose, Stage = ReformStage.Deepening },
        };
        foreach (var c in Evidence.Value.Cases)
        {
            var advice = IncentiveAdvisor.Advise(contexts[c.Id] with { Label = c.NameEn });
            Assert.Contains(modelOf[c.ModelId], advice.Combination);
        }
    }
}
