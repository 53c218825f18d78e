using AllianceResearch.Presentation;
using static AllianceResearch.Indicators.EvaluationDimension;
using static AllianceResearch.Indicators.ImprovementDirection;
using static AllianceResearch.Indicators.MonitoringAspect;

namespace AllianceResearch.Indicators;

/// <summary>
/// The indicator registry: the national monitoring indicator system (aspects A–D, as laid out in the
/// domain notes §6.3 from the 2020 system and the indicators document 002 reports) and the indicators
/// of the seven evaluation dimensions of document 000 (domain notes §7). Ids keep the domain notes'
/// codes, except that §7.4's compensation codes C1–C6 are R1–R6 here and §7.5's burden codes B1–B5 are
/// O1–O5, so that no id collides with the monitoring system's B and C codes.
/// </summary>
[TypeFormatterSource(typeof(LibraryFormatterSource))]
public sealed class IndicatorRegistry : IHtmlRenderable
{
    private const string Doc002 = "002_14a4fbf448a5212e.txt (reported 2019→2020)";
    private const string Mon = "domain notes §6.3 (monitoring system)";
    private const string Sev = "domain notes §7";
    private const decimal Pct = 100m;
    private const decimal Big = 1_000_000_000_000m;

    private readonly Dictionary<string, IndicatorDefinition> byId;

    private IndicatorRegistry(IReadOnlyList<IndicatorDefinition> all)
    {
        All = all;
        byId = new Dictionary<string, IndicatorDefinition>(StringComparer.Ordinal);
        foreach (var d in all)
        {
            if (!byId.TryAdd(d.Id, d)) throw new InvalidOperationException($"Duplicate indicator id {d.Id} in the registry.");
        }
    }

    /// <summary>The built-in registry.</summary>
    public static IndicatorRegistry Default { get; } = new(Build());

    /// <summary>Every indicator, monitoring system first, then the seven dimensions in order.</summary>
    public IReadOnlyList<IndicatorDefinition> All { get; }

    /// <summary>An indicator by id; throws listing near ids when unknown.</summary>
    public IndicatorDefinition this[string id] => byId.TryGetValue(id, out var d) ? d
        : throw new KeyNotFoundException($"No indicator '{id}' in the registry. Ids: {string.Join(", ", byId.Keys)}.");

    /// <summary>Whether the registry holds <paramref name="id"/>.</summary>
    public bool Contains(string id) => byId.ContainsKey(id);

    /// <summary>The indicators of one evaluation dimension.</summary>
    public IReadOnlyList<IndicatorDefinition> InDimension(EvaluationDimension dimension) =>
        All.Where(d => d.Dimension == dimension && d.Aspect is null).ToList();

    /// <summary>The indicators of the national monitoring system.</summary>
    public IReadOnlyList<IndicatorDefinition> MonitoringSystem => All.Where(d => d.Aspect is not null).ToList();

    /// <summary>Computes every listed indicator from one set of counts (one county or alliance, one period).</summary>
    public IReadOnlyDictionary<string, decimal> ComputeAll(IEnumerable<string> ids, IReadOnlyDictionary<string, decimal> counts) =>
        ids.ToDictionary(id => id, id => this[id].Compute(counts));

    /// <inheritdoc />
    public string ToHtml()
    {
        var sb = new System.Text.StringBuilder("<table><thead><tr><th>Id</th><th>Indicator</th><th>中文</th><th>Dimension</th><th>Aspect</th><th>Unit</th><th>Direction</th><th>Formula</th></tr></thead><tbody>");
        foreach (var d in All)
        {
            sb.Append("<tr><td>").Append(Html.Encode(d.Id)).Append("</td><td>").Append(Html.Encode(d.NameEn)).Append("</td><td>")
              .Append(Html.Encode(d.NameZh)).Append("</td><td>").Append(Html.Encode(d.Dimension.EnglishName())).Append("</td><td>")
              .Append(d.Aspect is { } a ? "ABCD"[(int)a].ToString() : "").Append("</td><td>").Append(Html.Encode(d.Unit)).Append("</td><td>")
              .Append(d.Direction switch { HigherIsBetter => "↑", LowerIsBetter => "↓", _ => "monitor" }).Append("</td><td>")
              .Append(Html.Encode(d.FormulaText)).Append("</td></tr>");
        }
        return sb.Append("</tbody></table>").ToString();
    }

