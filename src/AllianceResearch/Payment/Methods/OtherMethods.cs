using System.Globalization;
using AllianceResearch.Payment.Model;
using AllianceResearch.Payment.Settlement;

namespace AllianceResearch.Payment.Methods;

/// <summary>Fee-for-service (按项目付费): the fund pays its item-based share of every claim; nothing is settled.</summary>
public sealed class FeeForServiceMethod : IPaymentMethod
{
    /// <inheritdoc />
    public string Name => "Fee-for-service";

    /// <inheritdoc />
    public string NameZh => "按项目付费";

    /// <inheritdoc />
    public MethodResult Run(IClaimsSource claims, PaymentContext context)
    {
        context.Benefits.Validate();
        var totals = new MemberTotals(claims.Alliance, context);
        foreach (var c in claims.Read())
        {
            var (fund, patient) = context.Benefits.Split(c, claims.Alliance.Members[c.Member]);
            totals.Add(c, patient, fund, fund);
        }
        return totals.Result(Name, NameZh, [("Actual reimbursement ratio (实际报销比例)", PaymentMath.Pct(PaymentMath.Coef(totals.ItemFund.Sum() / Math.Max(1m, totals.Cost.Sum()))))]);
    }
}

/// <summary>Per-diem band model (spec §5.3).</summary>
public enum PerDiemModel
{
    /// <summary>Each day paid at its own band's rate (no cliffs).</summary>
    Marginal,

    /// <summary>All days at the rate of the band the whole stay falls in (creates cliffs).</summary>
    WholeStay,
}

/// <summary>A length-of-stay band: days from <paramref name="FromDay"/> (1-based) at <paramref name="Factor"/> × base rate.</summary>
/// <param name="FromDay">First day of the band.</param>
/// <param name="Factor">Factor of the base daily rate.</param>
public sealed record LosBand(int FromDay, decimal Factor);

/// <summary>Per-diem parameters (spec Appendix A.4).</summary>
public sealed record PerDiemParameters
{
    /// <summary>Bands, first starting at day 1 (default 1–30: 1.00; 31–90: 0.90; 91–180: 0.80; &gt;180: 0.70).</summary>
    public IReadOnlyList<LosBand> Bands { get; init; } = [new(1, 1.00m), new(31, 0.90m), new(91, 0.80m), new(181, 0.70m)];

    /// <summary>Marginal or whole-stay model.</summary>
    public PerDiemModel Model { get; init; } = PerDiemModel.Marginal;
}

/// <summary>Per-diem arithmetic (按床日付费).</summary>
public static class PerDiemCalculator
{
    /// <summary>Payment for a stay of <paramref name="days"/> at <paramref name="dailyRate"/> (TV-PD-1, TV-PD-2).</summary>
    public static decimal Pay(int days, decimal dailyRate, PerDiemParameters? p = null)
    {
        p ??= new PerDiemParameters();
        if (days < 0) throw new ArgumentOutOfRangeException(nameof(days), days, "A stay cannot be negative.");
        if (p.Bands.Count == 0 || p.Bands[0].FromDay != 1) throw new ArgumentException("perDiem.bands: the first band must start at day 1.");
        if (p.Model == PerDiemModel.WholeStay)
        {
            var band = p.Bands.Last(b => b.FromDay <= Math.Max(1, days));
            return PaymentMath.Money(days * dailyRate * band.Factor);
        }
        var total = 0m;
        for (var i = 0; i < p.Bands.Count; i++)
        {
            var from = p.Bands[i].FromDay;
            var to = i + 1 < p.Bands.Count ? p.Bands[i + 1].FromDay - 1 : int.MaxValue;
            var inBand = Math.Max(0, Math.Min(days, to) - from + 1);
            total += inBand * dailyRate * p.Bands[i].Factor;
        }
        return PaymentMath.Money(total);
    }
}

/// <summary>
/// Per-diem payment of every inpatient stay by LOS band; the base daily rate of each facility level is its
/// cost per bed-day in the claims (budget-neutral at band factor 1), so the comparison isolates the band incentive.
/// </summary>
public sealed class PerDiemMethod(PerDiemParameters? parameters = null) : IPaymentMethod
{
    /// <summary>Parameters.</summary>
    public PerDiemParameters Parameters { get; } = parameters ?? new PerDiemParameters();

    /// <inheritdoc />
    public string Name => "Per-diem";

    /// <inheritdoc />
    public string NameZh => "按床日付费";

