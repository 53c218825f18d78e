using System.Globalization;
using AllianceResearch.Payment.Model;

namespace AllianceResearch.Payment.Methods;

/// <summary>How cases are trimmed within a group before the group mean is computed (spec §2.3).</summary>
public enum TrimMethod
{
    /// <summary>No trimming.</summary>
    None,

    /// <summary>Drop cases outside mean ± k·SD (sample SD) on the raw cost.</summary>
    Sd3Raw,

    /// <summary>Drop cases outside exp(μ ± k·σ) of the log cost (sample σ).</summary>
    Sd3Log,

    /// <summary>Drop cases below the lower or above the upper percentile (linear interpolation, R type 7); in-memory only.</summary>
    Percentile,

    /// <summary>Drop cases outside [Q1 − k·IQR, Q3 + k·IQR] (linear interpolation); in-memory only.</summary>
    Iqr,
}

/// <summary>How a high-cost outlier is paid (spec §2.5).</summary>
public enum DrgHighStrategy
{
    /// <summary>RWcase = RW × (c/m − T + 1).</summary>
    PointsAddOn,

    /// <summary>RW × BR + α × max(0, c − T·m).</summary>
    CostAddOn,

    /// <summary>c × β.</summary>
    ItemBased,
}

/// <summary>How a low-cost outlier is paid (spec §2.5).</summary>
public enum DrgLowStrategy
{
    /// <summary>RWcase = RW × c/m.</summary>
    Proportional,

    /// <summary>min(c, RW × BR).</summary>
    ItemCap,
}

/// <summary>Outcome class of a priced case.</summary>
public enum CaseClass
{
    /// <summary>Normal case.</summary>
    Normal,

    /// <summary>Low-cost outlier.</summary>
    Low,

    /// <summary>High-cost outlier.</summary>
    High,

    /// <summary>DIP extreme case routed to special review (特例单议), paid provisionally by formula.</summary>
    Extreme,

    /// <summary>Outside the method's scope (paid item-based).</summary>
    OutOfScope,
}

/// <summary>A DRG weight table row: relative weight and (trimmed) mean cost of a group.</summary>
/// <param name="Group">Group code.</param>
/// <param name="Cases">Cases in the estimation data (after trimming).</param>
/// <param name="MeanCost">Trimmed mean cost m_i.</param>
/// <param name="RelativeWeight">RW_i = m_i / M (renormalised when asked).</param>
public sealed record DrgWeight(string Group, long Cases, decimal MeanCost, decimal RelativeWeight);

/// <summary>DRG parameters (spec Appendix A.2 defaults).</summary>
public sealed record DrgParameters
{
    /// <summary>Within-group trimming for weights.</summary>
    public TrimMethod Trim { get; init; } = TrimMethod.Sd3Raw;

    /// <summary>k for SD/IQR trimming, or the lower percentile (e.g. 2.5) for percentile trimming.</summary>
    public decimal TrimParameter { get; init; } = 3m;

    /// <summary>Groups with fewer trimmed cases keep their untrimmed mean.</summary>
    public int MinCasesOwnWeight { get; init; } = 10;

    /// <summary>Renormalise so that the case-weighted mean RW is 1.</summary>
    public bool Renormalise { get; init; } = true;

    /// <summary>High-outlier thresholds T by RW tier: (RW upper bound inclusive, T); last tier applies above.</summary>
    public IReadOnlyList<(decimal RwUpTo, decimal Threshold)> HighTiers { get; init; } = [(1m, 3.0m), (2m, 2.0m), (decimal.MaxValue, 1.5m)];

    /// <summary>Low-outlier ratio T_low.</summary>
    public decimal LowRatio { get; init; } = 0.4m;

    /// <summary>High-outlier payment strategy.</summary>
    public DrgHighStrategy HighStrategy { get; init; } = DrgHighStrategy.PointsAddOn;

    /// <summary>α of the cost add-on or β of item-based payment.</summary>
    public decimal HighFactor { get; init; } = 0.8m;

    /// <summary>Low-outlier payment strategy.</summary>
    public DrgLowStrategy LowStrategy { get; init; } = DrgLowStrategy.Proportional;

    /// <summary>Stays of this many days or fewer are outside DRG (paid item-based).</summary>
    public int MaxShortStayExcluded { get; init; } = 2;

