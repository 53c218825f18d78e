using AllianceResearch.Payment.Incentives;

namespace AllianceResearch.Tests.Payment.Incentives;

/// <summary>Hand-worked examples of each rule, the explanation text, and clear errors for bad contracts and metrics.</summary>
public class IncentiveEvaluatorTests
{
    internal static MemberMetrics Table(params (string Member, (string Metric, decimal Value)[] Metrics)[] rows) =>
        new(rows.Select(r => new MemberMetricRow { Member = r.Member, Metrics = r.Metrics.ToDictionary(m => m.Metric, m => m.Value) }), "test");

    private static IncentiveContract Contract(params IncentiveClause[] clauses) => new() { Id = "c", Clauses = clauses };

    private static PoolClause Pool(MetricRule rule, Tournament? tournament = null) => new()
    {
        Id = "pool",
        Funding = new PoolFunding { Funder = "fund", PerUnit = 10m, UnitMetric = "n" },
        Components = [new PoolComponent { Id = "k", Share = 1m, Rule = rule }],
        Tournament = tournament,
    };

    [Fact]
    public void LinearRule_InterpolatesBetweenFloorAndTarget()
    {
        // 1,000 units × ¥10 = ¥10,000; score 70 between floor 60 and target 80 → (70 − 60)/(80 − 60) = 0.5 → ¥5,000.
        var e = IncentiveEvaluator.Evaluate(
            Contract(Pool(new MetricRule { Kind = RuleKind.Linear, Metric = "s", Floor = 60, Target = 80 })),
            Table(("a", [("n", 1000), ("s", 70)]), ("b", [("n", 1000), ("s", 55)]), ("c", [("n", 1000), ("s", 95)])));
        Assert.Equal(5_000m, e.ReceivedBy("a"));
        Assert.Equal(0m, e.ReceivedBy("b"));      // below the floor
        Assert.Equal(10_000m, e.ReceivedBy("c")); // beyond the target, capped at full
        Assert.Equal(15_000m, e.BalanceOf("pool").Returned);
    }

    [Fact]
    public void LowerIsBetter_ProRataCutsByTargetOverValue()
    {
        // Cost growth target 5%; member at 8% → 0.05/0.08 = 0.625 of ¥10,000 = ¥6,250; member at 4% → full.
        var rule = new MetricRule { Kind = RuleKind.ProRata, Metric = "growth", Target = 0.05m, Direction = MetricDirection.LowerIsBetter };
        var e = IncentiveEvaluator.Evaluate(Contract(Pool(rule)),
            Table(("a", [("n", 1000), ("growth", 0.08m)]), ("b", [("n", 1000), ("growth", 0.04m)])));
        Assert.Equal(6_250m, e.ReceivedBy("a"));
        Assert.Equal(10_000m, e.ReceivedBy("b"));
    }

    [Fact]
    public void ProportionalRule_SharesTheComponentPoolByVolume()
    {
        // Pool = (3,000 + 1,000) units × ¥10 = ¥40,000, shared by contracts 100 : 300:
        // a: 40,000 × 100/400 = 10,000; b: 40,000 × 300/400 = 30,000 (money follows contract volume, not units).
        var e = IncentiveEvaluator.Evaluate(
            Contract(Pool(new MetricRule { Kind = RuleKind.Proportional, Metric = "contracts" })),
            Table(("a", [("n", 3000), ("contracts", 100)]), ("b", [("n", 1000), ("contracts", 300)])));
        Assert.Equal(10_000m, e.ReceivedBy("a"));
        Assert.Equal(30_000m, e.ReceivedBy("b"));
        Assert.Equal(0m, e.BalanceOf("pool").Returned);
    }

    [Fact]
    public void ProportionalRule_AllZero_ReturnsThePoolExplicitly()
    {
        var e = IncentiveEvaluator.Evaluate(
            Contract(Pool(new MetricRule { Kind = RuleKind.Proportional, Metric = "contracts" })),
            Table(("a", [("n", 100), ("contracts", 0)])));
        Assert.Equal(1_000m, e.BalanceOf("pool").Returned);
        Assert.Contains(e.Lines, l => l.Kind == PaymentLineKind.Returned && l.Recipient == "fund" && l.Amount == 1_000m);
    }

