using AllianceResearch.Payment;
using AllianceResearch.Payment.Methods;
using AllianceResearch.Payment.Model;
using AllianceResearch.Payment.Scenarios;
using AllianceResearch.Simulation;
using AllianceResearch.TestSupport;
using FsCheck;
using FsCheck.Fluent;

namespace AllianceResearch.Tests.Payment.Core;

/// <summary>Whole-engine checks on a small synthetic alliance (simulation with known construction, not reference values).</summary>
public class EngineTests
{
    private static readonly Lazy<GeneratedAlliance> Small = new(() => AllianceGenerator.Generate(11, new AllianceDesign { Residents = 20_000, Townships = 4, VillagesPerTownship = 2 }));

    private static IPaymentMethod[] AllMethods() =>
        [new FeeForServiceMethod(), new GlobalBudgetMethod(), new CapitationMethod(), new DrgMethod(), new DipMethod(), new PerDiemMethod(), new CompositeMethod(InpatientValuation.Drg), new CompositeMethod(InpatientValuation.Dip)];

    [Fact]
    public void EveryMethod_ConservesMoney_ClaimByClaimAndInTotal()
    {
        var claims = Small.Value.Claims;
        // Per claim: fund + patient = total cost, exactly.
        foreach (var c in claims.Read())
        {
            var (fund, patient) = BenefitRules.Default.Split(c, claims.Alliance.Members[c.Member]);
            Assert.Equal(c.TotalCost, fund + patient);
            Assert.InRange(fund, 0m, c.ReimbursableCost);
        }
        var ffsFund = new FeeForServiceMethod().Run(claims, new PaymentContext()).FundOutlay;
        var context = new PaymentContext { GlobalBudget = PaymentMath.Money(ffsFund * 1.02m) };
        foreach (var m in AllMethods())
        {
            var r = m.Run(claims, context);
            Assert.Equal(r.TotalCost, r.PatientPaid + r.ItemFund);
            Assert.Equal(r.Claims, claims.Count);
            Assert.Equal(r.TotalCost, r.Members.Sum(x => x.TotalCost));
            // Fund outlay = provider payments ± settlement.
            Assert.Equal(r.FundOutlay, r.FundToProviders + r.SettlementAdjustment);
            if (r.Settlement is { } s)
            {
                Assert.Equal(s.FundPays, r.FundOutlay);
                // What members (and the alliance centrally) received from the fund equals what the fund paid out.
                Assert.Equal(r.FundOutlay, r.Members.Sum(x => x.FundPaid) + r.CentralAdjustment);
            }
            else
            {
                Assert.Equal(r.FundOutlay, r.Members.Sum(x => x.FundPaid));
            }
        }
    }

    [Fact]
    public void Dip_FloatingPointValue_SpendsTheBudgetExactly()
    {
        // With an unrounded point value, Σ case amounts = PV × Σ points = cost budget; the fund pays cost budget − patients' share
        // of DIP cases, so fund outlay on inpatients = the DIP fund budget up to fen rounding per case (≤ 0.005 × cases).
        var claims = Small.Value.Claims;
        var ctx = new PaymentContext();
        var ffs = new FeeForServiceMethod().Run(claims, ctx);
        var dip = new DipMethod(new DipParameters { RoundPointValue = false }).Run(claims, ctx);
        var inpatients = claims.Read().Count(c => c.Type == ClaimType.Inpatient);
        Assert.True(Math.Abs(dip.FundOutlay - ffs.FundOutlay) <= 0.005m * inpatients, $"DIP {dip.FundOutlay} vs budget-neutral {ffs.FundOutlay}");
    }