    /// <summary>Stays of this many days or more are outside DRG.</summary>
    public int MinLongStayExcluded { get; init; } = 60;

    /// <summary>DRG fund budget; null = budget-neutral (the item-based fund share of the in-scope cases).</summary>
    public decimal? FundBudget { get; init; }
}

/// <summary>DRG arithmetic as pure functions (spec §2.3–2.6): trimming, weights, base rate, case price, CMI.</summary>
public static class DrgCalculator
{
    /// <summary>Trimmed mean of <paramref name="costs"/> and the number kept (spec §2.3, TV-DRG-9).</summary>
    public static (decimal Mean, int Kept) TrimmedMean(IReadOnlyList<decimal> costs, TrimMethod method, decimal parameter)
    {
        ArgumentNullException.ThrowIfNull(costs);
        if (costs.Count == 0) throw new ArgumentException("Cannot average zero cases.", nameof(costs));
        Func<decimal, bool> keep = method switch
        {
            TrimMethod.None => _ => true,
            TrimMethod.Sd3Raw => SdBounds(costs.Select(c => (double)c).ToArray(), (double)parameter, false),
            TrimMethod.Sd3Log => SdBounds(costs.Select(c => Math.Log((double)c)).ToArray(), (double)parameter, true),
            TrimMethod.Percentile => Between(Quantile(costs, parameter / 100m), Quantile(costs, 1m - parameter / 100m)),
            TrimMethod.Iqr => IqrBounds(costs, parameter),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown trim method."),
        };
        var kept = costs.Where(keep).ToArray();
        if (kept.Length == 0) throw new InvalidOperationException("Trimming removed every case.");
        return (kept.Sum() / kept.Length, kept.Length);
    }

    private static Func<decimal, bool> Between(decimal lo, decimal hi) => c => c >= lo && c <= hi;

    private static Func<decimal, bool> IqrBounds(IReadOnlyList<decimal> costs, decimal k)
    {
        var q1 = Quantile(costs, 0.25m); var q3 = Quantile(costs, 0.75m);
        return Between(q1 - k * (q3 - q1), q3 + k * (q3 - q1));
    }

