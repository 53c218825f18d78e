using System.Globalization;
using System.Text;
using AllianceResearch.Payment.Budgets;
using AllianceResearch.Payment.Distribution;
using AllianceResearch.Payment.Methods;
using AllianceResearch.Payment.Model;
using AllianceResearch.Payment.Settlement;
using AllianceResearch.Presentation;
using AllianceResearch.Presentation.Charts;
using AllianceResearch.Simulation;

namespace AllianceResearch.Payment.Scenarios;

/// <summary>One method's headline numbers, baseline and (optionally) after the behavioural shifts.</summary>
/// <param name="Method">Method name.</param>
/// <param name="FundOutlay">Fund outlay (provider payments ± settlement).</param>
/// <param name="AllianceRevenue">Alliance revenue.</param>
/// <param name="AllianceSurplus">Alliance margin over item-based charges.</param>
/// <param name="LeadRevenue">Lead hospital revenue.</param>
/// <param name="PrimaryRevenue">Township centres' and village clinics' revenue.</param>
/// <param name="OutOfPocket">Patients' payments.</param>
/// <param name="ShiftedSurplus">Alliance surplus after the shifts (null without shifts).</param>
/// <param name="ShiftedFundOutlay">Fund outlay after the shifts.</param>
public sealed record ComparisonRow(string Method, decimal FundOutlay, decimal AllianceRevenue, decimal AllianceSurplus, decimal LeadRevenue, decimal PrimaryRevenue,
    decimal OutOfPocket, decimal? ShiftedSurplus, decimal? ShiftedFundOutlay)
{
    /// <summary>The alliance's gain from the shifts (its incentive to make them), null without shifts.</summary>
    public decimal? IncentiveToShift => ShiftedSurplus - AllianceSurplus;
}

/// <summary>Monte Carlo summary of the global-budget settlement under utilisation uncertainty.</summary>
/// <param name="Draws">Draws.</param>
/// <param name="Seed">Seed.</param>
/// <param name="ProbabilityOfOverrun">Share of draws with A &gt; B.</param>
/// <param name="AllianceNet">Alliance net settlement per draw (retained − borne), sorted.</param>
public sealed record MonteCarloSummary(int Draws, ulong Seed, decimal ProbabilityOfOverrun, IReadOnlyList<decimal> AllianceNet)
{
    /// <summary>Quantile of the alliance net result (type 7).</summary>
    public decimal Quantile(decimal p) => DrgCalculator.Quantile(AllianceNet, p);
}

/// <summary>Everything a scenario run produced.</summary>
[TypeFormatterSource(typeof(LibraryFormatterSource))]
public sealed record ScenarioResult : IHtmlRenderable
{
    /// <summary>Scenario name.</summary>
    public required string Name { get; init; }

    /// <summary>The budget used (null when none).</summary>
    public decimal? Budget { get; init; }

    /// <summary>Results per method on the baseline claims.</summary>
    public required IReadOnlyList<MethodResult> Baseline { get; init; }

    /// <summary>Results per method after the behavioural shifts (empty without shifts).</summary>
    public IReadOnlyList<MethodResult> Shifted { get; init; } = [];

    /// <summary>Side-by-side headline numbers.</summary>
    public required IReadOnlyList<ComparisonRow> Comparison { get; init; }

    /// <summary>Distribution of the retained surplus by use (first budget-based method), if any.</summary>
    public UseDistribution? ByUse { get; init; }

    /// <summary>Distribution among members, if any.</summary>
    public MemberDistribution? ByMember { get; init; }

    /// <summary>Monte Carlo summary, if asked.</summary>
    public MonteCarloSummary? MonteCarlo { get; init; }

    /// <summary>What the shifts did, in words.</summary>
    public string? ShiftSummary { get; init; }

    /// <summary>Evaluations of the scenario's incentive contracts (its <c>incentives</c> list), in file order.</summary>
    public IReadOnlyList<Incentives.IncentiveEvaluation> Incentives { get; init; } = [];

    /// <summary>The first settlement among the baseline results.</summary>
    public SettlementResult? Settlement => Baseline.Select(b => b.Settlement).FirstOrDefault(s => s is not null);

