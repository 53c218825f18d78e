using System.Text;
using AllianceResearch.Presentation;

namespace AllianceResearch.Payment.Budgets;

/// <summary>Historical budget (历史费用法), spec §3.3.1: B = Σ w_t × Exp(Y−t) × (1 + g) × (1 + Δpop) + policy adjustment.</summary>
public static class HistoricalBudget
{
    /// <summary>
    /// Budget from past expenditures (oldest first) and weights (same length, summing to 1; null = plain mean of the
    /// last k years, the "mean of the last k years" rule), grown by <paramref name="growth"/>. Rounded to the fen.
    /// </summary>
    public static decimal Compute(IReadOnlyList<decimal> expenditures, decimal growth, IReadOnlyList<decimal>? weights = null, decimal populationChange = 0m, decimal policyAdjustment = 0m)
    {
        ArgumentNullException.ThrowIfNull(expenditures);
        if (expenditures.Count == 0) throw new ArgumentException("At least one past year's expenditure is required.", nameof(expenditures));
        weights ??= Enumerable.Repeat(1m / expenditures.Count, expenditures.Count).ToArray();
        if (weights.Count != expenditures.Count) throw new ArgumentException($"{weights.Count} weights for {expenditures.Count} years.", nameof(weights));
        if (Math.Abs(weights.Sum() - 1m) > 1e-9m) throw new ArgumentException($"History weights must sum to 1, got {weights.Sum()}.", nameof(weights));
        var baseAmount = 0m;
        for (var i = 0; i < expenditures.Count; i++) baseAmount += weights[i] * expenditures[i];
        return PaymentMath.Money(baseAmount * (1m + growth) * (1m + populationChange) + policyAdjustment);
    }
}

/// <summary>Flat per-capita budget (按人头总额), spec §3.3.2: fund income minus premium, reserve and carve-outs.</summary>
public static class PerCapitaBudget
{
    /// <summary>B = insured × per-capita financing − critical-illness premium − reserve rate × income − carve-outs (to the fen).</summary>
    public static decimal Compute(int insured, decimal perCapitaFinancing, decimal criticalIllnessPremium = 0m, decimal riskReserveRate = 0.03m, decimal carveOuts = 0m)
    {
        if (insured < 0) throw new ArgumentOutOfRangeException(nameof(insured), insured, "Insured persons cannot be negative.");
        var income = insured * perCapitaFinancing;
        return PaymentMath.Money(income - criticalIllnessPremium - riskReserveRate * income - carveOuts);
    }
}

/// <summary>Functional form of the weighted capitation budget.</summary>
public enum WeightedCapitationForm
{
    /// <summary>PerCapita = base × Π indices (history damped by λ).</summary>
    Multiplicative,

    /// <summary>PerCapita = base × Σ ω_k × index_k (weights sum to 1).</summary>
    Additive,
}

/// <summary>
/// Inputs of document 004's weighted capitation budget (人头加权预算). Each factor is an index relative to
/// the reference population (1.00 = reference) and each has a weight; every one is a parameter.
/// </summary>
public sealed record WeightedCapitationInputs
{
    /// <summary>Insured persons.</summary>
    public required int Insured { get; init; }

    /// <summary>Base per-capita amount (e.g. reference spending × (1 + growth)).</summary>
    public required decimal BasePerCapita { get; init; }

    /// <summary>Population structure index I_pop (age–sex cost weights).</summary>
    public decimal PopulationStructure { get; init; } = 1m;

    /// <summary>Disease spectrum index I_disease (chronic prevalence).</summary>
    public decimal DiseaseSpectrum { get; init; } = 1m;

    /// <summary>Past costs ratio HistPerCapita / reference (inpatient, outpatient, rehabilitation combined).</summary>
    public decimal PastCosts { get; init; } = 1m;

    /// <summary>Economic level index I_econ.</summary>
    public decimal EconomicLevel { get; init; } = 1m;

