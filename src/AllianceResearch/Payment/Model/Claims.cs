namespace AllianceResearch.Payment.Model;

/// <summary>Outpatient (门诊) or inpatient (住院) claim.</summary>
public enum ClaimType : byte
{
    /// <summary>Outpatient or emergency visit.</summary>
    Outpatient = 0,

    /// <summary>Inpatient admission (one discharge).</summary>
    Inpatient = 1,
}

/// <summary>
/// One settled claim (医保结算记录), allocation-free: member and group are indexes into the source's tables
/// (the alliance member list and <see cref="IClaimsSource.Groups"/>). Money is decimal yuan.
/// </summary>
/// <param name="ClaimId">Claim identifier.</param>
/// <param name="PatientId">Patient identifier.</param>
/// <param name="Member">Index of the treating member (provider) in the alliance's member list.</param>
/// <param name="Age">Patient age in years.</param>
/// <param name="Female">True for female patients.</param>
/// <param name="Type">Outpatient or inpatient.</param>
/// <param name="Group">Index of the DRG/DIP group (inpatient) or visit category (outpatient) in the group table.</param>
/// <param name="LengthOfStay">Length of stay in days (0 for outpatient).</param>
/// <param name="TotalCost">Total medical cost (医疗总费用) = charges under item-based pricing.</param>
/// <param name="ReimbursableCost">Policy-scope (reimbursable) cost (政策范围内费用), ≤ total cost.</param>
/// <param name="DrugCost">Drug cost included in the total (药品费用).</param>
/// <param name="Referred">True when the patient came by referral (转诊).</param>
public readonly record struct Claim(
    long ClaimId, long PatientId, int Member, int Age, bool Female, ClaimType Type, int Group,
    int LengthOfStay, decimal TotalCost, decimal ReimbursableCost, decimal DrugCost, bool Referred);

/// <summary>Interns group codes (DRG/DIP group or outpatient category) to small integer indexes.</summary>
public sealed class GroupTable
{
    private readonly List<string> codes = [];
    private readonly Dictionary<string, int> index = new(StringComparer.Ordinal);

    /// <summary>Number of distinct codes.</summary>
    public int Count => codes.Count;

    /// <summary>The code of index <paramref name="group"/>.</summary>
    public string this[int group] => codes[group];

    /// <summary>All codes in index order.</summary>
    public IReadOnlyList<string> Codes => codes;

    /// <summary>The index of <paramref name="code"/>, adding it when new.</summary>
    public int Intern(string code)
    {
        if (index.TryGetValue(code, out var i)) return i;
        i = codes.Count;
        codes.Add(code);
        index.Add(code, i);
        return i;
    }

    /// <summary>The index of <paramref name="code"/>, or −1.</summary>
    public int IndexOf(string code) => index.TryGetValue(code, out var i) ? i : -1;
}

/// <summary>
/// A re-readable stream of claims. Methods that need several passes (weights, then payment) call
/// <see cref="Read"/> more than once, so a file-backed source never holds the whole file in memory.
/// </summary>
public interface IClaimsSource
{
    /// <summary>The alliance the claims' member indexes refer to.</summary>
    Alliance Alliance { get; }

    /// <summary>Group codes referenced by <see cref="Claim.Group"/>; grows while reading a file.</summary>
    GroupTable Groups { get; }

    /// <summary>Where the claims come from (for messages and provenance).</summary>
    string Description { get; }

    /// <summary>One pass over the claims, in file order.</summary>
    IEnumerable<Claim> Read();
}

/// <summary>Claims held in memory (synthetic, transformed or test data).</summary>
public sealed class InMemoryClaims : IClaimsSource
{
    private readonly Claim[] claims;

    /// <summary>Wraps <paramref name="claims"/> (copied, so later changes to the caller's list do not leak in).</summary>
    public InMemoryClaims(Alliance alliance, GroupTable groups, IEnumerable<Claim> claims, string description = "in-memory claims")
    {
        Alliance = alliance;
        Groups = groups;
        this.claims = claims.ToArray();
        Description = description;
    }

    /// <inheritdoc />
    public Alliance Alliance { get; }

    /// <inheritdoc />
    public GroupTable Groups { get; }

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>Number of claims.</summary>
    public int Count => claims.Length;

    /// <inheritdoc />
    public IEnumerable<Claim> Read() => claims;
}
