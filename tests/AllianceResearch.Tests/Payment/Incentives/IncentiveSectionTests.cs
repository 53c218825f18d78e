using AllianceResearch.Payment.Incentives;
using AllianceResearch.TestSupport;

namespace AllianceResearch.Tests.Payment.Incentives;

/// <summary>The `incentives` property of a payment scenario: files, inline contracts, CSV metrics and run metrics.</summary>
public class IncentiveSectionTests
{
    [Fact]
    public void ParsesEveryEntryShape_AndUsesRunMetrics()
    {
        var dir = Directory.CreateTempSubdirectory("incentive-section-");
        try
        {
            var xiamen = RepoPaths.InRepo("datasets", "scenarios", "doc003", "xiamen-three-doctors.json");
            File.WriteAllText(Path.Combine(dir.FullName, "members.csv"), "member,contribution\ncounty,6\ntownships,4\n");
            var scenarioPath = Path.Combine(dir.FullName, "run.json");
            File.WriteAllText(scenarioPath, $$"""
                {
                  "name": "a payment scenario (other properties belong to the payment engine)",
                  "incentives": [
                    "{{xiamen.Replace("\\", "/")}}",
                    { "contract": { "id": "lab", "clauses": [ { "kind": "split", "id": "rev", "source": "lab", "amount": 1000, "shareMetric": "contribution" } ] },
                      "metrics": "members.csv" },
                    { "contract": { "id": "surplus-rule", "clauses": [ { "kind": "pool", "id": "surplus",
                        "funding": { "funder": "insurance fund", "amountMetric": "retainedSurplus" },
                        "components": [ { "id": "all", "share": 1, "rule": { "kind": "threshold", "metric": "qualityScore", "target": 80 } } ] } ] },
                      "members": [ { "member": "lead", "metrics": { "qualityScore": 85 } }, { "member": "township", "metrics": { "qualityScore": 70 } } ] }
                  ]
                }
                """);
            var section = IncentiveSection.FromScenarioJson(File.ReadAllText(scenarioPath), scenarioPath)!;
            Assert.Equal(3, section.Entries.Count);

            // The payment run supplies each member's retained surplus; the file's quality scores are kept.
            var run = new Dictionary<string, IReadOnlyDictionary<string, decimal>>
            {
                ["lead"] = new Dictionary<string, decimal> { ["retainedSurplus"] = 600_000m, ["qualityScore"] = 10m },
                ["township"] = new Dictionary<string, decimal> { ["retainedSurplus"] = 400_000m },
            };
            var results = section.Evaluate(run);
            Assert.Equal(1_872_000m, results[0].ReceivedBy("c01", "contract-fee", "evaluation")); // 52,000 × ¥36, as in Doc003ScenarioTests
            Assert.Equal(600m, results[1].ReceivedBy("county"));       // 1,000 × 6/10
            Assert.Equal(600_000m, results[2].ReceivedBy("lead"));     // quality 85 (file) ≥ 80: keeps its 600,000
            Assert.Equal(0m, results[2].ReceivedBy("township"));       // quality 70 < 80: 400,000 back to the fund
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void NoIncentivesProperty_IsNull_AndBadEntriesNameTheirIndex()
    {
        Assert.Null(IncentiveSection.FromScenarioJson("""{ "name": "x" }""", "/tmp/s.json"));
        var ex = Assert.Throws<InvalidDataException>(() =>
            IncentiveSection.FromScenarioJson("""{ "incentives": [ { "contrat": "x.json" } ] }""", "/tmp/s.json"));
        Assert.Contains("s.json: incentives[0]: unknown property 'contrat'", ex.Message);
        var missing = Assert.Throws<FileNotFoundException>(() =>
            IncentiveSection.FromScenarioJson("""{ "incentives": [ "nowhere.json" ] }""", "/tmp/s.json"));
        Assert.Contains("s.json: incentives[0]: incentive file not found", missing.Message);
        var noMembers = IncentiveSection.FromScenarioJson(
            """{ "incentives": [ { "contract": { "id": "c", "clauses": [ { "kind": "rate", "id": "r", "payer": "p", "rate": 0.1, "baseMetric": "rev" } ] } } ] }""",
            "/tmp/s.json")!;
        var ex2 = Assert.Throws<InvalidDataException>(() => noMembers.Evaluate());
        Assert.Contains("lists no members and the payment run supplied no per-member metrics", ex2.Message);
    }
}
