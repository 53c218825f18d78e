using AllianceResearch.Payment.Incentives;
using AllianceResearch.Payment.Scenarios;
using AllianceResearch.TestSupport;

namespace AllianceResearch.Tests.Payment.Incentives;

/// <summary>A payment scenario's `incentives` list is evaluated by the scenario runner on the run's own results.</summary>
public class ScenarioIncentivesTests
{
    [Fact]
    public void ScenarioRunnerEvaluatesIncentiveContractsOnRunMetrics()
    {
        var dir = Directory.CreateTempSubdirectory("scenario-incentives-");
        try
        {
            // A small slice of the committed synthetic alliance: its members and its first 3,000 claims.
            File.Copy(RepoPaths.InRepo("datasets", "alliance", "alliance.json"), Path.Combine(dir.FullName, "alliance.json"));
            File.WriteAllLines(Path.Combine(dir.FullName, "claims.csv"), File.ReadLines(RepoPaths.InRepo("datasets", "alliance", "claims.csv")).Take(3001));
            var xiamen = RepoPaths.InRepo("datasets", "scenarios", "doc003", "xiamen-three-doctors.json").Replace("\\", "/");
            var path = Path.Combine(dir.FullName, "scenario.json");
            File.WriteAllText(path, $$"""
                {
                  "name": "slice with incentives",
                  "alliance": "alliance.json",
                  "claims": { "path": "claims.csv" },
                  "methods": [ { "kind": "ffs" } ],
                  "incentives": [
                    "{{xiamen}}",
                    { "contract": { "id": "volume-bonus", "clauses": [
                        { "kind": "rate", "id": "bonus", "payer": "insurance fund", "rate": 0.01, "baseMetric": "fundPaid" } ] } }
                  ]
                }
                """);
            var result = ScenarioRunner.RunFile(path);
            Assert.Equal(2, result.Incentives.Count);

            // A standalone incentive scenario keeps its own members: same figure as Doc003ScenarioTests (52,000 × ¥36).
            Assert.Equal(1_872_000m, result.Incentives[0].ReceivedBy("c01", "contract-fee", "evaluation"));

            // The inline contract has no members, so the run supplies them: each member gets 1% of the fund money
            // the FFS run paid it, rounded to the fen.
            var ffs = result.Baseline[0];
            var bonus = result.Incentives[1];
            Assert.Equal(ffs.Members.Count, bonus.Parties.Count(p => p.IsMember));
            foreach (var m in ffs.Members)
            {
                Assert.Equal(Math.Round(0.01m * m.FundPaid, 2, MidpointRounding.AwayFromZero), bonus.ReceivedBy(m.MemberId));
            }
            Assert.Contains("volume-bonus", result.ToString());
            Assert.Contains("incentive-evaluation", result.ToHtml());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void ContractsObjectShapeIsAccepted()
    {
        var dir = Directory.CreateTempSubdirectory("scenario-incentives-");
        try
        {
            File.Copy(RepoPaths.InRepo("datasets", "scenarios", "doc003", "city-surplus-rule.json"), Path.Combine(dir.FullName, "rule.json"));
            var section = IncentiveSection.FromScenarioJson("""{ "incentives": { "contracts": [ "rule.json" ] } }""", Path.Combine(dir.FullName, "s.json"))!;
            Assert.Equal(5_000_000m, section.Evaluate()[0].ReceivedBy("primary-care equipment and training")); // 50% × 10,000,000
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}

/// <summary>The committed example datasets/scenarios/alliance-with-incentives.json, run in full.</summary>
public class CommittedScenarioWithIncentivesTests
{
    [Fact]
    public void TownshipFundIsSharedByVisits_AndTheTop20PercentByAdmissionsShareTheBonus()
    {
        var result = ScenarioRunner.RunFile(RepoPaths.InRepo("datasets", "scenarios", "alliance-with-incentives.json"));
        var e = Assert.Single(result.Incentives);
        var townships = Enumerable.Range(1, 15).Select(i => $"T{i:00}").ToList();
        var run = result.Baseline[0].Members.Where(m => townships.Contains(m.MemberId)).ToDictionary(m => m.MemberId);

        // ¥600,000 in proportion to outpatient visits: each share within a fen of 600,000 × visits / Σ visits, summing exactly.
        var visits = townships.Sum(t => (decimal)run[t].OutpatientVisits);
        var shares = townships.ToDictionary(t => t, t => e.ReceivedBy(t, "volume-fund", "by-visits"));
        Assert.Equal(600_000m, shares.Values.Sum());
        Assert.All(townships, t => Assert.True(Math.Abs(shares[t] - 600_000m * run[t].OutpatientVisits / visits) < 0.01m));

        // Top 20% of 15 = 3 centres by admissions share the ¥150,000 bonus (in proportion to what they earned).
        var top3 = townships.OrderByDescending(t => run[t].Admissions).ThenBy(townships.IndexOf).Take(3).ToHashSet();
        var winners = e.Lines.Where(l => l.Kind == PaymentLineKind.Bonus).Select(l => l.Recipient).ToHashSet();
        Assert.True(top3.IsSubsetOf(winners));
        Assert.Equal(150_000m, e.Lines.Where(l => l.Kind == PaymentLineKind.Bonus).Sum(l => l.Amount));
        Assert.Equal(750_000m, e.BalanceOf("volume-fund").Funded);
    }
}
