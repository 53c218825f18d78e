using System.Text.Json.Serialization;

namespace AllianceResearch.Payment.Model;

/// <summary>Facility level of a provider (机构级别); drives differentiated reimbursement and level coefficients.</summary>
public enum FacilityLevel
{
    /// <summary>County general hospital (县医院), usually the lead hospital (牵头医院).</summary>
    CountyHospital,

    /// <summary>County TCM hospital (县中医院).</summary>
    TcmHospital,

    /// <summary>Township health centre (乡镇卫生院).</summary>
    TownshipCentre,

    /// <summary>Village clinic (村卫生室).</summary>
    VillageClinic,

    /// <summary>Provider outside the county (县外医疗机构): not a member, but its claims are the residents' leakage.</summary>
    OutOfCounty,
}

/// <summary>A member institution of the alliance (医共体成员单位).</summary>
public sealed record AllianceMember
{
    /// <summary>Identifier used in claims (e.g. "CH", "TCM", "T01", "V001", "OUT").</summary>
    public required string Id { get; init; }

    /// <summary>Display name (may be Chinese).</summary>
    public required string Name { get; init; }

    /// <summary>Facility level.</summary>
    public required FacilityLevel Level { get; init; }

    /// <summary>True for institutions inside the county (in-county care); false for the out-of-county pseudo-member.</summary>
    public bool InCounty { get; init; } = true;

    /// <summary>True for the lead hospital (牵头医院).</summary>
    public bool IsLead { get; init; }

    /// <summary>DIP hospital coefficient (医疗机构等级系数), spec §1.4.</summary>
    public decimal DipCoefficient { get; init; } = 1m;

    /// <summary>DRG hospital coefficient (tiered base rate as a coefficient), spec §2.4.</summary>
    public decimal DrgCoefficient { get; init; } = 1m;

    /// <summary>Staff headcount, for per-staff bonus fairness measures.</summary>
    public int Staff { get; init; }

    /// <summary>Residents attributed to this member for capitation (家庭医生/基层签约 catchment); 0 when not capitated.</summary>
    public int Catchment { get; init; }

    /// <summary>Risk units of the catchment (Σ persons × risk weight, spec §4.3), used to risk-adjust capitation.</summary>
    public decimal CatchmentRiskUnits { get; init; }

    /// <summary>True for primary-care institutions (township centres and village clinics, 基层医疗卫生机构).</summary>
    [JsonIgnore]
    public bool IsPrimaryCare => Level is FacilityLevel.TownshipCentre or FacilityLevel.VillageClinic;
}

/// <summary>The insured population of the county by age band, sex and chronic condition (for capitation and weighted budgets).</summary>
public sealed record PopulationCell
{
    /// <summary>Age band label, e.g. "0-14", "15-44", "45-64", "65+".</summary>
    public required string AgeBand { get; init; }

    /// <summary>"F" or "M".</summary>
    public required string Sex { get; init; }

    /// <summary>True for persons with hypertension or diabetes (慢病).</summary>
    public bool Chronic { get; init; }

    /// <summary>Number of insured persons in the cell.</summary>
    public required int Persons { get; init; }

    /// <summary>Number of those with a family-doctor contract (家庭医生签约).</summary>
    public int Contracted { get; init; }
}

/// <summary>A county alliance: its members and its insured population (紧密型县域医共体).</summary>
public sealed record Alliance
{
    /// <summary>Display name.</summary>
    public required string Name { get; init; }

    /// <summary>Members including, optionally, an out-of-county pseudo-member for leakage claims.</summary>
    public required IReadOnlyList<AllianceMember> Members { get; init; }

    /// <summary>Insured population cells.</summary>
    public IReadOnlyList<PopulationCell> Population { get; init; } = [];

    /// <summary>Total insured persons.</summary>
    [JsonIgnore]
    public int Insured => Population.Sum(c => c.Persons);

    /// <summary>The member with <paramref name="id"/>; throws naming the id when unknown.</summary>
    public AllianceMember Member(string id) =>
        Members.FirstOrDefault(m => m.Id == id) ?? throw new KeyNotFoundException($"Unknown member id '{id}' (alliance '{Name}' has {Members.Count} members).");

    /// <summary>Index of each member id in <see cref="Members"/>.</summary>
    public IReadOnlyDictionary<string, int> MemberIndex() =>
        Members.Select((m, i) => (m.Id, i)).ToDictionary(t => t.Id, t => t.i, StringComparer.Ordinal);
}