    /// <summary>Settlement waterfall: budget, spending, retained or borne amounts, fund outlay.</summary>
    public Figure SettlementWaterfall()
    {
        var s = Settlement ?? throw new InvalidOperationException($"Scenario '{Name}' has no budget-based method, so there is no settlement to draw.");
        var steps = new List<WaterfallStep> { WaterfallStep.Start("Actual fund-liable A", s.Actual) };
        if (s.AllianceRetained > 0m) steps.Add(WaterfallStep.Change("Surplus retained", s.AllianceRetained));
        if (s.AllianceLoss > 0m) steps.Add(WaterfallStep.Change("Overrun borne", -s.AllianceLoss));
        steps.Add(WaterfallStep.Total("Fund pays"));
        if (s.ReturnedToFund > 0m) steps.Add(WaterfallStep.Change("Returned to fund", s.ReturnedToFund));
        if (s.FundShareOfOverrun > 0m) steps.Add(WaterfallStep.Change("Fund's overrun share", -s.FundShareOfOverrun));
        steps.Add(WaterfallStep.Total("Budget B"));
        return Charts.Waterfall(steps, new WaterfallOptions { Title = $"{Name}: global-budget settlement (总额预算清算)", YLabel = "yuan", Format = NumberFormat.Yuan(0) });
    }

    /// <summary>Grouped bars of fund outlay, alliance revenue and alliance surplus by method (millions of yuan).</summary>
    public Figure MethodComparisonChart()
    {
        var labels = Comparison.Select(c => c.Method.Length > 24 ? c.Method[..24] + "…" : c.Method).ToList();
        var pos = Enumerable.Range(0, labels.Count).Select(i => (double)i).ToArray();
        (string Name, Func<ComparisonRow, decimal> F, string Color)[] series =
        [
            ("Alliance surplus", c => c.AllianceSurplus, "#009E73"),
            ("Incentive to shift", c => c.IncentiveToShift ?? 0m, "#E69F00"),
        ];
        return Figure.Create(760, 420).Title($"{Name}: alliance surplus and its gain from shifting care, by method (million yuan)").Panel(p =>
        {
            p = p.XCategories(labels).YFormat(NumberFormat.Fixed(1)).YLabel("million yuan");
            for (var k = 0; k < series.Length; k++)
            {
                var (name, f, color) = series[k];
                p = p.Add(new BarLayer(pos.Select(x => x - 0.2 + 0.4 * k), Comparison.Select(c => (double)(f(c) / 1_000_000m))) { Width = 0.38, Label = name, Series = name, Style = new SeriesStyle(Color: color) });
            }
            return p.HLine(0, style: new SeriesStyle(Color: "#4D4D4D", Width: 1));
        });
    }

    private static IReadOnlyList<string> Row(ComparisonRow c) =>
    [
        c.Method, PaymentMath.Yuan(c.FundOutlay), PaymentMath.Yuan(c.AllianceRevenue), PaymentMath.Yuan(c.AllianceSurplus), PaymentMath.Yuan(c.LeadRevenue),
        PaymentMath.Yuan(c.PrimaryRevenue), PaymentMath.Yuan(c.OutOfPocket), c.IncentiveToShift is { } g ? PaymentMath.Yuan(g) : "—",
    ];

    private static readonly string[] Header = ["Method", "Fund outlay", "Alliance revenue", "Alliance surplus", "Lead hospital", "Primary care", "Out-of-pocket", "Gain from shifts"];

    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new StringBuilder($"Scenario '{Name}'");
        if (Budget is { } b) sb.Append(", budget ").Append(PaymentMath.Yuan(b));
        sb.AppendLine();
        sb.AppendLine(PaymentMath.TextTable(Header, Comparison.Select(Row)));
        if (ShiftSummary is not null) sb.AppendLine("Shifts: " + ShiftSummary);
        if (MonteCarlo is { } mc)
            sb.AppendLine($"Monte Carlo ({mc.Draws} draws, seed {mc.Seed}): P(overrun) = {PaymentMath.Pct(mc.ProbabilityOfOverrun)}, alliance net P5/P50/P95 = {PaymentMath.Yuan(mc.Quantile(0.05m))} / {PaymentMath.Yuan(mc.Quantile(0.5m))} / {PaymentMath.Yuan(mc.Quantile(0.95m))}");
        if (ByUse is not null) sb.AppendLine(ByUse.ToString());
        if (ByMember is not null) sb.AppendLine(ByMember.ToString());
        foreach (var incentive in Incentives) sb.AppendLine(incentive.ToString());
        return sb.ToString().TrimEnd();
    }

    /// <inheritdoc />
    public string ToHtml()
    {
        var sb = new StringBuilder("<div>");
        sb.Append(PaymentMath.HtmlTable($"Scenario '{Name}'" + (Budget is { } b ? $" — budget {PaymentMath.Yuan(b)}" : ""), Header, Comparison.Select(Row)));
        if (ShiftSummary is not null) sb.Append("<p>Shifts: ").Append(PaymentMath.H(ShiftSummary)).Append("</p>");
        if (MonteCarlo is { } mc)
            sb.Append("<p>").Append(PaymentMath.H($"Monte Carlo ({mc.Draws} draws, seed {mc.Seed}): P(overrun) = {PaymentMath.Pct(mc.ProbabilityOfOverrun)}; alliance net P5 / P50 / P95 = {PaymentMath.Yuan(mc.Quantile(0.05m))} / {PaymentMath.Yuan(mc.Quantile(0.5m))} / {PaymentMath.Yuan(mc.Quantile(0.95m))}")).Append("</p>");
        foreach (var incentive in Incentives) sb.Append(incentive.ToHtml());
        return sb.Append("</div>").ToString();
    }
}

