using System.Text.Json;
using System.Text.Json.Serialization;
using AllianceResearch.Payment.Distribution;
using AllianceResearch.Payment.Methods;
using AllianceResearch.Payment.Model;
using AllianceResearch.Payment.Settlement;

namespace AllianceResearch.Payment.Scenarios;

/// <summary>
/// A what-if scenario as data (schema in docs/scenarios.md): alliance, claims, budget, methods, settlement,
/// distribution, behavioural shifts and Monte Carlo. Paths are relative to the scenario file.
/// </summary>
public sealed record Scenario
{
    /// <summary>Scenario name.</summary>
    public required string Name { get; init; }

    /// <summary>What the scenario shows.</summary>
    public string? Description { get; init; }

    /// <summary>Path of the alliance JSON (ignored when claims are synthetic: the generator builds the alliance).</summary>
    public string? Alliance { get; init; }

    /// <summary>Where the claims come from.</summary>
    public required ClaimsSpec Claims { get; init; }

    /// <summary>Patients' benefit rules (null = <see cref="BenefitRules.Default"/>).</summary>
    public BenefitRules? Benefits { get; init; }

    /// <summary>The alliance's global budget (needed by globalBudget and composite methods).</summary>
    public BudgetSpec? Budget { get; init; }

    /// <summary>Methods to run on the same claims, in order.</summary>
    public required IReadOnlyList<MethodSpec> Methods { get; init; }

    /// <summary>Settlement rule.</summary>
    public SettlementSpec? Settlement { get; init; }

    /// <summary>Internal distribution of the retained surplus.</summary>
    public DistributionSpec? Distribution { get; init; }

    /// <summary>Behavioural shifts to compare against the baseline.</summary>
    public ShiftSpec? Shifts { get; init; }

    /// <summary>Monte Carlo over utilisation uncertainty.</summary>
    public MonteCarloSpec? MonteCarlo { get; init; }

    /// <summary>Incentive contracts, interpreted by AllianceResearch.Payment.Incentives (kept as raw JSON here).</summary>
    public JsonElement? Incentives { get; init; }
}

/// <summary>Claims source: a CSV path or the synthetic generator with a seed.</summary>
public sealed record ClaimsSpec
{
    /// <summary>CSV path (relative to the scenario file).</summary>
    public string? Path { get; init; }

    /// <summary>Seed of <see cref="Simulation.AllianceGenerator"/>, instead of a path.</summary>
    public ulong? SyntheticSeed { get; init; }
}

/// <summary>Budget-setting method of a scenario.</summary>
public enum BudgetMethod
{
    /// <summary>A fixed amount.</summary>
    Fixed,

    /// <summary>Historical: weighted (or plain) mean of past expenditures × (1 + growth).</summary>
    Historical,

    /// <summary>Flat per-capita.</summary>
    PerCapita,

    /// <summary>Document 004's weighted capitation.</summary>
    WeightedCapitation,

    /// <summary>A multiple of the baseline FFS fund spending of the claims (for teaching: 1.03 = 3 % above it).</summary>
    FfsMultiple,
}

/// <summary>Budget section.</summary>
public sealed record BudgetSpec
{
    /// <summary>Method.</summary>
    public required BudgetMethod Method { get; init; }

    /// <summary>Fixed amount.</summary>
    public decimal? Amount { get; init; }

    /// <summary>Past expenditures, oldest first (historical).</summary>
    public IReadOnlyList<decimal>? Expenditures { get; init; }

    /// <summary>History weights (historical; null = plain mean).</summary>
    public IReadOnlyList<decimal>? Weights { get; init; }

    /// <summary>Allowed growth.</summary>
    public decimal Growth { get; init; }

    /// <summary>Per-capita financing (perCapita).</summary>
    public decimal? PerCapitaFinancing { get; init; }

    /// <summary>Critical-illness premium deducted (perCapita).</summary>
    public decimal CriticalIllnessPremium { get; init; }

