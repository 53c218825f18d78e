using AllianceResearch.Data;
using AllianceResearch.Econometrics;

namespace AllianceResearch.Did;

/// <summary>
/// Two-way fixed-effects DiD (双向固定效应): outcome ~ D + covariates | unit + time (+ extra fixed effects).
/// </summary>
/// <param name="Outcome">Outcome column.</param>
public sealed record TwfeSpec(string Outcome)
{
    /// <summary>Treatment indicator column; when null, D = 1{cohort &gt; 0, t ≥ cohort} from the panel's cohort column.</summary>
    public string? Treatment { get; init; }

    /// <summary>Time-varying covariates.</summary>
    public IReadOnlyList<string> Covariates { get; init; } = [];

    /// <summary>Fixed effects; null = the panel's unit and time columns.</summary>
    public IReadOnlyList<string>? FixedEffects { get; init; }

    /// <summary>Variance; null = clustered by unit (the DiD convention for serially correlated outcomes, Bertrand, Duflo and Mullainathan 2004).</summary>
    public Vcov? Vcov { get; init; }

    /// <summary>Analytic weights column.</summary>
    public string? Weights { get; init; }

    /// <summary>Confidence level.</summary>
    public double ConfidenceLevel { get; init; } = 0.95;
}

/// <summary>TWFE DiD on a <see cref="Panel"/>.</summary>
public static class TwfeDid
{
    /// <summary>Term name of the treatment effect when D is derived from the cohort.</summary>
    public const string TreatmentTerm = "D";

    /// <summary>
    /// Fits the TWFE DiD. The coefficient on the treatment term is the TWFE estimate; with staggered timing and
    /// heterogeneous effects it is a weighted average that can include negative weights (Goodman-Bacon 2021).
    /// </summary>
    public static FeolsResult Fit(Panel panel, TwfeSpec spec)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(spec);
        var fe = spec.FixedEffects ?? [panel.Spec.Unit, panel.Spec.Time];
        var vcov = spec.Vcov ?? Vcov.Cluster(panel.Spec.Unit);
        var feSpec = new FeolsSpec(spec.Outcome, spec.Covariates, fe) { Weights = spec.Weights, Vcov = vcov, ConfidenceLevel = spec.ConfidenceLevel };
        List<(string, double[])> extra;
        if (spec.Treatment is { } t)
        {
            feSpec = feSpec with { Regressors = [t, .. spec.Covariates] };
            extra = [];
        }
        else
        {
            if (panel.CohortColumn is null)
                throw new ArgumentException("TWFE needs a treatment column (TwfeSpec.Treatment) or a panel with a cohort column (PanelSpec.Cohort).");
            extra = [(TreatmentTerm, panel.TreatmentFromCohort())];
        }
        return Feols.Fit(panel, feSpec, extra, null, "TWFE");
    }
}