/// <summary>Runs scenarios: load claims, set the budget, run every method on the same claims, shift, settle, distribute, simulate.</summary>
public static class ScenarioRunner
{
    /// <summary>Runs the scenario file at <paramref name="path"/>.</summary>
    public static ScenarioResult RunFile(string path)
    {
        var s = ScenarioJson.Load(path);
        return Run(s, Path.GetDirectoryName(Path.GetFullPath(path))!, path);
    }

    /// <summary>Loads the claims a scenario names (relative paths against <paramref name="baseDirectory"/>).</summary>
    public static IClaimsSource LoadClaims(Scenario s, string baseDirectory, string file = "scenario")
    {
        if (s.Claims.SyntheticSeed is { } seed) return AllianceGenerator.Generate(seed).Claims;
        var alliance = AllianceJson.Load(Path.Combine(baseDirectory, s.Alliance!));
        var csv = Path.Combine(baseDirectory, s.Claims.Path!);
        if (!File.Exists(csv)) throw new InvalidDataException($"{file}: $.claims.path: file not found: {csv}");
        return new ClaimsCsv(csv, alliance);
    }

    /// <summary>Runs a parsed scenario, then its incentive contracts (the optional <c>incentives</c> list) on the run's results.</summary>
    public static ScenarioResult Run(Scenario s, string baseDirectory, string file = "scenario")
    {
        var claims = LoadClaims(s, baseDirectory, file);
        var result = Run(s, claims);
        if (s.Incentives is not { } incentives) return result;
        var source = result.Baseline.FirstOrDefault(b => b.Settlement is not null) ?? result.Baseline[0];
        var section = Incentives.IncentiveSection.Parse(incentives, Path.GetFileName(file), baseDirectory);
        return result with { Incentives = section.Evaluate(Incentives.IncentiveRunMetrics.From(source, result.ByMember)) };
    }

    /// <summary>Runs a parsed scenario on given claims.</summary>
    public static ScenarioResult Run(Scenario s, IClaimsSource claims)
    {
        var benefits = s.Benefits ?? BenefitRules.Default;
        benefits.Validate();
        var st = s.Settlement ?? new SettlementSpec();
        var fullScope = s.Budget?.FullScope ?? true;
        var baseContext = new PaymentContext
        {
            Benefits = benefits, Corridor = st.Resolve(), QualityScore = st.QualityScore, ManagementShareOfOverrun = st.ManagementShareOfOverrun,
            FullScope = fullScope, PrepayRatio = st.PrepayRatio,
        };
        decimal? budget = s.Budget is null ? null : ComputeBudget(s.Budget, claims, baseContext);
        var context = baseContext with { GlobalBudget = budget };
        var methods = s.Methods.Select(m => m.Build()).ToArray();
        var baseline = methods.Select(m => m.Run(claims, context)).ToArray();
        MethodResult[] shifted = [];
        string? shiftSummary = null;
        if (s.Shifts is { } sh)
        {
            var (moved, summary) = BehaviouralShifts.Apply(claims, sh);
            shiftSummary = summary;
            shifted = methods.Select(m => m.Run(moved, context)).ToArray();
        }
        var rows = baseline.Select((r, i) => new ComparisonRow(r.Method, r.FundOutlay, r.AllianceRevenue, r.AllianceSurplus,
            r.Members.Where(m => claims.Alliance.Member(m.MemberId).IsLead).Sum(m => m.Revenue),
            r.Members.Where(m => m.Level is FacilityLevel.TownshipCentre or FacilityLevel.VillageClinic).Sum(m => m.Revenue),
            r.OutOfPocket, shifted.Length > 0 ? shifted[i].AllianceSurplus : null, shifted.Length > 0 ? shifted[i].FundOutlay : null)).ToArray();

        UseDistribution? byUse = null; MemberDistribution? byMember = null;
        var settled = baseline.FirstOrDefault(b => b.Settlement is not null);
        if (s.Distribution is { } dist && settled?.Settlement is { } set)
        {
            var pool = set.AllianceRetained;
            if (dist.Uses is not null) byUse = SurplusDistribution.ByUse(pool, dist.Uses);
            var memberPool = dist.MemberUse is { } mu && byUse is not null ? byUse.Uses[mu].Amount : pool;
            byMember = SurplusDistribution.ByMember(memberPool, MemberBases(claims, settled, dist.PerformanceScores), dist.Basis);
        }
        MonteCarloSummary? mc = null;
        if (s.MonteCarlo is { } mcs && settled is not null) mc = MonteCarlo(settled, context, mcs);
        return new ScenarioResult
        {
            Name = s.Name, Budget = budget, Baseline = baseline, Shifted = shifted, Comparison = rows, ByUse = byUse, ByMember = byMember, MonteCarlo = mc, ShiftSummary = shiftSummary,
        };
    }