    [Fact]
    public void FixedPool_SplitByLargestRemainder_SumsExactly()
    {
        // ¥100 among three equal members: 33.34 + 33.33 + 33.33 (the first fen goes to the earliest member).
        var clause = new PoolClause
        {
            Id = "fixed",
            Funding = new PoolFunding { Funder = "fund", Amount = 100m },
            Components = [new PoolComponent { Id = "all", Share = 1m, Rule = new MetricRule { Kind = RuleKind.Unconditional } }],
        };
        var e = IncentiveEvaluator.Evaluate(Contract(clause), Table(("a", []), ("b", []), ("c", [])));
        Assert.Equal([33.34m, 33.33m, 33.33m], new[] { e.ReceivedBy("a"), e.ReceivedBy("b"), e.ReceivedBy("c") });
        Assert.Equal(100m, e.BalanceOf("fixed").Paid);
    }

    [Fact]
    public void Tournament_BonusPoolSharedByEntitlement_TiesAtCutoffAllWin()
    {
        // 5 members, top 20% → 1 place; b and c tie at the top (score 9) so both win.
        // Bonus pool ¥900 shared by entitlement 2,000 : 1,000 → 600 / 300.
        var t = new Tournament { Metric = "s", TopShare = 0.2m, BonusPool = 900m };
        var e = IncentiveEvaluator.Evaluate(Contract(Pool(new MetricRule { Kind = RuleKind.Unconditional }, t)),
            Table(("a", [("n", 100), ("s", 5)]), ("b", [("n", 200), ("s", 9)]), ("c", [("n", 100), ("s", 9)]),
                  ("d", [("n", 100), ("s", 1)]), ("e", [("n", 100), ("s", 2)])));
        var bonus = e.Lines.Where(l => l.Kind == PaymentLineKind.Bonus).ToDictionary(l => l.Recipient, l => l.Amount);
        Assert.Equal(2, bonus.Count);
        Assert.Equal(600m, bonus["b"]);
        Assert.Equal(300m, bonus["c"]);
    }

    [Fact]
    public void RateClause_DefaultRecipientsAreEveryoneButThePayer_GateAtMost()
    {
        var clause = new RateClause
        {
            Id = "r", Payer = "hub", Rate = 0.1m, BaseMetric = "rev",
            Gate = new Gate { Metric = "complaints", AtMost = 3 },
        };
        var e = IncentiveEvaluator.Evaluate(Contract(clause),
            Table(("hub", []), ("x", [("rev", 1000), ("complaints", 2)]), ("y", [("rev", 1000), ("complaints", 4)])));
        Assert.Equal(100m, e.ReceivedBy("x"));
        Assert.Equal(0m, e.ReceivedBy("y"));
        Assert.Contains("failed", e.Lines.Single(l => l.Recipient == "y").Steps[0]);
        Assert.Equal(-100m, e.NetOf("hub"));
    }

    [Fact]
    public void Explanation_ShowsTheArithmetic()
    {
        var e = IncentiveEvaluator.Evaluate(
            Contract(Pool(new MetricRule { Kind = RuleKind.ProRata, Metric = "s", Target = 90 })),
            Table(("a", [("n", 1000), ("s", 81)])));
        var text = e.Explain("a");
        Assert.Contains("entitlement = ¥10.00 per unit × 1,000 n = ¥10,000.00 (funded by fund)", text);
        Assert.Contains("pro rata: s = 81 < target 90 → cut to 81 / 90", text);
        Assert.Contains("= ¥9,000.00", text);
        Assert.Contains("returned to fund", text);
        Assert.Contains("Clause balances", e.ToString());
        Assert.Contains("<table>", e.ToHtml());
        Assert.DoesNotContain("<script", e.ToHtml());
    }

    [Fact]
    public void EvaluationTypeCarriesTheFormatterAttribute()
    {
        var attr = typeof(IncentiveEvaluation).GetCustomAttributes(typeof(AllianceResearch.Presentation.TypeFormatterSourceAttribute), false);
        Assert.Single(attr);
    }

