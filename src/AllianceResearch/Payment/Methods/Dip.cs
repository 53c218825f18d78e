using System.Globalization;
using AllianceResearch.Payment.Model;

namespace AllianceResearch.Payment.Methods;

/// <summary>DIP parameters (spec Appendix A.1 defaults).</summary>
public sealed record DipParameters
{
    /// <summary>Score scale K (1000 or 100).</summary>
    public decimal ScoreScale { get; init; } = 1000m;

    /// <summary>Decimals scores are rounded to (the §1.8 example uses 2).</summary>
    public int ScoreDecimals { get; init; } = 2;

    /// <summary>Low-cost ratio L (cases with ratio below it are low).</summary>
    public decimal LowRatio { get; init; } = 0.5m;

    /// <summary>High-cost ratio H.</summary>
    public decimal HighRatio { get; init; } = 2.0m;

    /// <summary>Extreme ratio X (special review).</summary>
    public decimal ExtremeRatio { get; init; } = 5.0m;

    /// <summary>Round the settlement point value to 4 decimals (spec); false keeps it exact.</summary>
    public bool RoundPointValue { get; init; } = true;

    /// <summary>DIP fund budget; null = budget-neutral (the item-based fund share of DIP cases).</summary>
    public decimal? FundBudget { get; init; }
}

/// <summary>DIP arithmetic as pure functions (spec §1.3–1.8).</summary>
public static class DipCalculator
{
    /// <summary>Weighted multi-year mean, weights renormalised over the years present (1:2:7 by default).</summary>
    public static decimal WeightedMean(IReadOnlyList<decimal?> yearMeans, IReadOnlyList<decimal>? weights = null)
    {
        weights ??= [0.1m, 0.2m, 0.7m];
        if (yearMeans.Count != weights.Count) throw new ArgumentException($"Need {weights.Count} yearly values (oldest first), got {yearMeans.Count}.", nameof(yearMeans));
        decimal s = 0m, w = 0m;
        for (var i = 0; i < weights.Count; i++) if (yearMeans[i] is { } v) { s += v * weights[i]; w += weights[i]; }
        if (w == 0m) throw new ArgumentException("No year has data.", nameof(yearMeans));
        return s / w;
    }

    /// <summary>Score S = m / M × K, rounded as configured.</summary>
    public static decimal Score(decimal groupMean, decimal overallMean, DipParameters? p = null)
    {
        p ??= new DipParameters();
        if (overallMean <= 0m) throw new ArgumentOutOfRangeException(nameof(overallMean), overallMean, "The overall mean cost must be positive.");
        return Math.Round(groupMean / overallMean * p.ScoreScale, p.ScoreDecimals, MidpointRounding.AwayFromZero);
    }

    /// <summary>Budget point value = weighted total cost / Σ S·n (4 dp).</summary>
    public static decimal BudgetPointValue(decimal weightedTotalCost, decimal expectedPoints) =>
        expectedPoints <= 0m ? throw new ArgumentOutOfRangeException(nameof(expectedPoints), "Σ points is zero: the point value is undefined (configuration error).") : PaymentMath.Coef(weightedTotalCost / expectedPoints);

    /// <summary>Settlement point value = (fund available / reimbursement ratio) / Σ points (4 dp unless exact is asked).</summary>
    public static decimal SettlementPointValue(decimal fundAvailable, decimal reimbursementRatio, decimal totalPoints, bool round = true)
    {
        if (totalPoints <= 0m) throw new ArgumentOutOfRangeException(nameof(totalPoints), "Σ points is zero: the point value is undefined (configuration error).");
        if (reimbursementRatio <= 0m || reimbursementRatio > 1m) throw new ArgumentOutOfRangeException(nameof(reimbursementRatio), reimbursementRatio, "The reimbursement ratio must lie in (0, 1].");
        var pv = fundAvailable / reimbursementRatio / totalPoints;
        return round ? PaymentMath.Coef(pv) : pv;
    }

    /// <summary>Outlier coefficient of a case (spec §1.6): ratio below L → ratio; above H → ratio − H + 1; above X → extreme.</summary>
    public static (decimal Coefficient, CaseClass Class) OutlierCoefficient(decimal cost, decimal referenceCost, DipParameters? p = null)
    {
        p ??= new DipParameters();
        if (referenceCost <= 0m) return (1m, CaseClass.Normal);
        var ratio = cost / referenceCost;
        if (ratio < p.LowRatio) return (PaymentMath.Coef(ratio), CaseClass.Low);
        if (ratio > p.HighRatio) return (PaymentMath.Coef(ratio - p.HighRatio + 1m), ratio > p.ExtremeRatio ? CaseClass.Extreme : CaseClass.High);
        return (1m, CaseClass.Normal);
    }

    /// <summary>Case points = S × hospital coefficient × outlier coefficient (× auxiliary factor), to 2 dp.</summary>
    public static decimal CasePoints(decimal score, decimal hospitalCoefficient, decimal outlierCoefficient, decimal auxFactor = 1m) =>
        PaymentMath.Money(score * auxFactor * hospitalCoefficient * outlierCoefficient);