    /// <summary>The budget a budget section asks for.</summary>
    public static decimal ComputeBudget(BudgetSpec b, IClaimsSource claims, PaymentContext context) => b.Method switch
    {
        BudgetMethod.Fixed => b.Amount!.Value,
        BudgetMethod.Historical => HistoricalBudget.Compute(b.Expenditures!, b.Growth, b.Weights),
        BudgetMethod.PerCapita => PerCapitaBudget.Compute(claims.Alliance.Insured, b.PerCapitaFinancing!.Value, b.CriticalIllnessPremium, b.RiskReserveRate, b.CarveOuts),
        BudgetMethod.WeightedCapitation => WeightedCapitation.Compute(b.Weighted!.Insured == 0 ? b.Weighted with { Insured = claims.Alliance.Insured } : b.Weighted, b.WeightedParameters).Prospective,
        BudgetMethod.FfsMultiple => PaymentMath.Money(new FeeForServiceMethod().Run(claims, context).Members.Where(m => m.InCounty || b.FullScope).Sum(m => m.FundPaid) * b.Multiple!.Value),
        _ => throw new ArgumentOutOfRangeException(nameof(b), b.Method, "Unknown budget method."),
    };

    /// <summary>Member bases for distribution from a method result: volume, revenue, case-mix workload and the given performance scores.</summary>
    public static IReadOnlyList<MemberBasis> MemberBases(IClaimsSource claims, MethodResult r, IReadOnlyDictionary<string, decimal>? performanceScores = null)
    {
        // Case-mix-adjusted workload: inpatient cost relative to the alliance mean cost per admission (an RW proxy)
        // plus outpatient visits at 0.05 RW each, so a hard case at the lead hospital counts for more than a visit.
        var inCounty = r.Members.Where(m => m.InCounty).ToArray();
        var inpatientCost = new Dictionary<string, decimal>();
        foreach (var c in claims.Read())
        {
            if (c.Type != ClaimType.Inpatient) continue;
            var id = claims.Alliance.Members[c.Member].Id;
            inpatientCost[id] = inpatientCost.GetValueOrDefault(id) + c.TotalCost;
        }
        var adm = inCounty.Sum(m => m.Admissions);
        var meanCost = adm == 0 ? 1m : inCounty.Sum(m => inpatientCost.GetValueOrDefault(m.MemberId)) / adm;
        return inCounty.Select(m => new MemberBasis
        {
            Member = claims.Alliance.Member(m.MemberId), Volume = m.OutpatientVisits + m.Admissions, Revenue = Math.Max(0m, m.Revenue),
            CaseMixWorkload = inpatientCost.GetValueOrDefault(m.MemberId) / meanCost + 0.05m * m.OutpatientVisits,
            PerformanceScore = performanceScores is null ? 0m : performanceScores.GetValueOrDefault(m.MemberId),
        }).ToArray();
    }