    [Fact]
    public void Property_DipPointValueTimesPointsIsTheBudget()
    {
        var gen = from budget in Gen.Choose(1, 1_000_000_000) from points in Gen.Choose(1, 100_000_000) from ratioPct in Gen.Choose(30, 100) select (budget, points, ratioPct);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300).WithReplay(20261122UL, 3UL), Prop.ForAll(gen.ToArbitrary(), x =>
        {
            var pv = DipCalculator.SettlementPointValue(x.budget, x.ratioPct / 100m, x.points, round: false);
            return PaymentMath.Money(pv * x.points) == PaymentMath.Money(x.budget / (x.ratioPct / 100m));
        }));
    }

    [Fact]
    public void Generator_HitsCalibrationTargets()
    {
        // Counts are fixed by construction; the reimbursement ratio by bisection (tolerance 0.05 pp).
        foreach (var r in Small.Value.Calibration) Assert.True(Math.Abs(r.Achieved - r.Target) < 0.0005m, $"{r.Indicator}: {r.Achieved} vs {r.Target}");
    }

    [Fact]
    public void CommittedAllianceDataset_IsReproducedByteForByte()
    {
        var dir = RepoPaths.InRepo("datasets/alliance");
        var tmp = Directory.CreateTempSubdirectory("alliance-regen").FullName;
        try
        {
            AllianceGenerator.WriteTo(tmp, 2020);
            foreach (var f in new[] { "alliance.json", "claims.csv", "calibration.csv" })
                Assert.True(File.ReadAllBytes(Path.Combine(dir, f)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(tmp, f))), $"{f} differs from the generator's output for seed 2020");
            Assert.True(new FileInfo(Path.Combine(dir, "claims.csv")).Length < 20_000_000, "the committed claims file stays under 20 MB");
        }
        finally { Directory.Delete(tmp, true); }
    }

    [Fact]
    public void ClaimsCsv_RoundTrips_AndStreams()
    {
        var g = Small.Value;
        var path = Path.Combine(Path.GetTempPath(), $"claims-{Guid.NewGuid():N}.csv");
        try
        {
            ClaimsCsv.Write(path, g.Claims);
            var csv = new ClaimsCsv(path, g.Alliance);
            Assert.Equal(g.Claims.Read().Select(c => c with { Group = 0 }), csv.Read().Select(c => c with { Group = 0 }));
            Assert.Equal(g.Claims.Read().Select(c => g.Claims.Groups[c.Group]), csv.Read().Select(c => csv.Groups[c.Group]));
        }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData("1,2,XX,40,F,I,G01,3,100.00,80.00,10.00,1,0", "line 2, column 'member_id': unknown member 'XX'")]
    [InlineData("1,2,CH,40,F,I,G01,3,100.00,180.00,10.00,1,0", "line 2, column 'reimbursable_cost'")]
    [InlineData("1,2,CH,40,Q,I,G01,3,100.00,80.00,10.00,1,0", "line 2, column 'sex'")]
    [InlineData("1,2,CH,40,F,I,G01,3,1o0.00,80.00,10.00,1,0", "line 2, column 'total_cost': '1o0.00' is not a number")]
    [InlineData("1,2,CH,40,F,I,G01,3,100.00,80.00,10.00,0,0", "line 2, column 'in_county'")]
    [InlineData("1,2,CH,40,F,I,G01,3,100.00,80.00", "line 2: has 10 fields")]
    public void ClaimsCsv_BadCell_NamesFileLineAndColumn(string row, string expected)
    {
        var path = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, string.Join(",", ClaimsCsv.Columns) + "\n" + row + "\n");
        try
        {
            var ex = Assert.Throws<FormatException>(() => new ClaimsCsv(path, Small.Value.Alliance).Read().ToList());
            Assert.Contains(path, ex.Message);
            Assert.Contains(expected, ex.Message);
        }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData("""{"name":"x","claims":{"syntheticSeed":1},"methods":[{"kind":"globalBudget"}]}""", "$.methods[0].kind")]
    [InlineData("""{"name":"x","claims":{"syntheticSeed":1},"methods":[{"kind":"magic"}]}""", "$.methods[0].kind")]
    [InlineData("""{"name":"x","claims":{"syntheticSeed":1},"methods":[{"kind":"ffs"}],"settlement":{"qualityScore":120}}""", "$.settlement.qualityScore")]
    [InlineData("""{"name":"x","claims":{"syntheticSeed":1},"methods":[{"kind":"ffs"}],"budget":{"method":"fixed"}}""", "$.budget.amount")]
    [InlineData("""{"name":"x","claims":{"syntheticSeed":1},"methods":[{"kind":"ffs"}],"shifts":{"losReduction":1.5}}""", "$.shifts.losReduction")]
    [InlineData("""{"name":"x","claims":{"syntheticSeed":1,"path":"a.csv"},"methods":[{"kind":"ffs"}]}""", "$.claims")]
    [InlineData("""{"name":"x","claims":{"syntheticSeed":1},"methods":[{"kind":"ffs"}],"budget":{"method":"fixed","amount":"lots"}}""", "$.budget.amount")]
    [InlineData("""{"name":"x","claims":{"syntheticSeed":1},"methods":[{"kind":"ffs"}],"bogus":1}""", "bogus")]
    public void Scenario_BadFile_NamesFileAndJsonPath(string json, string path)
    {
        var ex = Assert.Throws<InvalidDataException>(() => ScenarioJson.Parse(json, "bad.json"));
        Assert.StartsWith("bad.json: ", ex.Message);
        Assert.Contains(path, ex.Message);
    }

    [Fact]
    public void Scenario_IncentivesSectionIsKeptAsRawJson()
    {
        var s = ScenarioJson.Parse("""{"name":"x","claims":{"syntheticSeed":1},"methods":[{"kind":"ffs"}],"incentives":{"contracts":["a.json"]}}""", "ok.json");
        Assert.Equal("a.json", s.Incentives!.Value.GetProperty("contracts")[0].GetString());
    }

    [Fact]
    public void GlobalBudget_RewardsShiftingToPrimaryCare_WhereFfsDoesNot()
    {
        // Known construction: moving simple admissions from the county hospital to township centres lowers charges to 0.6×.
        // Under FFS the alliance loses the margin on the lost charges; under a global budget with surplus retention it keeps the saving.
        var claims = Small.Value.Claims;
        var ffsFund = new FeeForServiceMethod().Run(claims, new PaymentContext()).FundOutlay;
        var ctx = new PaymentContext { GlobalBudget = PaymentMath.Money(ffsFund * 1.05m) };
        var (shifted, _) = BehaviouralShifts.Apply(claims, new ShiftSpec { CountyToTownship = 0.5m, Seed = 3 });
        var ffsGain = new FeeForServiceMethod().Run(shifted, ctx).AllianceSurplus - new FeeForServiceMethod().Run(claims, ctx).AllianceSurplus;
        var gbGain = new GlobalBudgetMethod().Run(shifted, ctx).AllianceSurplus - new GlobalBudgetMethod().Run(claims, ctx).AllianceSurplus;
        Assert.True(ffsGain < 0m, $"FFS gain {ffsGain}");
        Assert.True(gbGain > 0m, $"global-budget gain {gbGain}");
    }
}

