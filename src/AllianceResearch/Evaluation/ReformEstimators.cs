using AllianceResearch.Did;
using AllianceResearch.Did.Staggered;
using AllianceResearch.Econometrics;

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

    /// <summary>
    /// Two-way fixed-effects DiD: the coefficient on D = 1{cohort &gt; 0, year ≥ cohort} with county and year fixed
    /// effects. With staggered adoption and effects that grow with exposure it is a weighted average that can put
    /// negative weight on some comparisons (Goodman-Bacon 2021) — shown beside Callaway–Sant'Anna for that reason.
    /// </summary>
    /// <param name="cluster">Column to cluster standard errors on; null clusters on the county.</param>
    public static ReformEffectEstimator Twfe(string? cluster = null) =>
        (panel, outcome) =>
        {
            var spec = new TwfeSpec(outcome) { Vcov = cluster is null ? null : Vcov.Cluster(cluster) };
            return TwfeDid.Fit(panel, spec).Coefficients.Single(c => c.Term == TwfeDid.TreatmentTerm);
        };
}