    [Fact]
    public void MissingMetric_NamesMemberAndMetric()
    {
        var ex = Assert.Throws<InvalidDataException>(() => IncentiveEvaluator.Evaluate(
            Contract(Pool(new MetricRule { Kind = RuleKind.Threshold, Metric = "score", Target = 1 })),
            Table(("a", [("n", 1)]))));
        Assert.Contains("member 'a' has no value for metric 'score'", ex.Message);
    }

    [Fact]
    public void SharesNotSummingToOne_AreRejectedWithTheirSum()
    {
        var pool = Pool(new MetricRule { Kind = RuleKind.Unconditional }) with
        {
            Components =
            [
                new PoolComponent { Id = "x", Share = 0.3m, Rule = new MetricRule { Kind = RuleKind.Unconditional } },
                new PoolComponent { Id = "y", Share = 0.6m, Rule = new MetricRule { Kind = RuleKind.Unconditional } },
            ],
        };
        var ex = Assert.Throws<InvalidDataException>(() => IncentiveEvaluator.Evaluate(Contract(pool), Table(("a", [("n", 1)]))));
        Assert.Contains("clause 1 ('pool'): component shares must sum to 1 (they sum to 0.9", ex.Message);
    }

    [Fact]
    public void Json_UnknownKindAndUnknownPropertyAndTypos_AreClearErrors()
    {
        var unknownKind = """{ "id": "c", "clauses": [ { "id": "x", "kind": "lottery" } ] }""";
        var ex = Assert.Throws<InvalidDataException>(() => IncentiveJson.ParseContract(unknownKind, "bad.json"));
        Assert.Contains("bad.json", ex.Message);
        Assert.Contains("Unknown clause kind \"lottery\"; valid kinds: pool, rate, split", ex.Message);

        var typo = """{ "id": "c", "clauses": [ { "id": "x", "kind": "rate", "payer": "p", "rate": 0.1, "baseMetrc": "rev" } ] }""";
        var ex2 = Assert.Throws<InvalidDataException>(() => IncentiveJson.ParseContract(typo, "typo.json"));
        Assert.Contains("typo.json", ex2.Message);
        Assert.Contains("baseMetrc", ex2.Message);

        var badRate = """{ "clauses": [ { "kind": "rate", "id": "x", "payer": "p", "rate": 1.5, "baseMetric": "rev" } ], "id": "c" }""";
        var ex3 = Assert.Throws<InvalidDataException>(() => IncentiveJson.ParseContract(badRate, "rate.json"));
        Assert.Contains("rate.json: contract 'c', clause 1 ('x'): 'rate' must be between 0 and 1 (found 1.5)", ex3.Message);
    }

    [Fact]
    public void Csv_ParsesAndReportsBadCellsByRowAndColumn()
    {
        var ok = MemberMetrics.ParseCsv(new StringReader("member,name,residents,score\nA,\"Alliance, A\",400000,0.9\nB,,100,\n"), "m.csv");
        Assert.Equal(400000m, ok.Get("A", "residents"));
        Assert.Equal("Alliance, A", ok.DisplayName("A"));
        var missing = Assert.Throws<InvalidDataException>(() => ok.Get("B", "score"));
        Assert.Contains("m.csv: member 'B' has no value for metric 'score'", missing.Message);

        var bad = Assert.Throws<InvalidDataException>(() =>
            MemberMetrics.ParseCsv(new StringReader("member,score\nA,0,9\n"), "m.csv"));
        Assert.Contains("row 2 has 3 cells", bad.Message);
        var nan = Assert.Throws<InvalidDataException>(() =>
            MemberMetrics.ParseCsv(new StringReader("member,score\nA,high\n"), "m.csv"));
        Assert.Contains("m.csv: row 2, column 'score': 'high' is not a number", nan.Message);
        var dup = Assert.Throws<InvalidDataException>(() =>
            MemberMetrics.ParseCsv(new StringReader("member,score\nA,1\nA,2\n"), "m.csv"));
        Assert.Contains("member 'A' appears twice", dup.Message);
    }

