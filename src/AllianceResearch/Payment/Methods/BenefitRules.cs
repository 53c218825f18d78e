using AllianceResearch.Payment.Model;

namespace AllianceResearch.Payment.Methods;

/// <summary>Benefit parameters of one facility level (差异化报销): deductible (起付线) and reimbursement rate.</summary>
/// <param name="Level">Facility level.</param>
/// <param name="InpatientDeductible">Per-admission deductible, yuan.</param>
/// <param name="InpatientRate">Share of policy-scope cost above the deductible the fund pays.</param>
/// <param name="OutpatientDeductible">Per-visit deductible of outpatient pooling, yuan.</param>
/// <param name="OutpatientRate">Outpatient pooling reimbursement rate.</param>
public sealed record LevelBenefit(FacilityLevel Level, decimal InpatientDeductible, decimal InpatientRate, decimal OutpatientDeductible, decimal OutpatientRate);

/// <summary>
/// The patients' item-based benefit rules (spec §6.5): the fund pays <c>max(0, policy-scope cost − remaining
/// deductible) × rate</c>, rounded to the fen, never more than the policy-scope cost; the patient pays the rest
/// of the total cost. A referred admission gets the continuous referral deductible (转诊起付线连续计算): the
/// deductible already paid at the sending level (township for county/TCM hospitals, county hospital for
/// out-of-county care) is credited. Unreferred out-of-county care loses <see cref="OutOfCountyUnreferredPenalty"/>
/// of its rate. These rules decide what patients pay under every payment method: DRG/DIP/capitation only change
/// what the fund pays providers (spec §1.7).
/// </summary>
public sealed record BenefitRules
{
    /// <summary>One entry per facility level.</summary>
    public required IReadOnlyList<LevelBenefit> Levels { get; init; }

    /// <summary>Rate reduction (in rate points, 0.15 = 15 pp) for out-of-county care without referral.</summary>
    public decimal OutOfCountyUnreferredPenalty { get; init; } = 0.15m;

    /// <summary>When true, referred admissions are credited the sending level's deductible.</summary>
    public bool ContinuousReferralDeductible { get; init; } = true;

    /// <summary>
    /// Illustrative resident-insurance rules within the spec §6.5 ranges [A]: township 150 / 90 %, county 500 / 80 %,
    /// TCM 500 / 82 %, out-of-county 1,200 / 65 %; outpatient pooling 0 deductible, 60 % primary, 50 % county, 40 % outside.
    /// </summary>
    public static BenefitRules Default { get; } = new()
    {
        Levels =
        [
            new(FacilityLevel.VillageClinic, 0m, 0.90m, 0m, 0.65m),
            new(FacilityLevel.TownshipCentre, 150m, 0.90m, 0m, 0.60m),
            new(FacilityLevel.TcmHospital, 500m, 0.82m, 0m, 0.50m),
            new(FacilityLevel.CountyHospital, 500m, 0.80m, 0m, 0.50m),
            new(FacilityLevel.OutOfCounty, 1200m, 0.65m, 0m, 0.40m),
        ],
    };

    /// <summary>The benefit of <paramref name="level"/>; throws naming the level when missing.</summary>
    public LevelBenefit For(FacilityLevel level) =>
        Levels.FirstOrDefault(l => l.Level == level) ?? throw new KeyNotFoundException($"Benefit rules have no entry for level {level}.");

    /// <summary>Throws when a rate or deductible is out of range.</summary>
    public void Validate()
    {
        foreach (var l in Levels)
        {
            if (l.InpatientRate is < 0m or > 1m || l.OutpatientRate is < 0m or > 1m) throw new ArgumentException($"benefits.levels[{l.Level}]: rates must lie in [0, 1].");
            if (l.InpatientDeductible < 0m || l.OutpatientDeductible < 0m) throw new ArgumentException($"benefits.levels[{l.Level}]: deductibles cannot be negative.");
        }
        if (OutOfCountyUnreferredPenalty is < 0m or > 1m) throw new ArgumentException("benefits.outOfCountyUnreferredPenalty: must lie in [0, 1].");
    }

    /// <summary>Fund payment for one case from its parts (the spec §6.5 formula); exposed for hand-worked examples.</summary>
    public static decimal FundPayment(decimal policyScopeCost, decimal deductible, decimal deductibleAlreadyPaid, decimal rate)
    {
        var remaining = Math.Max(0m, deductible - deductibleAlreadyPaid);
        return Math.Min(policyScopeCost, PaymentMath.Money(Math.Max(0m, policyScopeCost - remaining) * rate));
    }

    /// <summary>Splits a claim's total cost into fund payment and patient payment (exactly: fund + patient = total).</summary>
    public (decimal Fund, decimal Patient) Split(in Claim claim, AllianceMember member)
    {
        var b = For(member.Level);
        decimal fund;
        if (claim.Type == ClaimType.Inpatient)
        {
            var rate = b.InpatientRate;
            var credit = 0m;
            if (claim.Referred && ContinuousReferralDeductible)
            {
                credit = member.Level switch
                {
                    FacilityLevel.CountyHospital or FacilityLevel.TcmHospital => For(FacilityLevel.TownshipCentre).InpatientDeductible,
                    FacilityLevel.OutOfCounty => For(FacilityLevel.CountyHospital).InpatientDeductible,
                    _ => 0m,
                };
            }
            if (member.Level == FacilityLevel.OutOfCounty && !claim.Referred) rate = Math.Max(0m, rate - OutOfCountyUnreferredPenalty);
            fund = FundPayment(claim.ReimbursableCost, b.InpatientDeductible, credit, rate);
        }
        else
        {
            var rate = member.Level == FacilityLevel.OutOfCounty && !claim.Referred ? Math.Max(0m, b.OutpatientRate - OutOfCountyUnreferredPenalty) : b.OutpatientRate;
            fund = FundPayment(claim.ReimbursableCost, b.OutpatientDeductible, 0m, rate);
        }
        return (fund, claim.TotalCost - fund);
    }
}