    /// <summary>Risk reserve rate (perCapita).</summary>
    public decimal RiskReserveRate { get; init; } = 0.03m;

    /// <summary>Other carve-outs (perCapita).</summary>
    public decimal CarveOuts { get; init; }

    /// <summary>Weighted capitation inputs (insured is taken from the alliance when 0).</summary>
    public Budgets.WeightedCapitationInputs? Weighted { get; init; }

    /// <summary>Weighted capitation parameters.</summary>
    public Budgets.WeightedCapitationParameters? WeightedParameters { get; init; }

    /// <summary>Multiple of FFS fund spending (ffsMultiple).</summary>
    public decimal? Multiple { get; init; }

    /// <summary>Full scope: the budget also pays residents' out-of-county care.</summary>
    public bool FullScope { get; init; } = true;
}

/// <summary>Kinds of payment method.</summary>
public enum MethodKind
{
    /// <summary>Fee-for-service.</summary>
    Ffs,

    /// <summary>Global budget.</summary>
    GlobalBudget,

    /// <summary>Outpatient capitation.</summary>
    Capitation,

    /// <summary>DRG.</summary>
    Drg,

    /// <summary>DIP.</summary>
    Dip,

    /// <summary>Per-diem.</summary>
    PerDiem,

    /// <summary>Composite (global budget + DRG/DIP + capitation).</summary>
    Composite,
}

/// <summary>One method with optional parameters.</summary>
public sealed record MethodSpec
{
    /// <summary>Kind.</summary>
    public required MethodKind Kind { get; init; }

    /// <summary>DRG parameters (drg, composite with inpatient = drg).</summary>
    public DrgParameters? Drg { get; init; }

    /// <summary>DIP parameters (dip, composite with inpatient = dip).</summary>
    public DipParameters? Dip { get; init; }

    /// <summary>Per-diem parameters.</summary>
    public PerDiemParameters? PerDiem { get; init; }

    /// <summary>Capitation parameters.</summary>
    public CapitationParameters? Capitation { get; init; }

    /// <summary>Inpatient valuation inside a composite.</summary>
    public InpatientValuation Inpatient { get; init; } = InpatientValuation.Dip;

    /// <summary>Builds the method.</summary>
    public IPaymentMethod Build() => Kind switch
    {
        MethodKind.Ffs => new FeeForServiceMethod(),
        MethodKind.GlobalBudget => new GlobalBudgetMethod(),
        MethodKind.Capitation => new CapitationMethod(Capitation),
        MethodKind.Drg => new DrgMethod(Drg),
        MethodKind.Dip => new DipMethod(Dip),
        MethodKind.PerDiem => new PerDiemMethod(PerDiem),
        MethodKind.Composite => new CompositeMethod(Inpatient, Drg, Dip, Capitation),
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "Unknown method kind."),
    };
}

/// <summary>Named corridor presets.</summary>
public enum CorridorPreset
{
    /// <summary><see cref="RiskCorridor.AntiStintingCap"/>.</summary>
    AntiStintingCap,

    /// <summary><see cref="RiskCorridor.RetainAllNoCompensation"/>.</summary>
    RetainAllNoCompensation,

    /// <summary><see cref="RiskCorridor.Document003MiddleStage"/>.</summary>
    Document003MiddleStage,
}

/// <summary>Settlement section: a preset or explicit corridor, and the year's context.</summary>
public sealed record SettlementSpec
{
    /// <summary>Preset (ignored when <see cref="Corridor"/> is given).</summary>
    public CorridorPreset Preset { get; init; } = CorridorPreset.AntiStintingCap;

    /// <summary>Explicit corridor.</summary>
    public RiskCorridor? Corridor { get; init; }

    /// <summary>Quality score 0–100 (null = no gate).</summary>
    public decimal? QualityScore { get; init; }

    /// <summary>Share of overrun caused by poor management.</summary>
    public decimal ManagementShareOfOverrun { get; init; }