    private static Func<decimal, bool> SdBounds(double[] x, double k, bool log)
    {
        var mean = x.Average();
        var sd = x.Length > 1 ? Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / (x.Length - 1)) : 0.0;
        var lo = mean - k * sd; var hi = mean + k * sd;
        return c => { var v = log ? Math.Log((double)c) : (double)c; return v >= lo && v <= hi; };
    }

    /// <summary>Quantile with linear interpolation between order statistics (R type 7).</summary>
    public static decimal Quantile(IReadOnlyList<decimal> values, decimal p)
    {
        var s = values.OrderBy(v => v).ToArray();
        var h = (s.Length - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, s.Length - 1);
        return s[lo] + (h - lo) * (s[hi] - s[lo]);
    }

    /// <summary>Budget-driven base rate BR = (fund budget / reimbursement ratio, rounded to the fen) / Σ RW·n, rounded to the fen (TV-DRG-1).</summary>
    public static decimal BaseRate(decimal fundBudget, decimal reimbursementRatio, decimal expectedTotalRw)
    {
        if (reimbursementRatio <= 0m || reimbursementRatio > 1m) throw new ArgumentOutOfRangeException(nameof(reimbursementRatio), reimbursementRatio, "The reimbursement ratio must lie in (0, 1].");
        if (expectedTotalRw <= 0m) throw new ArgumentOutOfRangeException(nameof(expectedTotalRw), expectedTotalRw, "Σ RW × n must be positive to set a base rate.");
        return PaymentMath.Money(PaymentMath.Money(fundBudget / reimbursementRatio) / expectedTotalRw);
    }

    /// <summary>The high-outlier threshold T for a group of weight <paramref name="rw"/>.</summary>
    public static decimal HighThreshold(decimal rw, DrgParameters p)
    {
        foreach (var (upTo, t) in p.HighTiers) if (rw <= upTo) return t;
        return p.HighTiers[^1].Threshold;
    }

    /// <summary>Prices one case (spec §2.5): returns the payment (to the fen) and its class.</summary>
    public static (decimal Amount, CaseClass Class) PriceCase(decimal rw, decimal groupMean, decimal cost, decimal baseRate, decimal hospitalCoefficient, DrgParameters p)
    {
        var standard = rw * baseRate * hospitalCoefficient;
        var t = HighThreshold(rw, p);
        if (groupMean > 0m && cost > t * groupMean)
        {
            return p.HighStrategy switch
            {
                DrgHighStrategy.PointsAddOn => (PaymentMath.Money(rw * (cost / groupMean - t + 1m) * baseRate * hospitalCoefficient), CaseClass.High),
                DrgHighStrategy.CostAddOn => (PaymentMath.Money(standard + p.HighFactor * Math.Max(0m, cost - t * groupMean)), CaseClass.High),
                DrgHighStrategy.ItemBased => (PaymentMath.Money(cost * p.HighFactor), CaseClass.High),
                _ => throw new ArgumentOutOfRangeException(nameof(p), p.HighStrategy, "Unknown high-outlier strategy."),
            };
        }
        if (groupMean > 0m && cost < p.LowRatio * groupMean)
        {
            return p.LowStrategy switch
            {
                DrgLowStrategy.Proportional => (PaymentMath.Money(rw * cost / groupMean * baseRate * hospitalCoefficient), CaseClass.Low),
                DrgLowStrategy.ItemCap => (PaymentMath.Money(Math.Min(cost, standard)), CaseClass.Low),
                _ => throw new ArgumentOutOfRangeException(nameof(p), p.LowStrategy, "Unknown low-outlier strategy."),
            };
        }
        return (PaymentMath.Money(standard), CaseClass.Normal);
    }

    /// <summary>Case-mix index = Σ RW·n / Σ n.</summary>
    public static decimal Cmi(IEnumerable<(decimal Rw, long Cases)> groups)
    {
        decimal w = 0m, n = 0m;
        foreach (var (rw, c) in groups) { w += rw * c; n += c; }
        if (n == 0m) throw new ArgumentException("CMI of zero cases is undefined.", nameof(groups));
        return w / n;
    }

    /// <summary>
    /// Estimates weights from a claims stream in two passes (moments, then trimmed sums) so memory stays
    /// proportional to the number of groups. Percentile and IQR trimming need every cost of a group and are
    /// refused here (use <see cref="TrimmedMean"/> on in-memory data).
    /// </summary>
    public static IReadOnlyDictionary<int, DrgWeight> EstimateWeights(IClaimsSource source, DrgParameters p, Func<Claim, bool> inScope)
    {
        if (p.Trim is TrimMethod.Percentile or TrimMethod.Iqr)
            throw new NotSupportedException($"Trim method {p.Trim} needs every cost of a group in memory; streamed weight estimation supports None, Sd3Raw and Sd3Log.");
        var log = p.Trim == TrimMethod.Sd3Log;
        var mom = new Dictionary<int, (long N, double S, double S2, decimal Sum)>();
        foreach (var c in source.Read())
        {
            if (!inScope(c)) continue;
            var v = log ? Math.Log(Math.Max((double)c.TotalCost, 0.01)) : (double)c.TotalCost;
            mom.TryGetValue(c.Group, out var m);
            mom[c.Group] = (m.N + 1, m.S + v, m.S2 + v * v, m.Sum + c.TotalCost);
        }
        var bounds = mom.ToDictionary(kv => kv.Key, kv =>
        {
            var (n, s, s2, _) = kv.Value;
            var mean = s / n;
            var sd = n > 1 ? Math.Sqrt(Math.Max(0, (s2 - n * mean * mean) / (n - 1))) : 0.0;
            var k = (double)p.TrimParameter;
            return p.Trim == TrimMethod.None ? (double.NegativeInfinity, double.PositiveInfinity) : (mean - k * sd, mean + k * sd);
        });
        var trimmed = new Dictionary<int, (long N, decimal Sum)>();
        foreach (var c in source.Read())
        {
            if (!inScope(c)) continue;
            var v = log ? Math.Log(Math.Max((double)c.TotalCost, 0.01)) : (double)c.TotalCost;
            var (lo, hi) = bounds[c.Group];
            if (v < lo || v > hi) continue;
            trimmed.TryGetValue(c.Group, out var t);
            trimmed[c.Group] = (t.N + 1, t.Sum + c.TotalCost);
        }
        var means = new Dictionary<int, (long N, decimal Mean)>();
        foreach (var (g, m) in mom)
        {
            trimmed.TryGetValue(g, out var t);
            means[g] = t.N >= p.MinCasesOwnWeight ? (t.N, t.Sum / t.N) : (m.N, m.Sum / m.N);
        }
        var totalN = means.Values.Sum(x => x.N);
        if (totalN == 0) throw new InvalidOperationException($"{source.Description}: no in-scope inpatient cases to estimate DRG weights from.");
        var overall = means.Values.Sum(x => x.Mean * x.N) / totalN;
        var rw = means.ToDictionary(kv => kv.Key, kv => kv.Value.Mean / overall);
        if (p.Renormalise)
        {
            var factor = totalN / means.Sum(kv => rw[kv.Key] * kv.Value.N);
            foreach (var g in rw.Keys.ToArray()) rw[g] *= factor;
        }
        return means.ToDictionary(kv => kv.Key, kv => new DrgWeight(source.Groups[kv.Key], kv.Value.N, kv.Value.Mean, PaymentMath.Coef(rw[kv.Key])));
    }
}

