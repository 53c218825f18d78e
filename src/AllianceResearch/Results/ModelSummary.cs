namespace AllianceResearch.Results;

/// <summary>
/// One estimated coefficient with its inference, the common row of every regression-style result
/// (the shape of the CLI's JSON <c>coefficients</c> list and of side-by-side model tables).
/// </summary>
/// <param name="Term">Coefficient name, e.g. <c>D</c> or <c>rel::-2</c>.</param>
/// <param name="Estimate">Point estimate.</param>
/// <param name="StdError">Standard error under the result's variance estimator.</param>
/// <param name="Statistic">Estimate divided by its standard error.</param>
/// <param name="PValue">Two-sided p-value (t or normal reference distribution, as the estimator states).</param>
/// <param name="CiLow">Lower bound of the confidence interval at the result's level.</param>
/// <param name="CiHigh">Upper bound of the confidence interval at the result's level.</param>
public sealed record CoefficientEstimate(
    string Term, double Estimate, double StdError, double Statistic, double PValue, double CiLow, double CiHigh);

/// <summary>
/// What a side-by-side model table needs from any estimator's result, so tables and coefficient plots
/// never depend on a particular estimator type.
/// </summary>
public interface IModelSummary
{
    /// <summary>Short estimator name shown as the column header, e.g. "TWFE" or "Callaway–Sant'Anna".</summary>
    string ModelName { get; }

    /// <summary>Name of the outcome variable.</summary>
    string Outcome { get; }

    /// <summary>Coefficients in display order.</summary>
    IReadOnlyList<CoefficientEstimate> Coefficients { get; }

    /// <summary>Number of observations used.</summary>
    long Observations { get; }

    /// <summary>R², where the estimator defines one.</summary>
    double? RSquared { get; }

    /// <summary>Within R² (after absorbing fixed effects), where defined.</summary>
    double? WithinRSquared { get; }

    /// <summary>Extra footer rows such as fixed effects ("Unit FE" = "Yes"), variance type or clusters.</summary>
    IReadOnlyList<KeyValuePair<string, string>> Footer { get; }
}

/// <summary>
/// One row of the tidy event-study table every estimator produces (TWFE event study, Callaway–Sant'Anna,
/// Sun–Abraham, imputation), so overlay plots and comparison tables work across estimators.
/// </summary>
/// <param name="Estimator">Estimator name, used as the series label.</param>
/// <param name="EventTime">Periods relative to treatment (0 = first treated period).</param>
/// <param name="Estimate">Point estimate; 0 with NaN errors for the reference period.</param>
/// <param name="StdError">Standard error (NaN for a normalised reference period).</param>
/// <param name="CiLow">Pointwise lower bound.</param>
/// <param name="CiHigh">Pointwise upper bound.</param>
/// <param name="UniformLow">Simultaneous (sup-t) lower bound, when computed.</param>
/// <param name="UniformHigh">Simultaneous (sup-t) upper bound, when computed.</param>
public sealed record EventTimeEstimate(
    string Estimator, int EventTime, double Estimate, double StdError, double CiLow, double CiHigh,
    double? UniformLow = null, double? UniformHigh = null);