    /// <summary>
    /// Monte Carlo over utilisation: each draw multiplies every member × care-type segment of fund-liable spending
    /// by exp(common + member noise) (log-normal factors with the given SDs), re-settles against the budget and
    /// records the alliance's net result. Deterministic for a seed.
    /// </summary>
    public static MonteCarloSummary MonteCarlo(MethodResult settled, PaymentContext context, MonteCarloSpec spec)
    {
        var s = settled.Settlement!;
        var segments = settled.Members.Where(m => m.InCounty || context.FullScope).Select(m => m.FundPaid).ToArray();
        // For composite results members' FundPaid already include the allocated envelope; rescale so segments sum to A.
        var total = segments.Sum();
        var scale = total == 0m ? 0m : s.Actual / total;
        var rng = new SeededRandom(spec.Seed);
        var nets = new decimal[spec.Draws];
        var over = 0;
        for (var d = 0; d < spec.Draws; d++)
        {
            var common = rng.NextNormal(0, spec.CommonSd);
            var a = 0m;
            foreach (var seg in segments) a += seg * scale * (decimal)Math.Exp(common + rng.NextNormal(0, spec.MemberSd));
            var r = GlobalBudgetSettlement.Settle(new SettlementInput { Budget = s.Budget, Actual = a, ManagementShareOfOverrun = context.ManagementShareOfOverrun, QualityScore = context.QualityScore }, context.Corridor);
            if (r.Actual > r.Budget) over++;
            nets[d] = r.AllianceNet;
        }
        Array.Sort(nets);
        return new MonteCarloSummary(spec.Draws, spec.Seed, (decimal)over / spec.Draws, nets);
    }
}

/// <summary>Deterministic behavioural shifts applied to a claims source (materialised in memory).</summary>
public static class BehaviouralShifts
{
    /// <summary>Level cost factors of the synthetic generator: township care costs 0.6 of county care; out-of-county 1.4×.</summary>
    public const decimal TownshipCostRatio = 0.6m, OutOfCountyCostRatio = 1.4m;

    /// <summary>Applies the shifts; returns the shifted claims and a one-line summary.</summary>
    public static (InMemoryClaims Claims, string Summary) Apply(IClaimsSource source, ShiftSpec sh)
    {
        var a = source.Alliance;
        var lead = a.Members.Select((m, i) => (m, i)).First(t => t.m.IsLead).i;
        var towns = a.Members.Select((m, i) => (m, i)).Where(t => t.m.Level == FacilityLevel.TownshipCentre).Select(t => t.i).ToArray();
        var simple = new HashSet<int>();
        foreach (var c in source.Read()) if (c.Type == ClaimType.Inpatient && a.Members[c.Member].Level == FacilityLevel.TownshipCentre) simple.Add(c.Group);
        var rng = new SeededRandom(sh.Seed);
        long toTown = 0, back = 0;
        var list = new List<Claim>();
        foreach (var c0 in source.Read())
        {
            var c = c0;
            var m = a.Members[c.Member];
            if (c.Type == ClaimType.Inpatient)
            {
                var u = rng.NextDouble();
                if (m.IsLead && towns.Length > 0 && simple.Contains(c.Group) && u < (double)sh.CountyToTownship)
                {
                    c = Scale(c, TownshipCostRatio) with { Member = towns[(int)(c.PatientId % towns.Length)], LengthOfStay = Math.Max(1, (int)Math.Round(c.LengthOfStay * 0.85m)), Referred = false };
                    toTown++;
                }
                else if (!m.InCounty && u < (double)sh.OutOfCountyReturn)
                {
                    c = Scale(c, 1m / OutOfCountyCostRatio) with { Member = lead, Referred = false };
                    back++;
                }
                if (sh.LosReduction > 0m && c.LengthOfStay > 1)
                {
                    var newLos = Math.Max(1, (int)Math.Round(c.LengthOfStay * (1m - sh.LosReduction), MidpointRounding.AwayFromZero));
                    var rel = (decimal)newLos / c.LengthOfStay;
                    c = Scale(c, 1m - sh.LosCostElasticity * (1m - rel)) with { LengthOfStay = newLos };
                }
            }
            if (sh.DrugReduction > 0m && c.DrugCost > 0m)
            {
                var cut = PaymentMath.Money(c.DrugCost * sh.DrugReduction);
                var total = c.TotalCost - cut;
                c = c with { TotalCost = total, DrugCost = c.DrugCost - cut, ReimbursableCost = Math.Min(total, PaymentMath.Money(c.ReimbursableCost * (total / c.TotalCost))) };
            }
            list.Add(c);
        }
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{toTown} admissions moved county hospital → township centres, {back} out-of-county admissions returned, LOS −{PaymentMath.Pct(sh.LosReduction)}, drug cost −{PaymentMath.Pct(sh.DrugReduction)} (seed {sh.Seed})");
        return (new InMemoryClaims(a, source.Groups, list, source.Description + " (shifted)"), summary);
    }

    private static Claim Scale(in Claim c, decimal f)
    {
        var total = PaymentMath.Money(c.TotalCost * f);
        return c with { TotalCost = total, ReimbursableCost = Math.Min(total, PaymentMath.Money(c.ReimbursableCost * f)), DrugCost = Math.Min(total, PaymentMath.Money(c.DrugCost * f)) };
    }
}
