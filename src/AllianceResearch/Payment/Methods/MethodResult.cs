using System.Text;
using AllianceResearch.Payment.Model;
using AllianceResearch.Payment.Settlement;
using AllianceResearch.Presentation;

namespace AllianceResearch.Payment.Methods;

/// <summary>
/// What one member received under a payment method. <c>Revenue = PatientPaid + FundPaid</c>; the margin is
/// revenue minus the member's resource cost (<c>ProviderCost</c> = charges × cost-to-charge ratio), so that
/// fee-for-service earns a margin on every extra item billed, as it does in practice.
/// </summary>
/// <param name="MemberId">Member id.</param>
/// <param name="Level">Facility level.</param>
/// <param name="InCounty">True for alliance members inside the county.</param>
/// <param name="OutpatientVisits">Outpatient claims.</param>
/// <param name="Admissions">Inpatient claims.</param>
/// <param name="TotalCost">Item-based charges (医疗总费用).</param>
/// <param name="PatientPaid">Paid by patients (deductible, co-payment, self-pay).</param>
/// <param name="FundPaid">Paid by the fund (or, inside a global budget, allocated from the envelope).</param>
/// <param name="ProviderCost">Resource cost of delivering the care (charges × cost-to-charge ratio).</param>
public sealed record MemberOutcome(string MemberId, FacilityLevel Level, bool InCounty, long OutpatientVisits, long Admissions,
    decimal TotalCost, decimal PatientPaid, decimal FundPaid, decimal ProviderCost)
{
    /// <summary>Member revenue from patients and fund.</summary>
    public decimal Revenue => PatientPaid + FundPaid;

    /// <summary>Revenue minus resource cost.</summary>
    public decimal Margin => Revenue - ProviderCost;
}

/// <summary>
/// One payment method applied to one year of claims. Conservation (exact): <c>TotalCost = PatientPaid + ItemFund</c>
/// (the patients' item-based split); <c>FundOutlay = FundToProviders + SettlementAdjustment</c>; and
/// <c>Σ member FundPaid = FundToProviders + SettlementAdjustment</c> when the method allocates the settlement to members.
/// </summary>
[TypeFormatterSource(typeof(LibraryFormatterSource))]
public sealed record MethodResult : IHtmlRenderable
{
    /// <summary>Method name (English).</summary>
    public required string Method { get; init; }

    /// <summary>Method name (Chinese).</summary>
    public required string MethodZh { get; init; }

    /// <summary>Per member, in alliance order.</summary>
    public required IReadOnlyList<MemberOutcome> Members { get; init; }

    /// <summary>Number of claims.</summary>
    public required long Claims { get; init; }

    /// <summary>Σ total cost.</summary>
    public required decimal TotalCost { get; init; }

    /// <summary>Σ patient payments (item-based, the same under every method).</summary>
    public required decimal PatientPaid { get; init; }

    /// <summary>Σ fund share under item-based rules (what FFS would pay); TotalCost = PatientPaid + ItemFund.</summary>
    public required decimal ItemFund { get; init; }

    /// <summary>Σ what the fund paid providers claim by claim (or as capitation) before any year-end settlement.</summary>
    public required decimal FundToProviders { get; init; }

    /// <summary>Year-end settlement between fund and alliance (+ fund pays more, − fund recovers); 0 without a budget.</summary>
    public decimal SettlementAdjustment { get; init; }

    /// <summary>Fund outlay = provider payments ± settlement.</summary>
    public decimal FundOutlay => FundToProviders + SettlementAdjustment;

    /// <summary>Patients' out-of-pocket payments (= <see cref="PatientPaid"/>; prospective methods do not change them).</summary>
    public decimal OutOfPocket => PatientPaid;

    /// <summary>Settlement money the alliance keeps (+) or pays (−) centrally, not yet distributed to members.</summary>
    public decimal CentralAdjustment { get; init; }

    /// <summary>Alliance revenue: in-county members' revenue plus the central settlement money.</summary>
    public decimal AllianceRevenue => Members.Where(m => m.InCounty).Sum(m => m.Revenue) + CentralAdjustment;

    /// <summary>Alliance margin over resource cost (surplus when positive): members' margins plus central money.</summary>
    public decimal AllianceSurplus => Members.Where(m => m.InCounty).Sum(m => m.Margin) + CentralAdjustment;

    /// <summary>Fund paid for care outside the county (residents' leakage).</summary>
    public decimal OutOfCountyFund => Members.Where(m => !m.InCounty).Sum(m => m.FundPaid);

    /// <summary>The fund–alliance settlement, for budget-based methods.</summary>
    public SettlementResult? Settlement { get; init; }

