using System.Text;
using AllianceResearch.Payment.Model;
using AllianceResearch.Presentation;

namespace AllianceResearch.Payment.Distribution;

/// <summary>A use of the retained surplus and its fixed share (e.g. 基层能力建设 0.5).</summary>
/// <param name="Use">Name of the use.</param>
/// <param name="Share">Fixed share, shares sum to 1.</param>
public sealed record UseShare(string Use, decimal Share);

/// <summary>How a pool is divided among members (分配依据).</summary>
public enum DistributionBasis
{
    /// <summary>In proportion to service volume (visits + admissions).</summary>
    Volume,

    /// <summary>In proportion to revenue.</summary>
    Revenue,

    /// <summary>In proportion to case-mix-adjusted workload (outpatient visits plus inpatient RW / points).</summary>
    CaseMixWorkload,

    /// <summary>In proportion to an assessment score.</summary>
    PerformanceScore,
}

/// <summary>One member's measures from which a distribution basis is read.</summary>
public sealed record MemberBasis
{
    /// <summary>The member.</summary>
    public required AllianceMember Member { get; init; }

    /// <summary>Visits plus admissions.</summary>
    public decimal Volume { get; init; }

    /// <summary>Revenue, yuan.</summary>
    public decimal Revenue { get; init; }

    /// <summary>Case-mix-adjusted workload (outpatient visits weighted plus Σ RW of inpatient cases).</summary>
    public decimal CaseMixWorkload { get; init; }

    /// <summary>Assessment score.</summary>
    public decimal PerformanceScore { get; init; }

    /// <summary>The value used for <paramref name="basis"/>.</summary>
    public decimal Value(DistributionBasis basis) => basis switch
    {
        DistributionBasis.Volume => Volume,
        DistributionBasis.Revenue => Revenue,
        DistributionBasis.CaseMixWorkload => CaseMixWorkload,
        DistributionBasis.PerformanceScore => PerformanceScore,
        _ => throw new ArgumentOutOfRangeException(nameof(basis), basis, "Unknown distribution basis."),
    };
}

/// <summary>A pool split by fixed shares of use (e.g. 50/30/20), exact to the fen.</summary>
[TypeFormatterSource(typeof(LibraryFormatterSource))]
public sealed record UseDistribution : IHtmlRenderable
{
    /// <summary>The pool split.</summary>
    public required decimal Pool { get; init; }

    /// <summary>Amount per use, in the order given.</summary>
    public required IReadOnlyList<(string Use, decimal Share, decimal Amount)> Uses { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        $"Surplus {PaymentMath.Yuan(Pool)} by use: " + string.Join("; ", Uses.Select(u => $"{u.Use} {PaymentMath.Pct(u.Share)} = {PaymentMath.Yuan(u.Amount)}"));

    /// <inheritdoc />
    public string ToHtml() => PaymentMath.HtmlTable($"Retained surplus {PaymentMath.Yuan(Pool)} by use", ["Use", "Share", "Yuan"],
        Uses.Select(u => (IReadOnlyList<string>)[u.Use, PaymentMath.Pct(u.Share), PaymentMath.Yuan(u.Amount)]));
}

/// <summary>A member's part of a distributed pool.</summary>
/// <param name="MemberId">Member id.</param>
/// <param name="Level">Facility level.</param>
/// <param name="BasisValue">The member's basis value.</param>
/// <param name="Amount">Yuan received.</param>
/// <param name="PerStaff">Yuan per staff member (0 when staff is 0).</param>
public sealed record MemberShare(string MemberId, FacilityLevel Level, decimal BasisValue, decimal Amount, decimal PerStaff);

/// <summary>
/// A pool split among members with fairness measures: the lead hospital's share, the Gini coefficient of the
/// amounts across members, and the primary-care/lead per-staff bonus ratio (document 002 reports the
/// per-capita income ratio of primary to lead-hospital staff, 0.81 in 2020).
/// </summary>
[TypeFormatterSource(typeof(LibraryFormatterSource))]
public sealed record MemberDistribution : IHtmlRenderable
{
    /// <summary>The pool split.</summary>
    public required decimal Pool { get; init; }

    /// <summary>The basis used.</summary>
    public required DistributionBasis Basis { get; init; }

    /// <summary>Members' shares, in input order.</summary>
    public required IReadOnlyList<MemberShare> Shares { get; init; }

    /// <summary>Lead hospital's share of the pool (0 when the pool is 0).</summary>
    public decimal LeadShare => Pool == 0m ? 0m : Shares.Where(IsLead).Sum(s => s.Amount) / Pool;

    /// <summary>Ids of lead members (set by the distributor).</summary>
    public required IReadOnlySet<string> LeadIds { get; init; }

    /// <summary>Gini coefficient of member amounts: Σ_i Σ_j |x_i − x_j| / (2 n² x̄).</summary>
    public decimal Gini => SurplusDistribution.Gini(Shares.Select(s => s.Amount).ToArray());

    /// <summary>(Σ primary-care amounts / Σ primary-care staff) ÷ (lead amount / lead staff); null when undefined.</summary>
    public decimal? PrimaryToLeadPerStaffRatio { get; init; }