/// <summary>
/// DRG payment of inpatient cases (按疾病诊断相关分组付费): weights from the claims' cost data with trimming,
/// base rate from the DRG budget, hospital coefficients, outliers; out-of-scope stays and outpatients item-based.
/// Three streamed passes; memory is per group and per member only.
/// </summary>
public sealed class DrgMethod(DrgParameters? parameters = null) : IPaymentMethod
{
    /// <summary>Parameters.</summary>
    public DrgParameters Parameters { get; } = parameters ?? new DrgParameters();

    /// <inheritdoc />
    public string Name => "DRG";

    /// <inheritdoc />
    public string NameZh => "按疾病诊断相关分组付费";

    /// <summary>True when the DRG rules price this claim.</summary>
    public bool InScope(in Claim c) => c.Type == ClaimType.Inpatient && c.LengthOfStay > Parameters.MaxShortStayExcluded && c.LengthOfStay < Parameters.MinLongStayExcluded;

    /// <inheritdoc />
    public MethodResult Run(IClaimsSource claims, PaymentContext context)
    {
        var p = Parameters;
        var alliance = claims.Alliance;
        var weights = DrgCalculator.EstimateWeights(claims, p, c => InScope(c));
        // Budget-neutral default: DRG fund budget = item-based fund share of in-scope cases; the reimbursement
        // ratio converts it to a cost budget (spec §2.4). Computed in the same pass as the payments' inputs.
        decimal scopeFund = 0m, scopeCost = 0m, totalRw = 0m;
        foreach (var c in claims.Read())
        {
            if (!InScope(c)) continue;
            scopeFund += context.Benefits.Split(c, alliance.Members[c.Member]).Fund;
            scopeCost += c.TotalCost;
            totalRw += weights[c.Group].RelativeWeight;
        }
        var fundBudget = p.FundBudget ?? scopeFund;
        var ratio = scopeCost == 0m ? 1m : PaymentMath.Coef(scopeFund / scopeCost);
        var br = DrgCalculator.BaseRate(fundBudget, ratio, totalRw);
        var totals = new MemberTotals(alliance, context);
        long high = 0, low = 0, scope = 0;
        foreach (var c in claims.Read())
        {
            var m = alliance.Members[c.Member];
            var (itemFund, patient) = context.Benefits.Split(c, m);
            var fund = itemFund;
            if (InScope(c))
            {
                scope++;
                var w = weights[c.Group];
                var (amount, cls) = DrgCalculator.PriceCase(w.RelativeWeight, w.MeanCost, c.TotalCost, br, m.DrgCoefficient, p);
                if (cls == CaseClass.High) high++; else if (cls == CaseClass.Low) low++;
                fund = amount - patient;
            }
            totals.Add(c, patient, itemFund, fund);
        }
        var ci = CultureInfo.InvariantCulture;
        return totals.Result(Name, NameZh,
        [
            ("Groups", weights.Count.ToString(ci)),
            ("Base rate (费率), yuan per RW", PaymentMath.Yuan(br)),
            ("Reimbursement ratio of DRG cases", PaymentMath.Num(ratio)),
            ("DRG fund budget", PaymentMath.Yuan(fundBudget)),
            ("DRG cases / high / low outliers", $"{scope} / {high} / {low}"),
        ]);
    }
}
