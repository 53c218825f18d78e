using AllianceResearch.Indicators;

namespace AllianceResearch.Simulation;

/// <summary>
/// How one outcome of the synthetic county panel is generated: its indicator, calibration targets,
/// variance components, secular trend and true reform effect. Values in the units of the column.
/// </summary>
/// <param name="Column">CSV column name (snake_case).</param>
/// <param name="IndicatorId">Id of the matching seven-dimension indicator in the registry (e.g. "P2").</param>
/// <param name="NameEn">English name.</param>
/// <param name="NameZh">Chinese name (中文名称).</param>
/// <param name="Dimension">Which of the seven evaluation dimensions the outcome belongs to.</param>
/// <param name="Direction">Which way is an improvement.</param>
/// <param name="Unit">Unit label ("%", "CNY", "score").</param>
/// <param name="Decimals">Fixed decimals written to the CSV.</param>
/// <param name="Target2019">Mean of the 2019 pilot cohort in 2019 the panel is calibrated to, or null.</param>
/// <param name="Target2020">Mean of the 2019 pilot cohort in 2020 the panel is calibrated to, or null.</param>
/// <param name="IllustrativeLevel">2019 pilot mean used when no document states a level (not a source figure).</param>
/// <param name="SecularSlope">Untreated common change per year.</param>
/// <param name="Shock2020">Common 2020 shock used when the 2019→2020 change is not calibrated.</param>
/// <param name="ShockPersistence">Share of the 2020 shock that remains each following year.</param>
/// <param name="CountySd">Standard deviation of the county level (fixed effect).</param>
/// <param name="ProvinceSd">Standard deviation of the province level.</param>
/// <param name="ProvinceYearSd">Standard deviation of province-by-year shocks (makes clustering matter).</param>
/// <param name="NoiseSd">Standard deviation of the county-year idiosyncratic noise.</param>
/// <param name="FullEffect">True effect at full exposure for the 2019 cohort (cohort multiplier 1).</param>
/// <param name="BetaLogGdp">Effect of log GDP per capita (relative to 35,000 CNY).</param>
/// <param name="BetaElderly">Effect of the elderly share (per percentage point above 12 %).</param>
/// <param name="Lower">Lowest valid value (values are clipped to the valid range).</param>
/// <param name="Upper">Highest valid value.</param>
/// <param name="Calibration">Where the level comes from, for the catalogue.</param>
public sealed record PanelOutcomeSpec(
    string Column, string IndicatorId, string NameEn, string NameZh, EvaluationDimension Dimension,
    ImprovementDirection Direction, string Unit, int Decimals,
    double? Target2019, double? Target2020, double IllustrativeLevel,
    double SecularSlope, double Shock2020, double ShockPersistence,
    double CountySd, double ProvinceSd, double ProvinceYearSd, double NoiseSd,
    double FullEffect, double BetaLogGdp, double BetaElderly, double Lower, double Upper,
    string Calibration);

/// <summary>The sixteen outcomes of the synthetic county panel, two or three per evaluation dimension.</summary>
public static class CountyPanelOutcomes
{
    private const string Doc002 = "002_14a4fbf448a5212e.txt";