    /// <inheritdoc />
    public override string ToString() => $"Indicator registry: {All.Count} indicators ({MonitoringSystem.Count} in the monitoring system).";

    private static IndicatorDefinition Ratio(string id, string en, string zh, EvaluationDimension dim, MonitoringAspect? aspect, string unit,
        ImprovementDirection dir, string num, string den, decimal mult = Pct, decimal min = 0, decimal max = Pct, string? eq = null, string source = Sev) =>
        new(id, en, zh, dim, aspect, IndicatorKind.Ratio, unit, dir, CountFormula.Parse(num), CountFormula.Parse(den), mult, min, max, eq, source);

    private static IndicatorDefinition Count(string id, string en, string zh, EvaluationDimension dim, MonitoringAspect? aspect, string unit,
        ImprovementDirection dir, string num, string? eq = null, string source = Sev) =>
        new(id, en, zh, dim, aspect, IndicatorKind.Count, unit, dir, CountFormula.Parse(num), null, 1, 0, Big, eq, source);

    private static IndicatorDefinition Reported(string id, string en, string zh, EvaluationDimension dim, MonitoringAspect? aspect, string unit,
        ImprovementDirection dir, decimal min, decimal max, string? eq = null, string source = Sev) =>
        new(id, en, zh, dim, aspect, IndicatorKind.Reported, unit, dir, null, null, 1, min, max, eq, source);