    [Fact]
    public void Evaluation_DoesNotMutateInputs_AndIsDeterministic()
    {
        var metrics = Table(("a", [("n", 1000), ("s", 81)]));
        var contract = Contract(Pool(new MetricRule { Kind = RuleKind.ProRata, Metric = "s", Target = 90 }));
        var before = IncentiveJson.Serialize(contract);
        var first = IncentiveJson.Serialize(IncentiveEvaluator.Evaluate(contract, metrics));
        var second = IncentiveJson.Serialize(IncentiveEvaluator.Evaluate(contract, metrics));
        Assert.Equal(first, second);
        Assert.Equal(before, IncentiveJson.Serialize(contract));
        Assert.Equal(81m, metrics.Get("a", "s"));
    }
}

/// <summary>The incentive curve: a member's payment as one metric varies.</summary>
public class IncentiveCurveTests
{
    [Fact]
    public void ThresholdShowsACliff_ProRataARamp()
    {
        // ¥10 × 1,000 units = ¥10,000 on one component with target 90.
        static IncentiveContract C(RuleKind kind) => new()
        {
            Id = "c",
            Clauses =
            [
                new PoolClause
                {
                    Id = "p",
                    Funding = new PoolFunding { Funder = "f", PerUnit = 10, UnitMetric = "n" },
                    Components = [new PoolComponent { Id = "k", Share = 1, Rule = new MetricRule { Kind = kind, Metric = "s", Target = 90 } }],
                },
            ],
        };
        var metrics = IncentiveEvaluatorTests.Table(("a", [("n", 1000), ("s", 0)]));
        var values = IncentiveCurve.Range(80, 100, 5);   // 80, 85, 90, 95, 100
        var cliff = IncentiveCurve.Compute(C(RuleKind.Threshold), metrics, "a", "s", values);
        Assert.Equal([0m, 0m, 10_000m, 10_000m, 10_000m], cliff.Points.Select(p => p.Received));
        var ramp = IncentiveCurve.Compute(C(RuleKind.ProRata), metrics, "a", "s", values);
        // 10,000 × 80/90 = 8,888.89; × 85/90 = 9,444.44; full from 90.
        Assert.Equal([8_888.89m, 9_444.44m, 10_000m, 10_000m, 10_000m], ramp.Points.Select(p => p.Received));
        Assert.Contains("<svg", ramp.ToHtml());
        Assert.Equal(0m, metrics.Get("a", "s")); // the input table is untouched
    }
}

/// <summary>Contract-level mistakes that would silently pay twice are rejected.</summary>
public class IncentiveValidationTests
{
    [Fact]
    public void DuplicateRecipients_AreRejected()
    {
        var json = """{ "id": "c", "clauses": [ { "kind": "rate", "id": "r", "payer": "p", "rate": 0.1, "baseMetric": "rev", "recipients": ["a", "a"] } ] }""";
        var ex = Assert.Throws<InvalidDataException>(() => IncentiveJson.ParseContract(json, "dup.json"));
        Assert.Contains("dup.json: contract 'c', clause 1 ('r'): 'a' appears twice in 'recipients'", ex.Message);
    }

    [Fact]
    public void SettlementCorridor_BadBandsAndUnknownPreset_AreRejected()
    {
        var gap = """
            { "id": "c", "clauses": [ { "kind": "settlement", "id": "s", "fund": "f", "budgetMetric": "b", "actualMetric": "a",
              "corridor": { "surplusBands": [ { "lower": 0, "upper": null, "allianceShare": 1 } ],
                            "overrunBands": [ { "lower": 0.05, "upper": null, "allianceShare": 0.3 } ] } } ] }
            """;
        var ex = Assert.Throws<InvalidDataException>(() => IncentiveJson.ParseContract(gap, "gap.json"));
        Assert.Contains("gap.json: contract 'c', clause 1 ('s'): corridor overrunBands[0].lower", ex.Message);

        var preset = """{ "id": "c", "clauses": [ { "kind": "settlement", "id": "s", "fund": "f", "budgetMetric": "b", "actualMetric": "a", "corridor": { "preset": "generous" } } ] }""";
        var ex2 = Assert.Throws<InvalidDataException>(() => IncentiveJson.ParseContract(preset, "p.json"));
        Assert.Contains("unknown corridor preset 'generous'; valid: antiStintingCap, retainAllNoCompensation, document003MiddleStage", ex2.Message);
    }
}
