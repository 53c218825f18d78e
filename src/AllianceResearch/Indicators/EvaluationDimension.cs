namespace AllianceResearch.Indicators;

/// <summary>
/// The seven dimensions the review of document 000 used to judge payment reform in tight county
/// alliances; they double as the outcome families of a reform evaluation.
/// </summary>
public enum EvaluationDimension
{
    /// <summary>医保基金运行情况 — fund operation.</summary>
    FundOperation = 1,

    /// <summary>医疗费用控制情况 — cost control.</summary>
    CostControl = 2,

    /// <summary>居民就医流向 — patient flow.</summary>
    PatientFlow = 3,

    /// <summary>医保基金补偿水平 — compensation level.</summary>
    CompensationLevel = 4,

    /// <summary>居民就医经济负担 — patients' financial burden.</summary>
    FinancialBurden = 5,

    /// <summary>患者就医满意度 — satisfaction.</summary>
    Satisfaction = 6,

    /// <summary>医疗质量提升情况 — quality improvement.</summary>
    Quality = 7,
}

/// <summary>Which way an indicator moves when things get better; scorecards classify effects with it.</summary>
public enum ImprovementDirection
{
    /// <summary>A rise is an improvement (↑).</summary>
    HigherIsBetter,

    /// <summary>A fall is an improvement (↓).</summary>
    LowerIsBetter,

    /// <summary>Neither direction is good in itself (monitor, or keep inside a band).</summary>
    Monitor,
}

/// <summary>English and Chinese labels of the seven dimensions.</summary>
public static class EvaluationDimensions
{
    /// <summary>All seven dimensions in the review's order.</summary>
    public static IReadOnlyList<EvaluationDimension> All { get; } =
    [
        EvaluationDimension.FundOperation, EvaluationDimension.CostControl, EvaluationDimension.PatientFlow,
        EvaluationDimension.CompensationLevel, EvaluationDimension.FinancialBurden,
        EvaluationDimension.Satisfaction, EvaluationDimension.Quality,
    ];

    /// <summary>The English display name.</summary>
    public static string EnglishName(this EvaluationDimension dimension) => dimension switch
    {
        EvaluationDimension.FundOperation => "Fund operation",
        EvaluationDimension.CostControl => "Cost control",
        EvaluationDimension.PatientFlow => "Patient flow",
        EvaluationDimension.CompensationLevel => "Compensation level",
        EvaluationDimension.FinancialBurden => "Financial burden",
        EvaluationDimension.Satisfaction => "Satisfaction",
        EvaluationDimension.Quality => "Quality",
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "Unknown evaluation dimension."),
    };

    /// <summary>The Chinese name used in document 000.</summary>
    public static string ChineseName(this EvaluationDimension dimension) => dimension switch
    {
        EvaluationDimension.FundOperation => "医保基金运行情况",
        EvaluationDimension.CostControl => "医疗费用控制情况",
        EvaluationDimension.PatientFlow => "居民就医流向",
        EvaluationDimension.CompensationLevel => "医保基金补偿水平",
        EvaluationDimension.FinancialBurden => "居民就医经济负担",
        EvaluationDimension.Satisfaction => "患者就医满意度",
        EvaluationDimension.Quality => "医疗质量提升情况",
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "Unknown evaluation dimension."),
    };

    /// <summary>Parses an English name, enum name or Chinese name; throws listing the valid values.</summary>
    public static EvaluationDimension Parse(string text)
    {
        foreach (var d in All)
        {
            if (string.Equals(text, d.ToString(), StringComparison.OrdinalIgnoreCase) ||
                string.Equals(text, d.EnglishName(), StringComparison.OrdinalIgnoreCase) ||
                text == d.ChineseName())
            {
                return d;
            }
        }
        throw new FormatException($"Unknown evaluation dimension '{text}'. Valid: {string.Join(", ", All)}.");
    }
}