    /// <summary>Share of the budget advanced during the year.</summary>
    public decimal PrepayRatio { get; init; } = 0.95m;

    /// <summary>The corridor to use.</summary>
    public RiskCorridor Resolve() => Corridor ?? Preset switch
    {
        CorridorPreset.AntiStintingCap => RiskCorridor.AntiStintingCap,
        CorridorPreset.RetainAllNoCompensation => RiskCorridor.RetainAllNoCompensation,
        CorridorPreset.Document003MiddleStage => RiskCorridor.Document003MiddleStage,
        _ => throw new ArgumentOutOfRangeException(nameof(Preset), Preset, "Unknown corridor preset."),
    };
}

/// <summary>Distribution section.</summary>
public sealed record DistributionSpec
{
    /// <summary>Fixed shares by use (null = none).</summary>
    public IReadOnlyList<UseShare>? Uses { get; init; }

    /// <summary>Member basis for the staff-reward share (or the whole pool when no uses).</summary>
    public DistributionBasis Basis { get; init; } = DistributionBasis.CaseMixWorkload;

    /// <summary>Index of the use whose money goes to members by <see cref="Basis"/> (null = the whole retained surplus).</summary>
    public int? MemberUse { get; init; }

    /// <summary>Assessment scores by member id for basis performanceScore (members not listed score 0).</summary>
    public IReadOnlyDictionary<string, decimal>? PerformanceScores { get; init; }
}

/// <summary>Behavioural shifts (what-if), applied deterministically with a seed.</summary>
public sealed record ShiftSpec
{
    /// <summary>Share of the county hospital's simple admissions (groups township centres treat) moved to township centres.</summary>
    public decimal CountyToTownship { get; init; }

    /// <summary>Relative reduction of length of stay.</summary>
    public decimal LosReduction { get; init; }

    /// <summary>Share of out-of-county admissions brought back to the county hospital (referral/retention).</summary>
    public decimal OutOfCountyReturn { get; init; }

    /// <summary>Relative reduction of drug cost.</summary>
    public decimal DrugReduction { get; init; }

    /// <summary>Share of a stay's cost that scales with its length (cost elasticity to LOS).</summary>
    public decimal LosCostElasticity { get; init; } = 0.5m;

    /// <summary>Seed selecting which cases move.</summary>
    public ulong Seed { get; init; } = 1;
}

/// <summary>Monte Carlo section.</summary>
public sealed record MonteCarloSpec
{
    /// <summary>Number of draws.</summary>
    public int Draws { get; init; } = 1000;

    /// <summary>Seed.</summary>
    public ulong Seed { get; init; } = 7;

    /// <summary>SD of the common utilisation factor (all members).</summary>
    public double CommonSd { get; init; } = 0.04;

    /// <summary>SD of each member × care-type factor.</summary>
    public double MemberSd { get; init; } = 0.05;
}

/// <summary>Loads scenario files with errors that name the file and the JSON path.</summary>
public static class ScenarioJson
{
    /// <summary>Options (shared with the alliance file).</summary>
    public static JsonSerializerOptions Options => AllianceJson.Options;

    /// <summary>Parses scenario JSON text; <paramref name="file"/> is used in messages.</summary>
    public static Scenario Parse(string json, string file)
    {
        Scenario? s;
        try
        {
            s = JsonSerializer.Deserialize<Scenario>(json, Options);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{file}: {e.Path ?? "$"}: {FirstLine(e.Message)}", e);
        }
        if (s is null) throw new InvalidDataException($"{file}: $: the file holds JSON null, not a scenario.");
        Validate(s, file);
        return s;
    }