    /// <inheritdoc />
    public MethodResult Run(IClaimsSource claims, PaymentContext context)
    {
        var alliance = claims.Alliance;
        var cost = new Dictionary<FacilityLevel, (decimal Cost, long Days)>();
        foreach (var c in claims.Read())
        {
            if (c.Type != ClaimType.Inpatient) continue;
            var l = alliance.Members[c.Member].Level;
            cost.TryGetValue(l, out var a);
            cost[l] = (a.Cost + c.TotalCost, a.Days + Math.Max(1, c.LengthOfStay));
        }
        var rate = cost.ToDictionary(kv => kv.Key, kv => PaymentMath.Money(kv.Value.Cost / kv.Value.Days));
        var totals = new MemberTotals(alliance, context);
        foreach (var c in claims.Read())
        {
            var m = alliance.Members[c.Member];
            var (itemFund, patient) = context.Benefits.Split(c, m);
            var fund = c.Type == ClaimType.Inpatient ? PerDiemCalculator.Pay(Math.Max(1, c.LengthOfStay), rate[m.Level], Parameters) - patient : itemFund;
            totals.Add(c, patient, itemFund, fund);
        }
        return totals.Result(Name, NameZh, rate.OrderBy(kv => kv.Key).Select(kv => ($"Daily rate, {kv.Key}", PaymentMath.Yuan(kv.Value))).ToArray());
    }
}

/// <summary>One risk cell for capitation: persons and their risk weight (spec §4.3).</summary>
/// <param name="Label">Cell label.</param>
/// <param name="Persons">Persons in the cell.</param>
/// <param name="Weight">Risk weight (age weight × chronic multiplier).</param>
public sealed record RiskCell(string Label, int Persons, decimal Weight);

/// <summary>Capitation arithmetic (按人头付费), spec §4.2–4.3, and the family-doctor contract fee of §4.5.</summary>
public static class CapitationCalculator
{
    /// <summary>Default age weights of spec Appendix A.4: 0–14: 0.6; 15–44: 0.5; 45–64: 1.0; 65+: 1.8.</summary>
    public static IReadOnlyDictionary<string, decimal> DefaultAgeWeights { get; } =
        new Dictionary<string, decimal> { ["0-14"] = 0.6m, ["15-44"] = 0.5m, ["45-64"] = 1.0m, ["65+"] = 1.8m };

    /// <summary>Σ persons × weight.</summary>
    public static decimal RiskUnits(IEnumerable<RiskCell> cells) => cells.Sum(c => c.Persons * c.Weight);

    /// <summary>Risk cells from population cells: weight = age weight × (chronic ? multiplier : 1).</summary>
    public static IReadOnlyList<RiskCell> Cells(IEnumerable<PopulationCell> population, IReadOnlyDictionary<string, decimal>? ageWeights = null, decimal chronicMultiplier = 1.6m)
    {
        ageWeights ??= DefaultAgeWeights;
        return population.Select(p => new RiskCell($"{p.AgeBand} {p.Sex}{(p.Chronic ? " chronic" : "")}", p.Persons,
            (ageWeights.TryGetValue(p.AgeBand, out var w) ? w : throw new KeyNotFoundException($"No capitation age weight for age band '{p.AgeBand}'.")) * (p.Chronic ? chronicMultiplier : 1m))).ToArray();
    }

    /// <summary>Base rate = pool / risk units (yuan per risk unit per year), unrounded.</summary>
    public static decimal BaseRate(decimal pool, decimal riskUnits) =>
        riskUnits <= 0m ? throw new ArgumentOutOfRangeException(nameof(riskUnits), "Capitation needs positive risk units.") : pool / riskUnits;

    /// <summary>Annual capitation of one person = base rate × risk weight × months/12, to the fen.</summary>
    public static decimal PersonPayment(decimal baseRate, decimal riskWeight, int monthsEnrolled = 12) => PaymentMath.Money(baseRate * riskWeight * monthsEnrolled / 12m);

