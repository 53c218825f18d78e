namespace AllianceResearch.Did.Staggered;

/// <summary>
/// A balanced staggered-adoption panel laid out for the group-by arithmetic of the heterogeneity-robust
/// estimators (交错实施的双重差分): one row per unit, one column per period, so that a unit's change between two
/// periods is two array reads. Built once from a panel (or from arrays in tests and benchmarks); never mutated.
/// </summary>
internal sealed class StaggeredData
{
    /// <summary>Creates the layout; arrays are taken as they are (callers pass fresh copies).</summary>
    public StaggeredData(double[] periods, double[] cohort, double[] outcome, double[]? unitWeights = null,
        double[][]? covariates = null, string[]? covariateNames = null, int[]? cluster = null, string[]? unitLabels = null,
        string outcomeName = "y")
    {
        Periods = periods;
        Cohort = cohort;
        Outcome = outcome;
        UnitWeights = unitWeights;
        Covariates = covariates ?? [];
        CovariateNames = covariateNames ?? [];
        Cluster = cluster;
        UnitLabels = unitLabels;
        OutcomeName = outcomeName;
        if (periods.Length < 2) throw new ArgumentException("A staggered design needs at least two periods.");
        for (int t = 1; t < periods.Length; t++)
            if (!(periods[t] > periods[t - 1])) throw new ArgumentException("Periods must be strictly increasing.");
        if (outcome.LongLength != (long)cohort.Length * periods.Length)
            throw new ArgumentException($"Outcome has {outcome.LongLength} cells but {cohort.Length} units × {periods.Length} periods were declared.");
        foreach (var x in Covariates)
            if (x.LongLength != outcome.LongLength) throw new ArgumentException("Every covariate needs one value per unit and period.");
        if (unitWeights is not null && unitWeights.Length != cohort.Length) throw new ArgumentException("Unit weights need one value per unit.");
        if (cluster is not null && cluster.Length != cohort.Length) throw new ArgumentException("Cluster codes need one value per unit.");
    }

    /// <summary>Distinct periods in increasing order.</summary>
    public double[] Periods { get; }

    /// <summary>First treated period of each unit; 0 = never treated (R <c>did</c>'s convention).</summary>
    public double[] Cohort { get; }

    /// <summary>Outcome, unit-major: <c>Outcome[unit * T + period]</c>.</summary>
    public double[] Outcome { get; }

    /// <summary>Sampling weights per unit (time-invariant), or null for equal weights.</summary>
    public double[]? UnitWeights { get; }

    /// <summary>Covariates, each unit-major like <see cref="Outcome"/>.</summary>
    public double[][] Covariates { get; }

    /// <summary>Covariate names, parallel to <see cref="Covariates"/>.</summary>
    public string[] CovariateNames { get; }

    /// <summary>Cluster code per unit (coarser than the unit), or null to cluster by unit.</summary>
    public int[]? Cluster { get; }

    /// <summary>Original unit labels, if known.</summary>
    public string[]? UnitLabels { get; }

    /// <summary>Name of the outcome column.</summary>
    public string OutcomeName { get; }

    /// <summary>Number of units.</summary>
    public int UnitCount => Cohort.Length;

    /// <summary>Number of periods.</summary>
    public int PeriodCount => Periods.Length;

    /// <summary>Outcome of unit <paramref name="i"/> in period code <paramref name="t"/>.</summary>
    public double Y(int i, int t) => Outcome[(long)i * Periods.Length + t];

    /// <summary>Weight of unit <paramref name="i"/> (1 without weights).</summary>
    public double W(int i) => UnitWeights is null ? 1.0 : UnitWeights[i];

    /// <summary>
    /// A copy with the cohorts replaced (randomisation inference reassigns adoption dates); everything else shared,
    /// which is safe because no estimator writes to its input.
    /// </summary>
    public StaggeredData WithCohorts(double[] cohort) =>
        new(Periods, cohort, Outcome, UnitWeights, Covariates, CovariateNames, Cluster, UnitLabels, OutcomeName);

    /// <summary>The absorbing treatment indicator D = 1{g &gt; 0, t ≥ g}, unit-major.</summary>
    public bool Treated(int i, int t) => Cohort[i] > 0 && Periods[t] >= Cohort[i];
}