    /// <summary>Method-specific facts (base rate, point value, outlier counts...).</summary>
    public IReadOnlyList<(string Key, string Value)> Facts { get; init; } = [];

    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(Method).Append(" (").Append(MethodZh).Append("): ").Append(Claims).Append(" claims; cost ").Append(PaymentMath.Yuan(TotalCost))
          .Append(", patients ").Append(PaymentMath.Yuan(PatientPaid)).Append(", fund outlay ").Append(PaymentMath.Yuan(FundOutlay))
          .Append(", alliance revenue ").Append(PaymentMath.Yuan(AllianceRevenue)).Append(", alliance surplus ").Append(PaymentMath.Yuan(AllianceSurplus));
        foreach (var (k, v) in Facts) sb.AppendLine().Append("  ").Append(k).Append(": ").Append(v);
        return sb.ToString();
    }

    /// <inheritdoc />
    public string ToHtml()
    {
        var facts = string.Concat(Facts.Select(f => $"<li>{PaymentMath.H(f.Key)}: {PaymentMath.H(f.Value)}</li>"));
        var table = PaymentMath.HtmlTable($"{Method} ({MethodZh}) — member outcomes", ["Member", "Level", "Visits", "Admissions", "Cost", "Patients", "Fund", "Margin"],
            Members.Select(m => (IReadOnlyList<string>)[m.MemberId, m.Level.ToString(), m.OutpatientVisits.ToString(System.Globalization.CultureInfo.InvariantCulture),
                m.Admissions.ToString(System.Globalization.CultureInfo.InvariantCulture), PaymentMath.Yuan(m.TotalCost), PaymentMath.Yuan(m.PatientPaid), PaymentMath.Yuan(m.FundPaid), PaymentMath.Yuan(m.Margin)]));
        return $"<div><p>{PaymentMath.H(ToString().Split('\n')[0])}</p><ul>{facts}</ul>{table}</div>";
    }
}

/// <summary>Shared context of a run: the patients' benefit rules and the fund–alliance budget and corridor.</summary>
public sealed record PaymentContext
{
    /// <summary>Patients' item-based benefit rules.</summary>
    public BenefitRules Benefits { get; init; } = BenefitRules.Default;

    /// <summary>The alliance's global fund budget B (needed by global-budget and composite methods).</summary>
    public decimal? GlobalBudget { get; init; }

    /// <summary>Settlement corridor for budget-based methods.</summary>
    public RiskCorridor Corridor { get; init; } = RiskCorridor.AntiStintingCap;

    /// <summary>Quality score for the corridor's quality gate (null = no gate).</summary>
    public decimal? QualityScore { get; init; }

    /// <summary>Share of any overrun attributed to poor management.</summary>
    public decimal ManagementShareOfOverrun { get; init; }

    /// <summary>Full scope (全口径): the alliance's budget also pays residents' out-of-county care.</summary>
    public bool FullScope { get; init; } = true;

    /// <summary>Share of the budget advanced during the year (预拨付比例).</summary>
    public decimal PrepayRatio { get; init; } = 0.95m;

    /// <summary>Resource cost ÷ item-based charges of providers [A] (0.85: FFS charges carry a 15 % margin over cost).</summary>
    public decimal CostToChargeRatio { get; init; } = 0.85m;
}

/// <summary>A payment method that can run on any claims source, so a scenario compares all methods on the same claims.</summary>
public interface IPaymentMethod
{
    /// <summary>English name.</summary>
    string Name { get; }

    /// <summary>Chinese name.</summary>
    string NameZh { get; }

    /// <summary>Applies the method to one year of claims.</summary>
    MethodResult Run(IClaimsSource claims, PaymentContext context);
}

/// <summary>Per-member accumulators shared by the methods (one pass, memory proportional to members).</summary>
internal sealed class MemberTotals
{
    public readonly long[] Visits, Admissions;
    public readonly decimal[] Cost, Patient, ItemFund, Fund;
    private readonly Alliance alliance;
    private readonly decimal costToCharge;

    public MemberTotals(Alliance alliance, PaymentContext context)
    {
        this.alliance = alliance;
        costToCharge = context.CostToChargeRatio;
        var n = alliance.Members.Count;
        Visits = new long[n]; Admissions = new long[n];
        Cost = new decimal[n]; Patient = new decimal[n]; ItemFund = new decimal[n]; Fund = new decimal[n];
    }

    public long Claims;

    public void Add(in Claim c, decimal patient, decimal itemFund, decimal fund)
    {
        Claims++;
        if (c.Type == ClaimType.Inpatient) Admissions[c.Member]++; else Visits[c.Member]++;
        Cost[c.Member] += c.TotalCost;
        Patient[c.Member] += patient;
        ItemFund[c.Member] += itemFund;
        Fund[c.Member] += fund;
    }

    public IReadOnlyList<MemberOutcome> Outcomes() => alliance.Members.Select((m, i) =>
        new MemberOutcome(m.Id, m.Level, m.InCounty, Visits[i], Admissions[i], Cost[i], Patient[i], Fund[i], PaymentMath.Money(Cost[i] * costToCharge))).ToArray();

    public MethodResult Result(string name, string zh, IReadOnlyList<(string, string)> facts) => new()
    {
        Method = name, MethodZh = zh, Members = Outcomes(), Claims = Claims,
        TotalCost = Cost.Sum(), PatientPaid = Patient.Sum(), ItemFund = ItemFund.Sum(), FundToProviders = Fund.Sum(), Facts = facts,
    };
}
