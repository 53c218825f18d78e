using AllianceResearch.Payment.Guide;
using AllianceResearch.Payment.Incentives;
using AllianceResearch.TestSupport;

namespace AllianceResearch.Tests.Payment.Guide;

/// <summary>
/// The selection guide as data and the advisor on document 003's cases (003_2819d52ff3edc13b.txt; digest
/// section 003, "Selection framework" and "Staged strategy"). The contexts are taken from the document's
/// own words where it gives them; where we had to classify (marked "our reading"), the test says so.
/// </summary>
public class IncentiveAdvisorTests
{
    private static readonly Unification[] AllSix = Enum.GetValues<Unification>();

    [Fact]
    public void ShippedGuideMatchesTheDatasetFolderAndTheDocument()
    {
        var shipped = IncentiveGuide.Default;
        var fromDisk = IncentiveGuide.Load(RepoPaths.InRepo("datasets", "guide"));
        Assert.Equal(shipped.Models.Select(m => m.NameZh), fromDisk.Models.Select(m => m.NameZh));
        Assert.Equal(["政府主导型", "医保主导型", "医院自主协同型", "社会参与型"], shipped.Models.Select(m => m.NameZh));
        Assert.Equal(6, shipped.Rules.Count);
        Assert.Equal(["统一人事管理", "统一财务管理", "统一资产管理", "统一业务管理", "统一药品耗材目录", "统一药品耗材配送"],
            shipped.Unifications.Select(u => u.NameZh));
        Assert.Contains("003_2819d52ff3edc13b.txt", shipped.Sources);
        Assert.Contains("001_46378e2de3f0a946.txt", shipped.Sources);

        // Digest 003, staged strategy: early-stage hard targets ≥ 15% and ≥ 10 pp; middle stage 7:3 and 20%.
        var early = shipped.Stage(ReformStage.Early).Measures[0].Figures!;
        Assert.Equal(0.15m, early.Single(f => f.Metric == "tertiaryGeneralOutpatientDecline").AtLeast);
        Assert.Equal(10m, early.Single(f => f.Metric == "primaryVisitShareIncreasePp").AtLeast);
        var middle = shipped.Stage(ReformStage.Middle).Measures.SelectMany(m => m.Figures ?? []).ToList();
        Assert.Equal(0.7m, middle.Single(f => f.Metric == "uncontrollableOverrunFundShare").Value);
        Assert.Equal(0.2m, middle.Single(f => f.Metric == "surplusQualityTiedShare").Value);

        // Every scenario a model or stage points at exists.
        var scenarios = shipped.Models.SelectMany(m => m.Scenarios)
            .Concat(shipped.Stages.SelectMany(s => s.Measures).Select(m => m.Scenario))
            .Concat(shipped.Safeguards.Select(m => m.Scenario)).OfType<string>();
        foreach (var id in scenarios)
        {
            Assert.True(File.Exists(RepoPaths.InRepo("datasets", "scenarios", "doc003", id + ".json")), $"missing scenario {id}");
        }
    }

    [Fact]
    public void TightnessCheck_ListsMissingUnificationsAndGatesGlobalBudget()
    {
        // Document 001: global payment only for an alliance with all six unifications.
        var full = TightnessCheck.Evaluate(AllSix);
        Assert.True(full.GlobalBudgetEligible);

        var partial = TightnessCheck.Evaluate([Unification.Personnel, Unification.Finance, Unification.Assets, Unification.Business]);
        Assert.False(partial.GlobalBudgetEligible);
        Assert.Equal(["统一药品耗材目录", "统一药品耗材配送"], partial.Missing.Select(m => m.NameZh));
        Assert.Contains("2 of 6 unifications missing", partial.Reasons[^1]);
        Assert.Contains("[ ] unified drug-and-consumable catalogue", partial.ToString());
        Assert.Contains("not eligible", partial.ToHtml());
    }

    [Fact]
    public void ShenzhenLuohu_TightAndUnified_GetsInsuranceLedPlusGovernment()
    {
        // Document 003 (selection framework, consortium type): "Shenzhen Luohu hospital group has achieved unified
        // people, money and things" → tight → insurance-led + government guidance. Shenzhen is a developed economy
        // (our reading); the group has run global budget with surplus retention since 2015 → middle stage (our reading).
        var advice = IncentiveAdvisor.Advise(new AdvisorContext
        {
            Label = "Shenzhen Luohu", Economy = EconomyLevel.Developed, Type = ConsortiumType.Tight,
            Stage = ReformStage.Middle, Unifications = AllSix,
        });
        // Votes: economy → government, social; type → insurance, government; stage → insurance.
        // Insurance 2, government 2 (tie → stage lead, insurance first), social 1.
        Assert.Equal([IncentiveModel.InsuranceLed, IncentiveModel.GovernmentLed], advice.Combination);
        Assert.True(advice.GlobalBudgetEligible);
        Assert.Equal(2, advice.Scores.Single(s => s.Model == IncentiveModel.InsuranceLed).Votes);
        Assert.Contains(advice.Measures, m => m.Contains("7 : 3"));
    }

