using AllianceResearch.Payment.Incentives;
using FsCheck;
using FsCheck.Fluent;

namespace AllianceResearch.Tests.Payment.Incentives;

/// <summary>Properties of the evaluator checked on random contracts and members (FsCheck, fixed seed).</summary>
public class IncentivePropertyTests
{
    private static readonly Config Seeded = Config.QuickThrowOnFailure.WithMaxTest(200).WithReplay(20261122UL, 7UL);

    private static MemberMetrics Members(int[] units, int[] scores) =>
        new(units.Select((u, i) => new MemberMetricRow
        {
            Member = "m" + i,
            Metrics = new Dictionary<string, decimal> { ["n"] = u, ["s"] = scores[i] },
        }), "generated");

    private static IncentiveContract Contract(decimal perUnit, MetricRule rule, decimal untiedShare, Tournament? t) => new()
    {
        Id = "p",
        Clauses =
        [
            new PoolClause
            {
                Id = "pool",
                Funding = new PoolFunding { Funder = "fund", PerUnit = perUnit, UnitMetric = "n" },
                Components =
                [
                    new PoolComponent { Id = "untied", Share = untiedShare, Rule = new MetricRule { Kind = RuleKind.Unconditional } },
                    new PoolComponent { Id = "tied", Share = 1m - untiedShare, Rule = rule },
                ],
                Tournament = t,
            },
        ],
    };

    private static readonly Gen<(int[] Units, int[] Scores, int PerUnitCents, int UntiedPct, int Kind, int Target)> Inputs =
        from n in Gen.Choose(1, 12)
        from units in Gen.ArrayOf(Gen.Choose(0, 100_000), n)
        from scores in Gen.ArrayOf(Gen.Choose(0, 100), n)
        from perUnit in Gen.Choose(1, 20_000)
        from untied in Gen.Choose(0, 100)
        from kind in Gen.Choose(0, 2)
        from target in Gen.Choose(1, 100)
        select (units, scores, perUnit, untied, kind, target);

    private static MetricRule RuleFor(int kind, int target) => kind switch
    {
        0 => new MetricRule { Kind = RuleKind.Threshold, Metric = "s", Target = target },
        1 => new MetricRule { Kind = RuleKind.ProRata, Metric = "s", Target = target },
        _ => new MetricRule { Kind = RuleKind.Linear, Metric = "s", Floor = 0, Target = target },
    };

    [Fact]
    public void PoolIsFullyAllocatedOrReturned_ToTheFen()
    {
        Check.One(Seeded, Prop.ForAll(Inputs.ToArbitrary(), x =>
        {
            var e = IncentiveEvaluator.Evaluate(
                Contract(x.PerUnitCents / 100m, RuleFor(x.Kind, x.Target), x.UntiedPct / 100m, null),
                Members(x.Units, x.Scores));
            var b = e.BalanceOf("pool");
            var expectedFunded = x.Units.Sum(u => Money.Round(x.PerUnitCents / 100m * u));
            return b.Funded == expectedFunded && b.Funded == b.Paid + b.Returned && e.Parties.Sum(p => p.Net) == 0m
                   && e.Lines.All(l => l.Amount >= 0m);
        }));
    }

    [Fact]
    public void HigherMetricNeverLowersAMembersPayment()
    {
        // Raise member 0's score by delta: under threshold, pro-rata and linear rules its payment cannot fall.
        var gen = from x in Inputs from delta in Gen.Choose(0, 50) select (x, delta);
        Check.One(Seeded, Prop.ForAll(gen.ToArbitrary(), p =>
        {
            var (x, delta) = p;
            var contract = Contract(x.PerUnitCents / 100m, RuleFor(x.Kind, x.Target), x.UntiedPct / 100m, null);
            var before = IncentiveEvaluator.Evaluate(contract, Members(x.Units, x.Scores)).ReceivedBy("m0");
            var raised = (int[])x.Scores.Clone();
            raised[0] += delta;
            var after = IncentiveEvaluator.Evaluate(contract, Members(x.Units, raised)).ReceivedBy("m0");
            return after >= before;
        }));
    }

    [Fact]
    public void TournamentBonusesSumToTheStatedPool()
    {
        var gen = from x in Inputs
                  from poolYuan in Gen.Choose(0, 10_000_000)
                  from topPct in Gen.Choose(1, 100)
                  from baseKind in Gen.Choose(0, 2)
                  select (x, poolYuan, topPct, baseKind);
        Check.One(Seeded, Prop.ForAll(gen.ToArbitrary(), p =>
        {
            var t = new Tournament
            {
                Metric = "s", TopShare = p.topPct / 100m, BonusPool = p.poolYuan / 100m,
                Base = (TournamentBase)p.baseKind, Component = "tied",
            };
            var e = IncentiveEvaluator.Evaluate(
                Contract(p.x.PerUnitCents / 100m, RuleFor(p.x.Kind, p.x.Target), p.x.UntiedPct / 100m, t),
                Members(p.x.Units, p.x.Scores));
            var bonuses = e.Lines.Where(l => l.Kind == PaymentLineKind.Bonus).ToList();
            var k = Math.Max(1, (int)Math.Floor(p.topPct / 100m * p.x.Units.Length));
            return bonuses.Sum(l => l.Amount) == p.poolYuan / 100m && bonuses.Count >= k && bonuses.All(l => l.Amount >= 0m);
        }));
    }

    [Fact]
    public void LargestRemainderSplitIsExactAndWithinAFenOfProportional()
    {
        var gen = from n in Gen.Choose(1, 20)
                  from weights in Gen.ArrayOf(Gen.Choose(0, 1000), n)
                  from cents in Gen.Choose(0, int.MaxValue)
                  select (weights, cents);
        Check.One(Seeded, Prop.ForAll(gen.ToArbitrary(), p =>
        {
            var total = p.cents / 100m;
            var w = p.weights.Select(x => (decimal)x).ToArray();
            var parts = Money.Allocate(total, w);
            if (w.Sum() == 0) return parts is null;
            return parts!.Sum() == total
                   && parts!.Select((v, i) => Math.Abs(v - total * w[i] / w.Sum())).All(d => d < 0.01m);
        }));
    }
}