    /// <summary>
    /// Family-doctor team fee (spec §4.5): contracts × fee × team share × [upfront + (1 − upfront) × score] − leakage + bonuses.
    /// </summary>
    public static decimal FamilyDoctorTeamFee(int contracts, decimal fee, decimal teamShare, decimal upfrontShare, decimal assessmentScore,
        decimal leakageDeduction = 0m, decimal renewalBonus = 0m, decimal outcomeBonus = 0m)
    {
        if (teamShare is < 0m or > 1m || upfrontShare is < 0m or > 1m || assessmentScore is < 0m or > 1m)
            throw new ArgumentOutOfRangeException(nameof(teamShare), "Team share, upfront share and assessment score (as a fraction) must lie in [0, 1].");
        var teamPool = contracts * fee * teamShare;
        return PaymentMath.Money(teamPool * upfrontShare) + PaymentMath.Money(teamPool * (1m - upfrontShare) * assessmentScore) - leakageDeduction + renewalBonus + outcomeBonus;
    }
}

/// <summary>Capitation parameters.</summary>
public sealed record CapitationParameters
{
    /// <summary>Capitation pool; null = budget-neutral (the item-based fund share of primary-care outpatient claims).</summary>
    public decimal? Pool { get; init; }
}

/// <summary>
/// Outpatient capitation (门诊按人头付费) for primary care: township centres and village clinics receive a
/// risk-adjusted amount per attributed resident (<see cref="AllianceMember.CatchmentRiskUnits"/>) instead of the
/// fund's item-based share of their outpatient claims; patients still pay item-based.
/// </summary>
public sealed class CapitationMethod(CapitationParameters? parameters = null) : IPaymentMethod
{
    /// <summary>Parameters.</summary>
    public CapitationParameters Parameters { get; } = parameters ?? new CapitationParameters();

    /// <inheritdoc />
    public string Name => "Outpatient capitation";

    /// <inheritdoc />
    public string NameZh => "门诊按人头付费";

    /// <summary>True for claims the capitation replaces.</summary>
    public static bool Capitated(in Claim c, AllianceMember m) => c.Type == ClaimType.Outpatient && m.IsPrimaryCare && m.CatchmentRiskUnits > 0m;

    /// <inheritdoc />
    public MethodResult Run(IClaimsSource claims, PaymentContext context)
    {
        var alliance = claims.Alliance;
        var totals = new MemberTotals(alliance, context);
        var neutralPool = 0m;
        foreach (var c in claims.Read())
        {
            var m = alliance.Members[c.Member];
            var (itemFund, patient) = context.Benefits.Split(c, m);
            var capitated = Capitated(c, m);
            if (capitated) neutralPool += itemFund;
            totals.Add(c, patient, itemFund, capitated ? 0m : itemFund);
        }
        var pool = Parameters.Pool ?? neutralPool;
        var members = alliance.Members.Select((m, i) => (m, i)).Where(t => t.m.IsPrimaryCare && t.m.CatchmentRiskUnits > 0m).ToArray();
        if (members.Length == 0) throw new InvalidOperationException($"Alliance '{alliance.Name}': no primary-care member has a catchment, so capitation has no recipient.");
        var units = members.Sum(t => t.m.CatchmentRiskUnits);
        var parts = PaymentMath.Allocate(pool, members.Select(t => t.m.CatchmentRiskUnits).ToArray());
        for (var k = 0; k < members.Length; k++) totals.Fund[members[k].i] += parts[k];
        return totals.Result(Name, NameZh,
        [
            ("Capitation pool", PaymentMath.Yuan(PaymentMath.Money(pool))),
            ("Risk units", PaymentMath.Num(units, "#,0.##")),
            ("Base rate per risk unit per year", PaymentMath.Num(CapitationCalculator.BaseRate(pool, units), "0.00")),
        ]);
    }
}

/// <summary>
/// Global budget prepayment (总额预付) for the alliance: members are paid the fund's item-based share claim by
/// claim (the advances), and at year end the alliance settles against its budget through the risk corridor;
/// under full scope the residents' out-of-county care counts against the budget.
/// </summary>
public sealed class GlobalBudgetMethod : IPaymentMethod
{
    /// <inheritdoc />
    public string Name => "Global budget";

    /// <inheritdoc />
    public string NameZh => "总额预付（结余留用、合理超支分担）";