    [Fact]
    public void BeijingTiantan_LooseSpecialtyAlliance_GetsHospitalAutonomousPlusSocial()
    {
        // Document 003 (selection framework): "loose consortium (technical cooperation) → hospital-autonomous +
        // social participation; e.g. Beijing Tiantan neurology alliance could bring in commercial-insurance evaluation".
        // A specialty alliance across 28 provinces has none of the six unifications (our reading).
        var advice = IncentiveAdvisor.Advise(new AdvisorContext
        {
            Label = "Beijing Tiantan", Economy = EconomyLevel.Developed, Type = ConsortiumType.Loose, Unifications = [],
        });
        // Votes: economy → government, social; type → hospital-autonomous, social. Social 2; government 1 and
        // hospital-autonomous 1 tie → the type rule wins the tie.
        Assert.Equal([IncentiveModel.SocialParticipation, IncentiveModel.HospitalAutonomous], advice.Combination);
        Assert.False(advice.GlobalBudgetEligible);
    }

    [Fact]
    public void Shanghai_DevelopedInvertedTriangleEarlyStage_GetsGovernmentLed()
    {
        // Document 003 files Shanghai 1+1+1 under the government-led model ("fiscal + administrative" drive, from 2014).
        // Our reading of its context: developed economy, tertiary-heavy (inverted triangle), early stage, and a
        // contracting arrangement of 1 tertiary + 1 secondary + primary institutions rather than a unified one (loose).
        var advice = IncentiveAdvisor.Advise(new AdvisorContext
        {
            Label = "Shanghai 1+1+1", Economy = EconomyLevel.Developed, Type = ConsortiumType.Loose,
            Resources = ResourceStructure.InvertedTriangle, Stage = ReformStage.Early,
        });
        // Votes: economy → gov, social; type → hosp, social; resources → gov, insurance; stage → gov.
        // Government 3, social 2, hospital 1, insurance 1.
        Assert.Equal(IncentiveModel.GovernmentLed, advice.Combination[0]);
        Assert.Equal(3, advice.Scores[0].Votes);
        Assert.Equal(IncentiveModel.SocialParticipation, advice.Combination[1]);
        Assert.Null(advice.GlobalBudgetEligible);
        Assert.Contains(advice.Warnings, w => w.Contains("six unifications were not assessed"));
        Assert.Contains(advice.Measures, m => m.Contains("at least 15%"));
    }

    [Fact]
    public void Xiamen_DeepeningStage_GetsSocialParticipationFirst()
    {
        // Document 003 files Xiamen's three-doctor co-management (third-party performance purchase) under social
        // participation, the model its staged strategy assigns to the deepening stage. Context: our reading.
        var advice = IncentiveAdvisor.Advise(new AdvisorContext
        {
            Label = "Xiamen", Economy = EconomyLevel.Developed, Type = ConsortiumType.Loose, Stage = ReformStage.Deepening,
        });
        Assert.Equal(IncentiveModel.SocialParticipation, advice.Combination[0]);
        Assert.Equal(3, advice.Scores[0].Votes); // economy, type, stage
    }

    [Fact]
    public void PoorCountyDeclaredTightButMissingTwoUnifications_InsuranceLedRuledOut()
    {
        // Document 001: declared tightness without the six unifications does not qualify for global payment.
        var advice = IncentiveAdvisor.Advise(new AdvisorContext
        {
            Economy = EconomyLevel.Underdeveloped, Type = ConsortiumType.Tight, Stage = ReformStage.Middle,
            Unifications = [Unification.Personnel, Unification.Finance, Unification.Assets, Unification.Business],
        });
        // Effective type loose. Votes: economy → insurance, hospital; loose → hospital, social; stage → insurance.
        // Insurance 2 (gated out), hospital 2, social 1 → hospital-autonomous + social participation.
        Assert.False(advice.GlobalBudgetEligible);
        Assert.False(advice.Scores.Single(s => s.Model == IncentiveModel.InsuranceLed).Allowed);
        Assert.Equal([IncentiveModel.HospitalAutonomous, IncentiveModel.SocialParticipation], advice.Combination);
        Assert.StartsWith("Prerequisite: complete unified drug-and-consumable catalogue", advice.Measures[0]);
        Assert.Contains("treated as loose", advice.Steps[0].Finding);
        Assert.Contains(advice.Warnings, w => w.Contains("not yet tight"));
        var text = advice.ToString();
        Assert.Contains("ruled out by the six-unification gate", text);
        Assert.Contains("<ol>", advice.ToHtml());
    }