    /// <summary>Family-doctor contract performance index.</summary>
    public decimal FamilyDoctorPerformance { get; init; } = 1m;

    /// <summary>Regional health-performance index.</summary>
    public decimal HealthPerformance { get; init; } = 1m;

    /// <summary>Health score in [0, 1] that releases the outcome reward (multiplicative form).</summary>
    public decimal HealthScore { get; init; } = 1m;
}

/// <summary>Parameters of the weighted capitation budget (spec Appendix A.3 'wc.*').</summary>
public sealed record WeightedCapitationParameters
{
    /// <summary>Form.</summary>
    public WeightedCapitationForm Form { get; init; } = WeightedCapitationForm.Multiplicative;

    /// <summary>λ damping of the past-cost ratio: I_hist = 1 + λ (ratio − 1) (dampens FFS-era inflation).</summary>
    public decimal HistoryDamping { get; init; } = 0.3m;

    /// <summary>Share r of the budget held back for the health-outcome reward.</summary>
    public decimal OutcomeHoldback { get; init; } = 0.03m;

    /// <summary>Additive weights: population structure.</summary>
    public decimal WeightPopulation { get; init; } = 0.30m;

    /// <summary>Additive weights: disease spectrum.</summary>
    public decimal WeightDisease { get; init; } = 0.25m;

    /// <summary>Additive weights: past costs.</summary>
    public decimal WeightPastCosts { get; init; } = 0.20m;

    /// <summary>Additive weights: economic level.</summary>
    public decimal WeightEconomic { get; init; } = 0.10m;

    /// <summary>Additive weights: health performance.</summary>
    public decimal WeightHealth { get; init; } = 0.10m;

    /// <summary>Additive weights: family-doctor performance.</summary>
    public decimal WeightFamilyDoctor { get; init; } = 0.05m;
}

/// <summary>Result of the weighted capitation budget.</summary>
[TypeFormatterSource(typeof(LibraryFormatterSource))]
public sealed record WeightedCapitationBudget : IHtmlRenderable
{
    /// <summary>Combined index.</summary>
    public required decimal Index { get; init; }

    /// <summary>Per-capita amount (to the fen).</summary>
    public required decimal PerCapita { get; init; }

    /// <summary>Insured × per capita (before holdback).</summary>
    public required decimal Gross { get; init; }

    /// <summary>Prospective budget = gross × (1 − r).</summary>
    public required decimal Prospective { get; init; }

    /// <summary>Outcome reward pool = gross × r.</summary>
    public required decimal RewardPool { get; init; }

    /// <summary>Reward paid = pool × health score.</summary>
    public required decimal RewardPaid { get; init; }