    /// <summary>All outcome specifications in CSV column order.</summary>
    public static IReadOnlyList<PanelOutcomeSpec> All { get; } =
    [
        // Fund operation (基金运行): document 002 states both years for D1; D2's 2019 is derived there (2020 − change).
        new("fund_in_county_rate", "F8", "Insurance fund in-county expenditure rate", "医保基金县域内支出率",
            EvaluationDimension.FundOperation, ImprovementDirection.HigherIsBetter, "%", 2,
            64.76, 65.81, 64.76, -0.30, 0, 0.5, 6.0, 3.0, 0.4, 1.2, 2.0, -1.5, 0, 0, 100,
            $"2019 64.76 and 2020 65.81 stated in {Doc002}"),
        new("primary_fund_share", "F9", "Primary-care share of in-county insurance fund", "县域内基层医疗卫生机构医保基金占比",
            EvaluationDimension.FundOperation, ImprovementDirection.HigherIsBetter, "%", 2,
            16.61, 16.49, 16.61, -0.30, 0, 0.5, 3.5, 1.5, 0.3, 0.8, -0.4, -0.8, 0, 0, 100,
            $"2020 16.49 stated in {Doc002}; 2019 16.61 derived (2020 − change −0.12)"),
        // Cost control (费用控制).
        new("hospitalisation_rate", "K10", "Annual hospitalisation rate of insured", "参保人员住院率",
            EvaluationDimension.CostControl, ImprovementDirection.LowerIsBetter, "%", 2,
            24.0, 15.04, 24.0, 0.40, 0, 0.5, 3.0, 1.5, 0.3, 0.9, -1.0, 0.5, 0.3, 0, 100,
            $"2019 24 and 2020 15.04 stated in {Doc002}"),
        new("cost_per_admission", "K2", "Cost per admission", "次均住院费用",
            EvaluationDimension.CostControl, ImprovementDirection.LowerIsBetter, "CNY", 2,
            null, null, 6500.0, 250.0, 150.0, 0.5, 800.0, 400.0, 60.0, 250.0, -350.0, 800.0, 0, 0, 1e9,
            "illustrative level (no document figure)"),
        new("drug_share", "K5", "Drug share of medical revenue", "药占比",
            EvaluationDimension.CostControl, ImprovementDirection.LowerIsBetter, "%", 2,
            null, null, 32.0, -0.80, 0, 0.5, 4.0, 2.0, 0.3, 1.0, -1.5, -1.0, 0, 0, 100,
            "illustrative level (no document figure)"),
        // Patient flow (就医流向): document 002 states 2020 values and changes; 2019 derived.
        new("in_county_admission_share", "P2", "In-county share of inpatient admissions", "县域内住院人次占比",
            EvaluationDimension.PatientFlow, ImprovementDirection.HigherIsBetter, "%", 2,
            75.57, 78.05, 75.57, -0.30, 0, 0.5, 4.5, 2.0, 0.4, 1.2, 3.0, -2.0, 0, 0, 100,
            $"2020 78.05 stated in {Doc002}; 2019 75.57 derived (2020 − change +2.48)"),
        new("in_county_visit_rate", "P1", "In-county visit rate", "县域内就诊率",
            EvaluationDimension.PatientFlow, ImprovementDirection.HigherIsBetter, "%", 2,
            84.26, 90.24, 84.26, 0.20, 0, 0.5, 2.2, 1.0, 0.3, 0.8, 3.5, -1.5, 0, 0, 100,
            $"2020 90.24 stated in {Doc002}; 2019 84.26 derived (2020 − change +5.98)"),
        new("primary_outpatient_share", "P3", "Primary-care share of outpatient and emergency visits", "县域内基层医疗卫生机构门急诊占比",
            EvaluationDimension.PatientFlow, ImprovementDirection.HigherIsBetter, "%", 2,
            52.81, 55.13, 52.81, -0.40, 0, 0.5, 7.0, 3.0, 0.4, 1.3, 2.0, -2.5, 0, 0, 100,
            $"2020 55.13 stated in {Doc002}; 2019 52.81 derived (2020 − change +2.32)"),
        // Compensation level (补偿水平).
        new("actual_reimbursement_ratio", "R1", "Actual reimbursement ratio", "实际报销比例",
            EvaluationDimension.CompensationLevel, ImprovementDirection.HigherIsBetter, "%", 2,
            null, 61.18, 59.0, 0.30, 0, 0.5, 4.0, 2.0, 0.3, 1.0, 2.0, 0.5, 0, 0, 100,
            $"2020 61.18 stated in {Doc002} (no 2019 value stated)"),
        new("policy_reimbursement_ratio", "R2", "Policy-scope (compliant-cost) reimbursement ratio", "政策范围内报销比例",
            EvaluationDimension.CompensationLevel, ImprovementDirection.HigherIsBetter, "%", 2,
            null, null, 68.0, 0.20, 0, 0.5, 3.5, 1.5, 0.5, 2.5, 0.3, 0.3, 0, 0, 100,
            "illustrative level (no document figure)"),
        // Financial burden (经济负担).
        new("oop_share", "O1", "Out-of-pocket share of total cost", "个人负担比例",
            EvaluationDimension.FinancialBurden, ImprovementDirection.LowerIsBetter, "%", 2,
            null, null, 36.0, -0.30, 0, 0.5, 4.0, 2.0, 0.3, 1.0, -1.5, -0.5, 0, 0, 100,
            "illustrative level (no document figure)"),
        new("oop_per_admission", "O2", "Out-of-pocket cost per admission", "次均自付费用",
            EvaluationDimension.FinancialBurden, ImprovementDirection.LowerIsBetter, "CNY", 2,
            null, null, 2300.0, 60.0, 40.0, 0.5, 350.0, 150.0, 25.0, 120.0, -250.0, 300.0, 0, 0, 1e9,
            "illustrative level (no document figure)"),
        // Satisfaction (满意度): the review reports satisfaction stayed high, so the true effect is zero.
        new("inpatient_satisfaction", "S2", "Inpatient satisfaction score", "住院患者满意度",
            EvaluationDimension.Satisfaction, ImprovementDirection.HigherIsBetter, "score", 2,
            null, null, 88.0, 0.10, 0, 0.5, 2.0, 1.0, 0.3, 1.2, 0.0, 0.0, 0, 0, 100,
            "illustrative level (no document figure)"),
        // Quality (质量).
        new("grade34_surgery_share", "Q3", "Lead hospital grade 3/4 surgery share of discharges", "牵头医院出院患者三、四级手术占比",
            EvaluationDimension.Quality, ImprovementDirection.HigherIsBetter, "%", 2,
            38.25, 41.71, 38.25, 0.90, 0, 0.5, 7.0, 3.0, 0.5, 1.5, 2.5, 2.0, 0, 0, 100,
            $"2019 38.25 and 2020 41.71 stated in {Doc002}"),
        new("chronic_disease_mgmt_rate", "Q9", "Primary-care chronic-disease management rate", "基层慢病患者管理率",
            EvaluationDimension.Quality, ImprovementDirection.HigherIsBetter, "%", 2,
            74.61, 76.85, 74.61, 0.80, 0, 0.5, 4.0, 2.0, 0.4, 1.3, 2.0, 0.0, 0, 0, 100,
            $"2020 76.85 stated in {Doc002}; 2019 74.61 derived (2020 − change +2.24)"),
        new("family_doctor_contract_rate", "Q7", "Family-doctor contract rate", "家庭医生签约率",
            EvaluationDimension.Quality, ImprovementDirection.HigherIsBetter, "%", 2,
            null, null, 38.0, 1.00, 0, 0.5, 6.0, 3.0, 0.5, 1.5, 4.0, 0.0, 0, 0, 100,
            "illustrative level (no document figure)"),
    ];

    /// <summary>Finds an outcome by its column name; throws listing the valid names.</summary>
    public static PanelOutcomeSpec ByColumn(string column) =>
        All.FirstOrDefault(o => o.Column == column)
        ?? throw new ArgumentException(
            $"Unknown panel outcome '{column}'. Valid: {string.Join(", ", All.Select(o => o.Column))}.", nameof(column));
}