    [Fact]
    public void PoorCountyFullyTight_GetsInsuranceLedPlusGovernmentGuidance()
    {
        // Votes: economy → insurance, hospital; tight → insurance, government; stage middle → insurance.
        // Insurance 3; government 1 and hospital 1 tie → the type rule's government wins.
        var advice = IncentiveAdvisor.Advise(new AdvisorContext
        {
            Economy = EconomyLevel.Underdeveloped, Type = ConsortiumType.Tight, Stage = ReformStage.Middle, Unifications = AllSix,
        });
        Assert.Equal([IncentiveModel.InsuranceLed, IncentiveModel.GovernmentLed], advice.Combination);
        Assert.Equal(3, advice.Scores[0].Votes);
    }
}

/// <summary>The advisor's invariants over every context the framework can describe (exhaustive, 3,120 contexts).</summary>
public class IncentiveAdvisorInvariantTests
{
    [Fact]
    public void EveryContext_GivesAValidCombination_AndTheGateHolds()
    {
        var unificationSets = new List<IReadOnlyList<Unification>?> { null };
        var all = Enum.GetValues<Unification>();
        for (var mask = 0; mask < 1 << all.Length; mask++)
        {
            unificationSets.Add(all.Where((_, i) => (mask & (1 << i)) != 0).ToList());
        }
        var count = 0;
        foreach (var economy in Enum.GetValues<EconomyLevel>())
        foreach (var type in Enum.GetValues<ConsortiumType>())
        foreach (var resources in new ResourceStructure?[] { null, ResourceStructure.InvertedTriangle, ResourceStructure.UprightTriangle })
        foreach (var stage in new ReformStage?[] { null, ReformStage.Early, ReformStage.Middle, ReformStage.Deepening })
        foreach (var unified in unificationSets)
        {
            var advice = IncentiveAdvisor.Advise(new AdvisorContext { Economy = economy, Type = type, Resources = resources, Stage = stage, Unifications = unified });
            count++;
            Assert.InRange(advice.Combination.Count, 1, 2);
            Assert.Equal(advice.Combination.Count, advice.Combination.Distinct().Count());
            Assert.All(advice.Combination, m => Assert.True(advice.Scores.Single(s => s.Model == m).Votes > 0));
            // Document 001's gate: without all six unifications, never the insurance-led (global budget) model.
            if (unified is not null && unified.Count < 6)
            {
                Assert.DoesNotContain(IncentiveModel.InsuranceLed, advice.Combination);
                Assert.False(advice.GlobalBudgetEligible);
            }
            // The combination is the best-voted allowed models: nothing left out has more votes than anything chosen.
            var chosenMin = advice.Combination.Min(m => advice.Scores.Single(s => s.Model == m).Votes);
            Assert.All(advice.Scores.Where(s => s.Allowed && !advice.Combination.Contains(s.Model)), s => Assert.True(s.Votes <= chosenMin));
            Assert.Equal(advice.Steps.Select(s => s.Number), Enumerable.Range(1, advice.Steps.Count));
        }
        Assert.Equal(2 * 2 * 3 * 4 * 65, count);
    }
}

/// <summary>Every displayable result of the incentive and guide areas carries the formatter attribute on the concrete type.</summary>
public class IncentiveFormattingTests
{
    [Theory]
    [InlineData(typeof(IncentiveEvaluation))]
    [InlineData(typeof(IncentiveCurve))]
    [InlineData(typeof(Advice))]
    [InlineData(typeof(TightnessCheck))]
    [InlineData(typeof(IncentiveGuide))]
    public void ResultTypesAreRenderable(Type type)
    {
        Assert.Single(type.GetCustomAttributes(typeof(AllianceResearch.Presentation.TypeFormatterSourceAttribute), inherit: false));
        Assert.True(typeof(AllianceResearch.Presentation.IHtmlRenderable).IsAssignableFrom(type));
    }
}