    /// <summary>The formula used, in words.</summary>
    public required string Formula { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        $"Weighted capitation: index {PaymentMath.Num(Index, "0.######")}, per capita {PaymentMath.Yuan(PerCapita)}, prospective {PaymentMath.Yuan(Prospective)}, reward pool {PaymentMath.Yuan(RewardPool)} (paid {PaymentMath.Yuan(RewardPaid)})\n  {Formula}";

    /// <inheritdoc />
    public string ToHtml() => PaymentMath.HtmlTable("Weighted capitation budget (人头加权预算) — " + Formula, ["Item", "Value"],
    [
        ["Index", PaymentMath.Num(Index, "0.######")], ["Per capita", PaymentMath.Yuan(PerCapita)], ["Gross", PaymentMath.Yuan(Gross)],
        ["Prospective budget", PaymentMath.Yuan(Prospective)], ["Reward pool", PaymentMath.Yuan(RewardPool)], ["Reward paid", PaymentMath.Yuan(RewardPaid)],
    ]);
}

/// <summary>
/// Document 004's weighted capitation budget (spec §3.3.3). Multiplicative:
/// <c>PerCapita = Base × I_pop × I_disease × I_econ × I_hist</c>, <c>I_hist = 1 + λ(past − 1)</c>, family-doctor
/// and health performance entering through the reward (<c>Reward = Gross × r × HealthScore</c>).
/// Additive: <c>PerCapita = Base × Σ ω_k Index_k</c> over all six factors (ω sum to 1), the reward likewise.
/// </summary>
public static class WeightedCapitation
{
    /// <summary>Computes the budget; throws when additive weights do not sum to 1.</summary>
    public static WeightedCapitationBudget Compute(WeightedCapitationInputs x, WeightedCapitationParameters? p = null)
    {
        p ??= new WeightedCapitationParameters();
        if (p.OutcomeHoldback is < 0m or > 1m) throw new ArgumentOutOfRangeException(nameof(p), p.OutcomeHoldback, "outcomeHoldback: must lie in [0, 1].");
        if (x.HealthScore is < 0m or > 1m) throw new ArgumentOutOfRangeException(nameof(x), x.HealthScore, "healthScore: must lie in [0, 1].");
        decimal index; string formula;
        if (p.Form == WeightedCapitationForm.Multiplicative)
        {
            var hist = 1m + p.HistoryDamping * (x.PastCosts - 1m);
            index = x.PopulationStructure * x.DiseaseSpectrum * x.EconomicLevel * PaymentMath.Coef(hist);
            formula = $"PerCapita = Base × I_pop × I_disease × I_econ × (1 + λ(past − 1)), λ = {PaymentMath.Num(p.HistoryDamping)}; reward = gross × r × health score, r = {PaymentMath.Num(p.OutcomeHoldback)}";
        }
        else
        {
            var w = p.WeightPopulation + p.WeightDisease + p.WeightPastCosts + p.WeightEconomic + p.WeightHealth + p.WeightFamilyDoctor;
            if (w != 1m) throw new ArgumentException($"Additive weights must sum to 1, got {w}.", nameof(p));
            index = p.WeightPopulation * x.PopulationStructure + p.WeightDisease * x.DiseaseSpectrum + p.WeightPastCosts * x.PastCosts
                    + p.WeightEconomic * x.EconomicLevel + p.WeightHealth * x.HealthPerformance + p.WeightFamilyDoctor * x.FamilyDoctorPerformance;
            formula = "PerCapita = Base × Σ ω_k × Index_k (population, disease, past costs, economy, health performance, family doctor)";
        }
        var perCapita = PaymentMath.Money(x.BasePerCapita * index);
        var gross = PaymentMath.Money(x.Insured * x.BasePerCapita * index);
        var prospective = PaymentMath.Money(gross * (1m - p.OutcomeHoldback));
        var pool = gross - prospective;
        return new WeightedCapitationBudget
        {
            Index = index, PerCapita = perCapita, Gross = gross, Prospective = prospective, RewardPool = pool,
            RewardPaid = PaymentMath.Money(pool * x.HealthScore), Formula = formula,
        };
    }
}

/// <summary>One year of the budget comparison.</summary>
/// <param name="Year">Year index (1 = first budget year).</param>
/// <param name="FfsSpending">Fund spending had FFS continued (supplier-induced growth).</param>
/// <param name="HistoricalBudget">Mean of the last k years of FFS spending × (1 + growth).</param>
/// <param name="PerCapitaBudget">Flat per-capita budget growing with financing.</param>
/// <param name="WeightedBudget">Weighted capitation budget (need-based; history damped by λ).</param>
public sealed record BudgetComparisonRow(int Year, decimal FfsSpending, decimal HistoricalBudget, decimal PerCapitaBudget, decimal WeightedBudget)
{
    /// <summary>How far the history-based budget exceeds the per-capita budget.</summary>
    public decimal HistoricalInflation => PerCapitaBudget == 0m ? 0m : HistoricalBudget / PerCapitaBudget - 1m;
}

/// <summary>
/// Side-by-side budgets over the years, showing how a history-based budget inherits the inflation of years of
/// fee-for-service (document 000: budgets from 3–5 years of FFS spending are inflated) while per-capita and
/// weighted capitation budgets follow need.
/// </summary>
[TypeFormatterSource(typeof(LibraryFormatterSource))]
public sealed record BudgetComparison : IHtmlRenderable
{
    /// <summary>Rows by year.</summary>
    public required IReadOnlyList<BudgetComparisonRow> Rows { get; init; }