    /// <inheritdoc />
    public MethodResult Run(IClaimsSource claims, PaymentContext context)
    {
        var ffs = new FeeForServiceMethod().Run(claims, context);
        var budget = context.GlobalBudget ?? throw new InvalidOperationException("The global-budget method needs a budget (scenario 'budget' section or PaymentContext.GlobalBudget).");
        var actual = ffs.Members.Where(m => m.InCounty || context.FullScope).Sum(m => m.FundPaid);
        var s = GlobalBudgetSettlement.Settle(new SettlementInput
        {
            Budget = budget, Actual = actual, ManagementShareOfOverrun = context.ManagementShareOfOverrun, QualityScore = context.QualityScore,
            Advances = PaymentMath.Money(budget * context.PrepayRatio),
        }, context.Corridor);
        return ffs with
        {
            Method = Name, MethodZh = NameZh, Settlement = s, SettlementAdjustment = s.AllianceNet, CentralAdjustment = s.AllianceNet,
            Facts =
            [
                ("Budget B", PaymentMath.Yuan(s.Budget)),
                ("Fund-liable spending A" + (context.FullScope ? " (full scope, incl. out-of-county)" : " (in-county)"), PaymentMath.Yuan(s.Actual)),
                ("Deviation d", PaymentMath.Pct(PaymentMath.Coef(s.Deviation))),
                ("Alliance keeps / bears", $"{PaymentMath.Yuan(s.AllianceRetained)} / {PaymentMath.Yuan(s.AllianceLoss)}"),
            ],
        };
    }
}

/// <summary>Which method values inpatient care inside a composite budget.</summary>
public enum InpatientValuation
{
    /// <summary>DRG.</summary>
    Drg,

    /// <summary>DIP.</summary>
    Dip,
}

/// <summary>
/// Composite payment (复合式支付): a global budget wraps DRG/DIP for inpatients and capitation for primary-care
/// outpatients. Document 001's two accounting units are kept apart: the fund settles with the alliance on the
/// envelope only (item-based fund liability against B through the corridor); the money the alliance receives
/// for in-county care is then allocated to members in proportion to their internal valuations (DRG/DIP for
/// inpatients, risk-adjusted capitation for primary outpatients, item-based for the rest).
/// </summary>
public sealed class CompositeMethod(InpatientValuation inpatient = InpatientValuation.Dip, DrgParameters? drg = null, DipParameters? dip = null, CapitationParameters? capitation = null) : IPaymentMethod
{
    /// <inheritdoc />
    public string Name => $"Composite (global budget + {(inpatient == InpatientValuation.Drg ? "DRG" : "DIP")} + capitation)";

    /// <inheritdoc />
    public string NameZh => "总额预算下的复合式支付";

    /// <inheritdoc />
    public MethodResult Run(IClaimsSource claims, PaymentContext context)
    {
        var gb = new GlobalBudgetMethod().Run(claims, context);
        var ffs = gb.Members;
        var inp = inpatient == InpatientValuation.Drg ? new DrgMethod(drg).Run(claims, context) : new DipMethod(dip).Run(claims, context);
        var cap = new CapitationMethod(capitation).Run(claims, context);
        var n = ffs.Count;
        // Internal fund valuation: item-based fund share, corrected by each inner method's change on its own (disjoint) segment.
        var valuation = new decimal[n];
        for (var i = 0; i < n; i++) valuation[i] = ffs[i].FundPaid + (inp.Members[i].FundPaid - ffs[i].FundPaid) + (cap.Members[i].FundPaid - ffs[i].FundPaid);
        var s = gb.Settlement!;
        var outOfCounty = context.FullScope ? ffs.Where(m => !m.InCounty).Sum(m => m.FundPaid) : 0m;
        var inCountyPool = s.FundPays - outOfCounty;
        var idx = Enumerable.Range(0, n).Where(i => ffs[i].InCounty).ToArray();
        foreach (var i in idx)
            if (valuation[i] < 0m) throw new InvalidOperationException($"Member '{ffs[i].MemberId}': negative internal valuation {valuation[i]}; cannot allocate the envelope in proportion.");
        var parts = PaymentMath.Allocate(inCountyPool, idx.Select(i => valuation[i]).ToArray());
        var members = ffs.ToArray();
        for (var k = 0; k < idx.Length; k++) members[idx[k]] = members[idx[k]] with { FundPaid = parts[k] };
        var facts = new List<(string, string)>(gb.Facts)
        {
            ("In-county envelope allocated by internal valuation", PaymentMath.Yuan(inCountyPool)),
        };
        facts.AddRange(inp.Facts.Select(f => ("Internal " + f.Key, f.Value)));
        facts.AddRange(cap.Facts.Select(f => ("Internal " + f.Key, f.Value)));
        return gb with
        {
            Method = Name, MethodZh = NameZh, Members = members, CentralAdjustment = 0m,
            FundToProviders = gb.FundToProviders, SettlementAdjustment = s.AllianceNet, Facts = facts,
        };
    }
}