    /// <summary>Loads a scenario file.</summary>
    public static Scenario Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Scenario file not found: {path}", path);
        return Parse(File.ReadAllText(path), path);
    }

    private static string FirstLine(string m) => m.Split('\n')[0].Trim();

    private static void Validate(Scenario s, string file)
    {
        void Fail(string path, string what) => throw new InvalidDataException($"{file}: {path}: {what}");
        if (string.IsNullOrWhiteSpace(s.Name)) Fail("$.name", "must not be empty.");
        if ((s.Claims.Path is null) == (s.Claims.SyntheticSeed is null)) Fail("$.claims", "give exactly one of 'path' or 'syntheticSeed'.");
        if (s.Claims.Path is not null && s.Alliance is null) Fail("$.alliance", "a claims CSV needs the alliance file it refers to.");
        if (s.Methods.Count == 0) Fail("$.methods", "list at least one method.");
        for (var i = 0; i < s.Methods.Count; i++)
            if (s.Methods[i].Kind is MethodKind.GlobalBudget or MethodKind.Composite && s.Budget is null)
                Fail($"$.methods[{i}].kind", $"'{s.Methods[i].Kind}' needs a 'budget' section.");
        if (s.Budget is { } b)
        {
            switch (b.Method)
            {
                case BudgetMethod.Fixed when b.Amount is null or <= 0m: Fail("$.budget.amount", "a fixed budget needs a positive amount."); break;
                case BudgetMethod.Historical when b.Expenditures is null || b.Expenditures.Count == 0: Fail("$.budget.expenditures", "a historical budget needs past expenditures."); break;
                case BudgetMethod.PerCapita when b.PerCapitaFinancing is null: Fail("$.budget.perCapitaFinancing", "a per-capita budget needs the per-capita financing."); break;
                case BudgetMethod.WeightedCapitation when b.Weighted is null: Fail("$.budget.weighted", "a weighted capitation budget needs its inputs."); break;
                case BudgetMethod.FfsMultiple when b.Multiple is null or <= 0m: Fail("$.budget.multiple", "needs a positive multiple."); break;
            }
        }
        if (s.Settlement is { } st)
        {
            try { st.Resolve().Validate(); }
            catch (ArgumentException e) { Fail("$.settlement.corridor", e.Message); }
            if (st.ManagementShareOfOverrun is < 0m or > 1m) Fail("$.settlement.managementShareOfOverrun", "must lie in [0, 1].");
            if (st.QualityScore is < 0m or > 100m) Fail("$.settlement.qualityScore", "must lie in [0, 100].");
            if (st.PrepayRatio is < 0m or > 1m) Fail("$.settlement.prepayRatio", "must lie in [0, 1].");
        }
        if (s.Distribution?.Uses is { } uses && uses.Sum(u => u.Share) != 1m) Fail("$.distribution.uses", $"shares must sum to 1, got {uses.Sum(u => u.Share)}.");
        if (s.Distribution is { MemberUse: { } mu } && (s.Distribution.Uses is null || mu < 0 || mu >= s.Distribution.Uses.Count)) Fail("$.distribution.memberUse", "must index one of 'uses'.");
        if (s.Distribution is { Basis: DistributionBasis.PerformanceScore, PerformanceScores: null }) Fail("$.distribution.performanceScores", "basis performanceScore needs a score per member.");
        if (s.Distribution?.PerformanceScores is { } ps)
            foreach (var (id, v) in ps) if (v < 0m) Fail($"$.distribution.performanceScores.{id}", $"scores cannot be negative, got {v}.");
        if (s.Shifts is { } sh)
        {
            foreach (var (name, v) in new[] { ("countyToTownship", sh.CountyToTownship), ("losReduction", sh.LosReduction), ("outOfCountyReturn", sh.OutOfCountyReturn), ("drugReduction", sh.DrugReduction), ("losCostElasticity", sh.LosCostElasticity) })
                if (v is < 0m or > 1m) Fail($"$.shifts.{name}", $"must lie in [0, 1], got {v}.");
        }
        if (s.MonteCarlo is { } mc && (mc.Draws < 1 || mc.CommonSd < 0 || mc.MemberSd < 0)) Fail("$.monteCarlo", "draws must be ≥ 1 and SDs ≥ 0.");
    }
}