    /// <summary>Assumptions in words.</summary>
    public required string Assumptions { get; init; }

    /// <summary>
    /// Projects <paramref name="years"/> years: FFS spending grows by <paramref name="ffsGrowth"/> a year from
    /// <paramref name="startSpending"/>; the per-capita budget starts at the need level <paramref name="needSpending"/>
    /// and grows by <paramref name="financingGrowth"/>; the historical budget is the mean of the last k FFS years
    /// × (1 + allowed growth); the weighted budget is the per-capita budget × (1 + λ(past/need − 1)).
    /// </summary>
    public static BudgetComparison Project(decimal startSpending, decimal needSpending, decimal ffsGrowth, decimal financingGrowth, decimal allowedGrowth,
        int k = 3, int years = 8, decimal historyDamping = 0.3m)
    {
        if (k < 1 || years < 1) throw new ArgumentOutOfRangeException(nameof(k), "k and years must be at least 1.");
        var spend = new List<decimal>();
        var s = startSpending;
        for (var i = 0; i < k; i++) { spend.Add(s); s *= 1m + ffsGrowth; }
        var rows = new List<BudgetComparisonRow>();
        var need = needSpending;
        for (var y = 1; y <= years; y++)
        {
            var hist = HistoricalBudget.Compute(spend.Skip(spend.Count - k).ToArray(), allowedGrowth);
            var past = spend.Skip(spend.Count - k).Average();
            var perCap = PaymentMath.Money(need);
            var weighted = PaymentMath.Money(need * (1m + historyDamping * (past / need - 1m)));
            rows.Add(new(y, PaymentMath.Money(s), hist, perCap, weighted));
            spend.Add(s);
            s *= 1m + ffsGrowth;
            need *= 1m + financingGrowth;
        }
        return new BudgetComparison
        {
            Rows = rows,
            Assumptions = $"FFS growth {PaymentMath.Pct(ffsGrowth)}/yr, financing growth {PaymentMath.Pct(financingGrowth)}/yr, historical = mean of last {k} years × (1 + {PaymentMath.Pct(allowedGrowth)}), λ = {PaymentMath.Num(historyDamping)}",
        };
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new StringBuilder("Budget comparison — ").AppendLine(Assumptions);
        sb.Append(PaymentMath.TextTable(["Year", "FFS spending", "Historical", "Per-capita", "Weighted", "Hist. inflation"],
            Rows.Select(r => (IReadOnlyList<string>)[r.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), PaymentMath.Yuan(r.FfsSpending), PaymentMath.Yuan(r.HistoricalBudget), PaymentMath.Yuan(r.PerCapitaBudget), PaymentMath.Yuan(r.WeightedBudget), PaymentMath.Pct(PaymentMath.Coef(r.HistoricalInflation))])));
        return sb.ToString();
    }

    /// <inheritdoc />
    public string ToHtml() => PaymentMath.HtmlTable("Budget methods side by side — " + Assumptions, ["Year", "FFS spending", "Historical", "Per-capita", "Weighted", "Hist. inflation"],
        Rows.Select(r => (IReadOnlyList<string>)[r.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), PaymentMath.Yuan(r.FfsSpending), PaymentMath.Yuan(r.HistoricalBudget), PaymentMath.Yuan(r.PerCapitaBudget), PaymentMath.Yuan(r.WeightedBudget), PaymentMath.Pct(PaymentMath.Coef(r.HistoricalInflation))]));
}