    private static List<IndicatorDefinition> Build() =>
    [
        // ---- National monitoring indicator system, aspects A–D (domain notes §6.3). ----
        Ratio("A1", "In-county share of inpatient admissions", "县域内住院人次占比", PatientFlow, OrderlyCareSeeking, "%", HigherIsBetter,
            "in_county_admissions", "in_county_admissions + out_of_county_admissions", eq: "P2", source: Doc002),
        Ratio("A2", "In-county visit rate", "县域内就诊率", PatientFlow, OrderlyCareSeeking, "%", HigherIsBetter,
            "in_county_visits_and_admissions", "in_county_visits_and_admissions + out_of_county_visits_and_admissions", eq: "P1", source: Doc002),
        Ratio("A3", "Primary-care share of outpatient and emergency visits", "县域内基层医疗卫生机构门急诊占比", PatientFlow, OrderlyCareSeeking, "%", HigherIsBetter,
            "primary_outpatient_visits", "in_county_outpatient_visits", eq: "P3", source: Doc002),
        Ratio("A4", "Primary-care TCM share of outpatient visits", "基层中医药门急诊占比", PatientFlow, OrderlyCareSeeking, "%", HigherIsBetter,
            "primary_tcm_outpatient_visits", "primary_outpatient_visits", source: Doc002),
        Ratio("A5", "Primary-care chronic-disease management rate", "基层慢病患者管理率", Quality, OrderlyCareSeeking, "%", HigherIsBetter,
            "chronic_patients_managed_primary", "chronic_patients_in_scope", eq: "Q9", source: Doc002),
        Count("A6", "Down-referrals from the lead hospital", "牵头医院下转患者人次", PatientFlow, OrderlyCareSeeking, "referrals", HigherIsBetter,
            "down_referrals", source: Mon),
        Ratio("B1", "Lead hospital grade 3/4 surgery share", "牵头医院出院患者三、四级手术占比", Quality, ServiceCapacity, "%", HigherIsBetter,
            "grade34_operations", "operations_on_discharged", eq: "Q3", source: Doc002),
        Ratio("B2", "New techniques the lead hospital helped primary care start", "牵头医院帮助基层开展新技术、新项目数", Quality, ServiceCapacity, "per member", HigherIsBetter,
            "new_techniques_started", "member_institutions", mult: 1, max: Big, source: Doc002),
        Ratio("B3", "GPs per 10,000 population", "每万人口全科医生数", Quality, ServiceCapacity, "per 10k", HigherIsBetter,
            "registered_gps", "resident_population", mult: 10_000m, max: 10_000m, source: Doc002),
        Reported("B4", "Basic public-health service assessment score", "基本公共卫生服务考核得分", Quality, ServiceCapacity, "score", HigherIsBetter, 0, 100, source: Doc002),
        Reported("B5", "County hospital meets the recommended capability standard", "县医院医疗服务能力推荐标准", Quality, ServiceCapacity, "0/1", HigherIsBetter, 0, 1, source: Doc002),
        Ratio("B6", "Township centres meeting capacity standards", "达到服务能力标准的乡镇卫生院占比", Quality, ServiceCapacity, "%", HigherIsBetter,
            "township_centres_meeting_standard", "township_centres", source: Mon),
        Count("B7", "Senior physicians seconded to primary care for 6+ months", "派驻基层6个月以上的中级及以上职称医师数", Quality, ServiceCapacity, "persons", HigherIsBetter,
            "seconded_senior_physicians", source: Mon),
        Ratio("C1", "Primary-care to lead-hospital per-capita staff income ratio", "基层与牵头医院人员人均收入比", CostControl, ResourceUse, "ratio", HigherIsBetter,
            "primary_staff_income_per_capita", "lead_staff_income_per_capita", mult: 1, max: 10, source: Doc002),
        Ratio("C2", "Lead hospital personnel expenditure share", "牵头医院人员支出占业务支出比例", CostControl, ResourceUse, "%", HigherIsBetter,
            "lead_personnel_expenditure", "lead_business_expenditure", source: Doc002),
        Ratio("C3", "Primary-care physician daily visits", "基层医师日均担负诊疗人次", CostControl, ResourceUse, "visits/day", HigherIsBetter,
            "primary_visits", "primary_physician_working_days", mult: 1, max: 1000, source: Doc002),
        Ratio("C4", "Primary-care bed occupancy", "基层医疗卫生机构床位使用率", CostControl, ResourceUse, "%", ImprovementDirection.Monitor,
            "primary_occupied_bed_days", "primary_open_bed_days", max: 200, source: Doc002),
        Ratio("C5", "Primary-care fiscal subsidy share of income", "基层财政补助收入占总收入比例", CostControl, ResourceUse, "%", ImprovementDirection.Monitor,
            "primary_fiscal_subsidy_income", "primary_total_income", source: Doc002),
        Ratio("C6", "Lead hospital medical-service revenue share", "牵头医院医疗服务收入占医疗收入比例", CostControl, ResourceUse, "%", HigherIsBetter,
            "lead_medical_revenue - lead_drug_revenue - lead_consumable_revenue - lead_examination_revenue - lead_lab_revenue", "lead_medical_revenue", eq: "K8", source: Doc002),
        Ratio("C7", "Primary-care medical-service revenue share", "基层医疗服务收入占医疗收入比例", CostControl, ResourceUse, "%", HigherIsBetter,
            "primary_medical_revenue - primary_drug_revenue - primary_consumable_revenue - primary_examination_revenue - primary_lab_revenue", "primary_medical_revenue", source: Doc002),
        Count("C8", "Shared-centre and remote diagnosis volume", "资源共享中心/远程诊断服务量", Quality, ResourceUse, "reports", HigherIsBetter,
            "shared_centre_reports", source: Mon),
        Ratio("D1", "Insurance fund in-county expenditure rate", "医保基金县域内支出率", FundOperation, FundEfficiency, "%", HigherIsBetter,
            "fund_in_county", "fund_in_county + fund_out_of_county", eq: "F8", source: Doc002),
        Ratio("D2", "Primary-care share of in-county insurance fund", "县域内基层医疗卫生机构医保基金占比", FundOperation, FundEfficiency, "%", HigherIsBetter,
            "fund_primary_in_county", "fund_in_county", eq: "F9", source: Doc002),
        Ratio("D3", "Hospitalisation rate of insured", "参保人员住院率", CostControl, FundEfficiency, "%", LowerIsBetter,
            "in_county_admissions + out_of_county_admissions", "insured_persons", eq: "K10", source: Doc002),
        Ratio("D4", "Actual reimbursement ratio", "实际报销比例", CompensationLevel, FundEfficiency, "%", HigherIsBetter,
            "fund_payment", "total_medical_cost", eq: "R1", source: Doc002),
        Reported("D5", "Growth of cost per admission / fund surplus rate", "次均住院费用增幅/基金结余率", FundOperation, FundEfficiency, "%", ImprovementDirection.Monitor, -100, 1000, source: Mon),

        // ---- Seven dimensions (document 000; definitions in domain notes §7). ----
        Count("F1", "Fund income", "基金收入", FundOperation, null, "CNY", ImprovementDirection.Monitor, "fund_contributions + fund_subsidies + fund_interest"),
        Count("F2", "Fund expenditure", "基金支出", FundOperation, null, "CNY", ImprovementDirection.Monitor, "fund_in_county + fund_out_of_county"),
        Ratio("F3", "Current-year surplus rate", "当期结余率", FundOperation, null, "%", ImprovementDirection.Monitor,
            "fund_contributions + fund_subsidies + fund_interest - fund_in_county - fund_out_of_county", "fund_contributions + fund_subsidies + fund_interest", min: -1000),
        Ratio("F4", "Months of cumulative reserve", "累计结余可支付月数", FundOperation, null, "months", ImprovementDirection.Monitor,
            "fund_cumulative_balance", "fund_monthly_expenditure", mult: 1, min: -1000, max: 10_000),
        Ratio("F5", "Budget execution rate", "预算执行率", FundOperation, null, "%", ImprovementDirection.Monitor, "fund_spend_on_budget_scope", "alliance_budget", max: 1000),
        Ratio("F6", "Per-capita fund spend", "人均基金支出", FundOperation, null, "CNY", LowerIsBetter,
            "fund_in_county + fund_out_of_county", "insured_persons", mult: 1, max: Big),
        Reported("F7", "Spend-versus-income growth gap", "基金支出与收入增速差", FundOperation, null, "pp", LowerIsBetter, -1000, 1000),
        Ratio("F8", "Fund in-county expenditure rate", "医保基金县域内支出率", FundOperation, null, "%", HigherIsBetter,
            "fund_in_county", "fund_in_county + fund_out_of_county", eq: "D1"),
        Ratio("F9", "Primary-care share of in-county fund", "县域内基层医保基金占比", FundOperation, null, "%", HigherIsBetter,
            "fund_primary_in_county", "fund_in_county", eq: "D2"),
        Ratio("F10", "Prospective-payment coverage", "按DRG/DIP/人头/床日付费的基金占比", FundOperation, null, "%", HigherIsBetter,
            "fund_prospective", "fund_in_county + fund_out_of_county"),
        Ratio("F11", "Alliance surplus rate", "医共体结余率", FundOperation, null, "%", ImprovementDirection.Monitor, "alliance_budget - alliance_actual_spend", "alliance_budget", min: -1000),
        Ratio("F12", "Timely fund payment rate", "基金拨付及时率", FundOperation, null, "%", HigherIsBetter, "payments_on_time", "payments_due"),
        Reported("F13", "Growth of fund expenditure", "医保基金支出增速", FundOperation, null, "%", LowerIsBetter, -100, 1000,
            source: "000_e46dd8698a166df8.txt (fund operation: expenditure growth slowed)"),

        Ratio("K1", "Outpatient cost per visit", "次均门诊费用", CostControl, null, "CNY", LowerIsBetter, "outpatient_revenue", "outpatient_visits", mult: 1, max: Big),
        Ratio("K2", "Cost per admission", "次均住院费用", CostControl, null, "CNY", LowerIsBetter, "inpatient_revenue", "discharges", mult: 1, max: Big),
        Reported("K3", "Growth of cost per visit or admission", "次均费用增幅", CostControl, null, "%", LowerIsBetter, -100, 1000),
        Ratio("K4", "Per-capita total medical cost of insured", "人均医疗费用", CostControl, null, "CNY", LowerIsBetter, "total_medical_cost", "insured_persons", mult: 1, max: Big),
        Ratio("K5", "Drug share of medical revenue", "药占比", CostControl, null, "%", LowerIsBetter, "drug_revenue", "medical_revenue"),
        Ratio("K6", "Consumables share of medical revenue", "耗占比", CostControl, null, "%", LowerIsBetter, "consumable_revenue", "medical_revenue"),
        Ratio("K6b", "Consumables per 100 CNY of non-drug medical revenue", "百元医疗收入（不含药品收入）中消耗的卫生材料", CostControl, null, "CNY", LowerIsBetter,
            "consumable_expense", "medical_revenue - drug_revenue", max: Big),
        Ratio("K7", "Examination and lab revenue share", "检查检验收入占比", CostControl, null, "%", LowerIsBetter, "examination_revenue + lab_revenue", "medical_revenue"),
        Ratio("K8", "Medical-service revenue share", "医疗服务收入占比", CostControl, null, "%", HigherIsBetter,
            "medical_revenue - drug_revenue - consumable_revenue - examination_revenue - lab_revenue", "medical_revenue", eq: "C6"),
        Ratio("K9", "Average length of stay", "平均住院日", CostControl, null, "days", LowerIsBetter, "discharged_bed_days", "discharges", mult: 1, max: 10_000),
        Ratio("K10", "Hospitalisation rate", "住院率", CostControl, null, "%", LowerIsBetter, "in_county_admissions + out_of_county_admissions", "insured_persons", eq: "D3"),
        Reported("K11", "Cost consumption index", "费用消耗指数", CostControl, null, "index", LowerIsBetter, 0, 100),
        Reported("K12", "Time consumption index", "时间消耗指数", CostControl, null, "index", LowerIsBetter, 0, 100),
        Ratio("K13", "Per-capita outpatient visits", "人均门诊次数", CostControl, null, "visits", ImprovementDirection.Monitor, "outpatient_visits_of_insured", "insured_persons", mult: 1, max: 10_000),
        Ratio("K14", "Per-capita staff income", "职工人均收入", CostControl, null, "CNY", HigherIsBetter, "staff_income", "staff", mult: 1, max: Big,
            source: "000_e46dd8698a166df8.txt (cost control: staff income rose)"),

        Ratio("P1", "In-county visit rate", "县域内就诊率", PatientFlow, null, "%", HigherIsBetter,
            "in_county_visits_and_admissions", "in_county_visits_and_admissions + out_of_county_visits_and_admissions", eq: "A2"),
        Ratio("P2", "In-county inpatient share", "县域内住院人次占比", PatientFlow, null, "%", HigherIsBetter,
            "in_county_admissions", "in_county_admissions + out_of_county_admissions", eq: "A1"),
        Ratio("P3", "Primary-care outpatient share", "基层诊疗量占比", PatientFlow, null, "%", HigherIsBetter, "primary_outpatient_visits", "in_county_outpatient_visits", eq: "A3"),
        Ratio("P4", "Primary-care inpatient share", "基层住院人次占比", PatientFlow, null, "%", HigherIsBetter, "primary_discharges", "in_county_discharges"),
        Ratio("P5", "Out-of-county outflow rate", "县外就医率", PatientFlow, null, "%", LowerIsBetter,
            "out_of_county_admissions", "in_county_admissions + out_of_county_admissions"),
        Ratio("P6", "Down/up referral ratio", "下转/上转比", PatientFlow, null, "ratio", HigherIsBetter, "down_referrals", "up_referrals", mult: 1, max: Big),
        Ratio("P7", "Primary-care first-contact rate", "基层首诊率", PatientFlow, null, "%", HigherIsBetter, "episodes_first_at_primary", "episodes"),
        Ratio("P8", "Referral completion rate", "转诊闭环率", PatientFlow, null, "%", HigherIsBetter, "referrals_closed", "referrals"),
        Count("P9", "Two-way referrals", "双向转诊人次", PatientFlow, null, "referrals", HigherIsBetter, "up_referrals + down_referrals",
            source: "000_e46dd8698a166df8.txt (patient flow: two-way referrals rose)"),

        Ratio("R1", "Actual reimbursement ratio", "实际报销比例", CompensationLevel, null, "%", HigherIsBetter, "fund_payment", "total_medical_cost", eq: "D4"),
        Ratio("R2", "Policy-scope (compliant-cost) reimbursement ratio", "政策范围内报销比例（合规费用报销比）", CompensationLevel, null, "%", HigherIsBetter,
            "fund_payment", "policy_scope_cost"),
        Reported("R3", "Reimbursement level differential", "报销比例级差", CompensationLevel, null, "pp", HigherIsBetter, -100, 100),
        Ratio("R4", "Outpatient-pooling benefit rate", "门诊统筹受益率", CompensationLevel, null, "%", HigherIsBetter, "outpatient_pooling_beneficiaries", "insured_persons"),
        Count("R5", "Chronic/special outpatient beneficiaries", "门诊慢特病受益人数", CompensationLevel, null, "persons", HigherIsBetter, "chronic_outpatient_beneficiaries"),
        Ratio("R6", "Fund payment per beneficiary", "人均统筹支付", CompensationLevel, null, "CNY", ImprovementDirection.Monitor, "fund_payment", "beneficiaries", mult: 1, max: Big),

        Ratio("O1", "Out-of-pocket share of total cost", "个人负担比例", FinancialBurden, null, "%", LowerIsBetter,
            "total_medical_cost - fund_payment - critical_illness_payment - medical_assistance_payment", "total_medical_cost"),
        Ratio("O1a", "Co-payment within the catalogue", "自付比例", FinancialBurden, null, "%", LowerIsBetter, "in_catalogue_copayment", "total_medical_cost"),
        Ratio("O1b", "Self-pay outside the catalogue", "自费比例", FinancialBurden, null, "%", LowerIsBetter, "out_of_catalogue_cost", "total_medical_cost"),
        Ratio("O2", "Out-of-pocket cost per admission", "次均自付费用", FinancialBurden, null, "CNY", LowerIsBetter, "patient_paid_inpatient", "admissions", mult: 1, max: Big),
        Ratio("O3", "Out-of-pocket cost per insured person", "人均自付", FinancialBurden, null, "CNY", LowerIsBetter, "patient_paid", "insured_persons", mult: 1, max: Big),
        Ratio("O4", "Catastrophic health expenditure incidence", "灾难性卫生支出发生率", FinancialBurden, null, "%", LowerIsBetter, "households_catastrophic", "households_surveyed"),
        Reported("O5", "OOP share of total health expenditure", "个人卫生支出占卫生总费用比重", FinancialBurden, null, "%", LowerIsBetter, 0, 100),

        Reported("S1", "Outpatient satisfaction", "门诊患者满意度", Satisfaction, null, "score", HigherIsBetter, 0, 100),
        Reported("S2", "Inpatient satisfaction", "住院患者满意度", Satisfaction, null, "score", HigherIsBetter, 0, 100),
        Reported("S3", "Contracted-resident satisfaction", "签约居民满意度", Satisfaction, null, "score", HigherIsBetter, 0, 100),
        Reported("S4", "Staff satisfaction", "医务人员满意度", Satisfaction, null, "score", HigherIsBetter, 0, 100),
        Ratio("S5", "Complaints per 10,000 visits and discharges", "投诉率", Satisfaction, null, "per 10k", LowerIsBetter,
            "complaints", "outpatient_visits + discharges", mult: 10_000m, max: 10_000m),
        Reported("S6", "Satisfaction with the reimbursement ratio", "对报销比例的满意度", Satisfaction, null, "score", HigherIsBetter, 0, 100,
            source: "000_e46dd8698a166df8.txt (satisfaction with reimbursement stayed high)"),

        Reported("Q1", "Case-mix index", "病例组合指数 (CMI)", Quality, null, "index", HigherIsBetter, 0, 100),
        Reported("Q2", "Number of DRG groups", "DRG组数", Quality, null, "groups", HigherIsBetter, 0, 10_000),
        Ratio("Q3", "Grade 3/4 surgery share", "三、四级手术占比", Quality, null, "%", HigherIsBetter, "grade34_operations", "operations_on_discharged", eq: "B1"),
        Reported("Q4", "Low-risk DRG mortality", "低风险组死亡率", Quality, null, "%", LowerIsBetter, 0, 100),
        Ratio("Q5", "Inpatient mortality", "住院死亡率", Quality, null, "%", LowerIsBetter, "inpatient_deaths", "discharges"),
        Ratio("Q6", "Unplanned readmission within 31 days", "出院31天内非计划再住院率", Quality, null, "%", LowerIsBetter, "unplanned_readmissions_31d", "discharges"),
        Ratio("Q7", "Family-doctor contract rate", "家庭医生签约率", Quality, null, "%", HigherIsBetter, "contracted_persons", "resident_population"),
        Ratio("Q7b", "Key-population family-doctor contract rate", "重点人群签约率", Quality, null, "%", HigherIsBetter, "key_population_contracted", "key_population",
            source: "000_e46dd8698a166df8.txt (quality: key-population contract rate rose)"),
        Ratio("Q8", "Contract renewal rate", "续约率", Quality, null, "%", HigherIsBetter, "contracts_renewed", "contracts_expiring"),
        Ratio("Q9", "Chronic-disease (hypertension) management rate", "慢病管理率（高血压患者管理率）", Quality, null, "%", HigherIsBetter,
            "hypertension_managed", "hypertension_patients_estimated", eq: "A5"),
        Ratio("Q10", "Standardised management rate", "规范管理率", Quality, null, "%", HigherIsBetter, "hypertension_managed_per_protocol", "hypertension_managed"),
        Ratio("Q11", "Blood-pressure control rate", "血压控制率", Quality, null, "%", HigherIsBetter, "hypertension_controlled", "hypertension_managed"),
        Ratio("Q12", "Outpatient antibiotic prescription rate", "门诊患者抗菌药物使用率", Quality, null, "%", LowerIsBetter, "outpatient_visits_with_antibiotic", "outpatient_visits"),
        Ratio("Q13", "Antibiotic use intensity", "抗菌药物使用强度", Quality, null, "DDD/100 patient-days", LowerIsBetter, "antibiotic_ddds", "patient_days", max: 100_000),
        Ratio("Q14", "Admission–discharge diagnosis concordance", "入出院诊断符合率", Quality, null, "%", HigherIsBetter, "discharges_diagnosis_concordant", "discharges"),
        Ratio("Q15", "Avoidable hospitalisation rate", "可避免住院率", Quality, null, "per 1,000", LowerIsBetter, "ambulatory_sensitive_admissions", "insured_persons", mult: 1000, max: 1000),
        Ratio("Q16", "Medical-record front-page quality", "病案首页质量", Quality, null, "%", HigherIsBetter, "records_passing_quality_rules", "records_audited"),
    ];
}
