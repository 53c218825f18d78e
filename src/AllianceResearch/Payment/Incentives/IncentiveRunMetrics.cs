using AllianceResearch.Payment.Distribution;
using AllianceResearch.Payment.Methods;

namespace AllianceResearch.Payment.Incentives;

/// <summary>
/// Per-member metrics a payment run offers to incentive contracts (the <c>incentives</c> list of a scenario):
/// from the settled method's result, or the first method when none is settled, and from the internal
/// distribution of the retained surplus when the scenario has one.
/// </summary>
public static class IncentiveRunMetrics
{
    /// <summary>The metric names offered, for documentation and error messages.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "outpatientVisits", "admissions", "totalCost", "patientPaid", "fundPaid", "revenue", "providerCost", "margin",
        "inCounty", "surplusShare",
    ];

    /// <summary>
    /// member id → metric → value. <c>surplusShare</c> (the member's part of the retained surplus) is present only
    /// when <paramref name="byMember"/> is given; <c>inCounty</c> is 1 or 0.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>> From(MethodResult result, MemberDistribution? byMember = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var metrics = new Dictionary<string, IReadOnlyDictionary<string, decimal>>(StringComparer.Ordinal);
        foreach (var m in result.Members)
        {
            var row = new Dictionary<string, decimal>(StringComparer.Ordinal)
            {
                ["outpatientVisits"] = m.OutpatientVisits,
                ["admissions"] = m.Admissions,
                ["totalCost"] = m.TotalCost,
                ["patientPaid"] = m.PatientPaid,
                ["fundPaid"] = m.FundPaid,
                ["revenue"] = m.Revenue,
                ["providerCost"] = m.ProviderCost,
                ["margin"] = m.Margin,
                ["inCounty"] = m.InCounty ? 1m : 0m,
            };
            var share = byMember?.Shares.FirstOrDefault(s => s.MemberId == m.MemberId);
            if (share is not null) row["surplusShare"] = share.Amount;
            metrics[m.MemberId] = row;
        }
        return metrics;
    }
}