    /// <summary>Hospital clearing (spec §1.7): DIP total, fund payable after assessment, year-end balance and margin.</summary>
    public static (decimal DipTotal, decimal FundPayable, decimal Balance, decimal Margin) Clear(decimal points, decimal pointValue, decimal patientPaid,
        decimal alreadyPaid, decimal actualCost, decimal assessmentCoefficient = 1m)
    {
        var total = PaymentMath.Money(points * pointValue);
        var fund = PaymentMath.Money((total - patientPaid) * assessmentCoefficient);
        return (total, fund, fund - alreadyPaid, total - actualCost);
    }

    /// <summary>Monthly pre-settlement (spec §1.7): paid = (points × PV − patient paid) × ratio; withheld = the rest.</summary>
    public static (decimal Paid, decimal Withheld) PreSettle(decimal points, decimal budgetPointValue, decimal patientPaid, decimal prepayRatio)
    {
        var fund = PaymentMath.Money(points * budgetPointValue) - patientPaid;
        var paid = PaymentMath.Money(fund * prepayRatio);
        return (paid, fund - paid);
    }
}

/// <summary>
/// DIP payment of inpatient cases (按病种分值付费): scores from the group average cost, outlier reference =
/// group mean cost at the same facility level, member level coefficients, and a floating settlement point value
/// = DIP cost budget / total points, so the region's DIP spending equals its budget whatever the volume.
/// </summary>
public sealed class DipMethod(DipParameters? parameters = null) : IPaymentMethod
{
    /// <summary>Parameters.</summary>
    public DipParameters Parameters { get; } = parameters ?? new DipParameters();

    /// <inheritdoc />
    public string Name => "DIP";

    /// <inheritdoc />
    public string NameZh => "按病种分值付费";

    /// <inheritdoc />
    public MethodResult Run(IClaimsSource claims, PaymentContext context)
    {
        var p = Parameters;
        var alliance = claims.Alliance;
        // Pass 1: group means (scores) and group × level means (outlier references); fund share and cost of DIP cases.
        var g = new Dictionary<int, (long N, decimal Sum)>();
        var gl = new Dictionary<(int, int), (long N, decimal Sum)>();
        decimal fundSum = 0m, costSum = 0m;
        foreach (var c in claims.Read())
        {
            if (c.Type != ClaimType.Inpatient) continue;
            var m = alliance.Members[c.Member];
            g.TryGetValue(c.Group, out var a); g[c.Group] = (a.N + 1, a.Sum + c.TotalCost);
            var key = (c.Group, (int)m.Level);
            gl.TryGetValue(key, out var b); gl[key] = (b.N + 1, b.Sum + c.TotalCost);
            fundSum += context.Benefits.Split(c, m).Fund;
            costSum += c.TotalCost;
        }
        if (g.Count == 0) throw new InvalidOperationException($"{claims.Description}: no inpatient cases for DIP.");
        var overall = costSum / g.Values.Sum(x => x.N);
        var score = g.ToDictionary(kv => kv.Key, kv => DipCalculator.Score(kv.Value.Sum / kv.Value.N, overall, p));
        var reference = gl.ToDictionary(kv => kv.Key, kv => kv.Value.Sum / kv.Value.N);
        // Pass 2: points.
        decimal totalPoints = 0m;
        foreach (var c in claims.Read())
        {
            if (c.Type != ClaimType.Inpatient) continue;
            var m = alliance.Members[c.Member];
            var (coef, _) = DipCalculator.OutlierCoefficient(c.TotalCost, reference[(c.Group, (int)m.Level)], p);
            totalPoints += DipCalculator.CasePoints(score[c.Group], m.DipCoefficient, coef);
        }
        var fundBudget = p.FundBudget ?? fundSum;
        var ratio = PaymentMath.Coef(fundSum / costSum);
        var pv = DipCalculator.SettlementPointValue(fundBudget, ratio, totalPoints, p.RoundPointValue);
        // Pass 3: pay.
        var totals = new MemberTotals(alliance, context);
        long low = 0, high = 0, extreme = 0;
        foreach (var c in claims.Read())
        {
            var m = alliance.Members[c.Member];
            var (itemFund, patient) = context.Benefits.Split(c, m);
            var fund = itemFund;
            if (c.Type == ClaimType.Inpatient)
            {
                var (coef, cls) = DipCalculator.OutlierCoefficient(c.TotalCost, reference[(c.Group, (int)m.Level)], p);
                if (cls == CaseClass.Low) low++; else if (cls == CaseClass.High) high++; else if (cls == CaseClass.Extreme) extreme++;
                fund = PaymentMath.Money(DipCalculator.CasePoints(score[c.Group], m.DipCoefficient, coef) * pv) - patient;
            }
            totals.Add(c, patient, itemFund, fund);
        }
        var ci = CultureInfo.InvariantCulture;
        return totals.Result(Name, NameZh,
        [
            ("Groups", g.Count.ToString(ci)),
            ("Total points", PaymentMath.Num(totalPoints, "#,0.00")),
            ("Settlement point value (结算点值)", PaymentMath.Num(pv)),
            ("Reimbursement ratio of DIP cases", PaymentMath.Num(ratio)),
            ("DIP fund budget", PaymentMath.Yuan(fundBudget)),
            ("Low / high / extreme (特例单议) cases", $"{low} / {high} / {extreme}"),
        ]);
    }
}