    private bool IsLead(MemberShare s) => LeadIds.Contains(s.MemberId);

    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append("Pool ").Append(PaymentMath.Yuan(Pool)).Append(" by ").Append(Basis).Append(": lead share ").Append(PaymentMath.Pct(PaymentMath.Coef(LeadShare)))
          .Append(", Gini ").Append(PaymentMath.Num(PaymentMath.Coef(Gini)))
          .Append(", primary/lead per-staff ").Append(PrimaryToLeadPerStaffRatio is { } r ? PaymentMath.Num(PaymentMath.Coef(r)) : "n/a");
        return sb.ToString();
    }

    /// <inheritdoc />
    public string ToHtml() =>
        PaymentMath.HtmlTable(ToString(), ["Member", "Level", "Basis", "Yuan", "Per staff"],
            Shares.Select(s => (IReadOnlyList<string>)[s.MemberId, s.Level.ToString(), PaymentMath.Num(s.BasisValue, "#,0.##"), PaymentMath.Yuan(s.Amount), PaymentMath.Yuan(s.PerStaff)]));
}

/// <summary>Internal distribution of the retained surplus (结余资金内部分配), spec §3.4.4–3.4.5.</summary>
public static class SurplusDistribution
{
    /// <summary>Document 003 example city: 50 % primary-care capacity, 30 % referral staff rewards, 20 % discipline building.</summary>
    public static IReadOnlyList<UseShare> Document003City { get; } =
        [new("Primary-care capacity (基层能力建设)", 0.5m), new("Staff rewards for two-way referral (人员绩效)", 0.3m), new("Discipline building (学科建设)", 0.2m)];

    /// <summary>Document 003, Shenzhen Luohu: 40 % new community centres and equipment, 30 % staff pay, 30 % chronic-disease programmes.</summary>
    public static IReadOnlyList<UseShare> Luohu { get; } =
        [new("Community centres and equipment", 0.4m), new("Staff pay", 0.3m), new("Chronic-disease programmes", 0.3m)];

    /// <summary>Splits <paramref name="pool"/> by fixed shares of use; shares must sum to 1.</summary>
    public static UseDistribution ByUse(decimal pool, IReadOnlyList<UseShare> uses)
    {
        ArgumentNullException.ThrowIfNull(uses);
        if (pool < 0m) throw new ArgumentOutOfRangeException(nameof(pool), pool, "A surplus pool cannot be negative.");
        if (uses.Count == 0) throw new ArgumentException("At least one use is required.", nameof(uses));
        var sum = uses.Sum(u => u.Share);
        if (sum != 1m) throw new ArgumentException($"Use shares must sum to 1, got {sum} ({string.Join(", ", uses.Select(u => $"{u.Use}={u.Share}"))}).", nameof(uses));
        var amounts = PaymentMath.Allocate(pool, uses.Select(u => u.Share).ToArray());
        return new UseDistribution { Pool = PaymentMath.Money(pool), Uses = uses.Select((u, i) => (u.Use, u.Share, amounts[i])).ToArray() };
    }

    /// <summary>Splits <paramref name="pool"/> among members in proportion to <paramref name="basis"/>; exact to the fen.</summary>
    public static MemberDistribution ByMember(decimal pool, IReadOnlyList<MemberBasis> members, DistributionBasis basis)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (pool < 0m) throw new ArgumentOutOfRangeException(nameof(pool), pool, "A surplus pool cannot be negative.");
        var weights = members.Select(m => m.Value(basis)).ToArray();
        for (var i = 0; i < weights.Length; i++)
            if (weights[i] < 0m) throw new ArgumentException($"Member '{members[i].Member.Id}': {basis} is negative ({weights[i]}).", nameof(members));
        var amounts = PaymentMath.Allocate(pool, weights);
        var shares = members.Select((m, i) => new MemberShare(m.Member.Id, m.Member.Level, weights[i], amounts[i],
            m.Member.Staff > 0 ? amounts[i] / m.Member.Staff : 0m)).ToArray();
        var lead = members.Where(m => m.Member.IsLead).ToArray();
        var primary = members.Where(m => m.Member.IsPrimaryCare).ToArray();
        decimal? ratio = null;
        var leadStaff = lead.Sum(m => m.Member.Staff);
        var primStaff = primary.Sum(m => m.Member.Staff);
        if (leadStaff > 0 && primStaff > 0)
        {
            var leadPer = shares.Where(s => lead.Any(l => l.Member.Id == s.MemberId)).Sum(s => s.Amount) / leadStaff;
            var primPer = shares.Where(s => primary.Any(p => p.Member.Id == s.MemberId)).Sum(s => s.Amount) / primStaff;
            if (leadPer != 0m) ratio = primPer / leadPer;
        }
        return new MemberDistribution
        {
            Pool = PaymentMath.Money(pool), Basis = basis, Shares = shares,
            LeadIds = lead.Select(l => l.Member.Id).ToHashSet(StringComparer.Ordinal),
            PrimaryToLeadPerStaffRatio = ratio,
        };
    }

    /// <summary>Gini coefficient Σ_i Σ_j |x_i − x_j| / (2 n² x̄) of non-negative values; 0 for an empty or all-zero list.</summary>
    public static decimal Gini(IReadOnlyList<decimal> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var n = values.Count;
        if (n == 0) return 0m;
        var total = values.Sum();
        if (total == 0m) return 0m;
        // Sorted form avoids the O(n²) double sum: Σ_i Σ_j |x_i − x_j| = 2 Σ_i (2i − n + 1) x_(i), i from 0.
        var sorted = values.OrderBy(v => v).ToArray();
        var acc = 0m;
        for (var i = 0; i < n; i++) acc += (2m * i - n + 1m) * sorted[i];
        return acc / (n * total);
    }
}
