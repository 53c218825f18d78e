using AllianceResearch.Did.Staggered;

namespace AllianceResearch.Evaluation;

/// <summary>Ready-made <see cref="ReformEffectEstimator"/>s built on the library's DiD estimators.</summary>
public static class ReformEstimators
{
    /// <summary>
    /// Callaway–Sant'Anna (2021) group-time ATTs aggregated to one overall effect (did's <c>aggte(type = "simple")</c>):
    /// robust to effects that differ by cohort and grow with exposure, which is how the synthetic panel is built.
    /// </summary>
    /// <param name="comparison">Never-treated (default) or not-yet-treated comparison units.</param>
    /// <param name="cluster">Column to cluster standard errors on (e.g. "province"); null clusters on the county.</param>
    /// <param name="covariates">Covariates for conditional parallel trends (doubly robust); null for none.</param>
    public static ReformEffectEstimator CallawaySantAnnaSimple(ComparisonGroup comparison = ComparisonGroup.NeverTreated,
        string? cluster = null, IReadOnlyList<string>? covariates = null) =>
        (panel, outcome) => StaggeredDid.CallawaySantAnna(panel, new CallawaySantAnnaSpec(outcome, covariates, comparison, ClusterColumn: cluster))
            .Aggregate(new AggregationSpec(AggregationType.Simple))
            .Coefficients[0];
}
