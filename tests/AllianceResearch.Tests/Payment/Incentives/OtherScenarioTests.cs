using AllianceResearch.Payment.Incentives;
using AllianceResearch.TestSupport;

namespace AllianceResearch.Tests.Payment.Incentives;

/// <summary>Incentive examples from the domain specification and document 004, as scenario files.</summary>
public class OtherScenarioTests
{
    private static IncentiveScenario Load(params string[] parts) =>
        IncentiveJson.ReadScenario(RepoPaths.InRepo(["datasets", "scenarios", .. parts]));

    [Fact]
    public void FamilyDoctorTeamFee_ReproducesTheSpecificationsWorkedExample()
    {
        // ../shared/domain/payment-and-indicators.md §4.5, worked example [A]: "2 000 basic contracts at 120 CNY →
        // 240 000; team share 70 % → 168 000; 60 % upfront = 100 800; assessment 90/100 → 40 % × 168 000 × 0.9 = 60 480;
        // leakage deduction 8 000; renewal rate 85 % ≥ 80 % with 1 500 renewals × 5 CNY = 7 500 → team total 160 780."
        var e = Load("domain", "family-doctor-team-fee.json").Evaluate();
        Assert.Equal(100_800m, e.ReceivedBy("team-1", "contract-fee", "upfront"));   // 2,000 × 84 × 0.6
        Assert.Equal(60_480m, e.ReceivedBy("team-1", "contract-fee", "assessed"));   // 2,000 × 84 × 0.4 × 90/100
        Assert.Equal(7_500m, e.ReceivedBy("team-1", "renewal-bonus"));               // 1,500 × 5
        Assert.Equal(8_000m, e.ReceivedBy("insurance fund", "leakage"));             // paid by the team
        Assert.Equal(160_780m, e.NetOf("team-1"));                                   // 100,800 + 60,480 − 8,000 + 7,500
        Assert.All(e.Balances, b => Assert.True(b.Conserved));
    }

    [Fact]
    public void Doc004RenewalRewards_RiseWithTheContractYear()
    {
        // Document 004 (digest 004, transitional measures): renewal rewards paid from a later contract year and
        // rising in later years, plus a multi-generation family bonus; amounts are illustrative parameters.
        var e = Load("doc004", "family-doctor-renewal.json").Evaluate();
        // Team A: 600 × 5 + 400 × 8 + 300 × 10 + 50 × 20 = 3,000 + 3,200 + 3,000 + 1,000 = 10,200.
        Assert.Equal(10_200m, e.ReceivedBy("team-a"));
        // Team B: 900 × 5 + 150 × 8 + 0 + 12 × 20 = 4,500 + 1,200 + 240 = 5,940.
        Assert.Equal(5_940m, e.ReceivedBy("team-b"));
        var s = Load("doc004", "family-doctor-renewal.json");
        var perUnit = s.Contract.Clauses.OfType<PoolClause>().Take(3).Select(p => p.Funding.PerUnit!.Value).ToList();
        Assert.True(perUnit[0] < perUnit[1] && perUnit[1] < perUnit[2], "the reward must rise with the contract year");
    }

    [Fact]
    public void PaidTo_ReversesTheFlow_TiantanFeeOtherReading()
    {
        // The other reading of Tiantan's 5% technical-guidance fee: the primary unit pays Tiantan.
        var s = Load("doc003", "tiantan-neurology.json");
        var fee = (RateClause)s.Contract.Clauses[1];
        var reversed = s.Contract with { Clauses = [fee with { Payer = null, PaidTo = "tiantan" }] };
        var e = IncentiveEvaluator.Evaluate(reversed, s.Metrics());
        Assert.Equal(15_000m + 4_000m + 1_250m, e.ReceivedBy("tiantan"));   // 5% × (300,000 + 80,000 + 25,000)
        Assert.Equal(-15_000m, e.NetOf("unit-a"));
    }
}