/// <summary>Every committed scenario file parses (the examples in docs/scenarios.md stay valid).</summary>
public class ScenarioFileTests
{
    [Fact]
    public void CommittedScenarioFiles_Parse()
    {
        var files = Directory.GetFiles(AllianceResearch.TestSupport.RepoPaths.InRepo("datasets", "scenarios"), "*.json", SearchOption.TopDirectoryOnly);
        Assert.True(files.Length >= 8, $"expected the method examples, found {files.Length}");
        foreach (var f in files) Assert.NotEmpty(AllianceResearch.Payment.Scenarios.ScenarioJson.Load(f).Methods);
    }
}

/// <summary>Fast path against simple path: streamed DRG weights equal the in-memory trimmed means group by group.</summary>
public class DrgStreamingTests
{
    [Fact]
    public void StreamedSd3Weights_MatchInMemoryTrimmedMeans()
    {
        var g = AllianceResearch.Simulation.AllianceGenerator.Generate(11, new AllianceResearch.Simulation.AllianceDesign { Residents = 20_000, Townships = 4, VillagesPerTownship = 2 });
        var drg = new DrgMethod();
        var streamed = DrgCalculator.EstimateWeights(g.Claims, drg.Parameters with { Renormalise = false }, c => drg.InScope(c));
        foreach (var (group, w) in streamed)
        {
            var costs = g.Claims.Read().Where(c => drg.InScope(c) && c.Group == group).Select(c => c.TotalCost).ToArray();
            var (mean, kept) = DrgCalculator.TrimmedMean(costs, TrimMethod.Sd3Raw, 3m);
            if (kept < drg.Parameters.MinCasesOwnWeight) { mean = costs.Average(); kept = costs.Length; }
            Assert.Equal(kept, w.Cases);
            Assert.Equal(Math.Round(mean, 6), Math.Round(w.MeanCost, 6));
        }
    }
}
