namespace AllianceResearch.Did.Staggered;

/// <summary>Which units serve as the comparison group for ATT(g,t) (R <c>did</c>'s <c>control_group</c>).</summary>
public enum ComparisonGroup
{
    /// <summary>Units never treated in the sample (从未处理组).</summary>
    NeverTreated,

    /// <summary>Never-treated units plus units not yet treated by the later of t and the base period (尚未处理组).</summary>
    NotYetTreated,
}

/// <summary>Base period convention for ATT(g,t) (R <c>did</c>'s <c>base_period</c>).</summary>
public enum BasePeriod
{
    /// <summary>Post-treatment: g − δ − 1; pre-treatment: the period just before t (short differences). The default.</summary>
    Varying,

    /// <summary>Always g − δ − 1, so pre-treatment ATT(g,t) are long differences and ATT(g, g−δ−1) = 0 by construction.</summary>
    Universal,
}

/// <summary>Multiplier distribution for the multiplier bootstrap.</summary>
public enum MultiplierWeights
{
    /// <summary>±1 with probability ½ each; what R <c>did</c> (via BMisc) draws.</summary>
    Rademacher,

    /// <summary>Mammen's two-point distribution with mean 0, variance 1 and third moment 1.</summary>
    Mammen,
}

/// <summary>Settings of a multiplier bootstrap (Callaway &amp; Sant'Anna 2021, Algorithm 1).</summary>
/// <param name="Iterations">Number of bootstrap draws (did's <c>biters</c>, default 1000).</param>
/// <param name="Seed">Seed of the generator; the same seed gives the same draws.</param>
/// <param name="Weights">Multiplier distribution.</param>
public sealed record BootstrapSpec(int Iterations = 1000, ulong Seed = 1, MultiplierWeights Weights = MultiplierWeights.Rademacher);

/// <summary>
/// Specification of the Callaway &amp; Sant'Anna (2021) group-time ATT estimator, in R <c>did</c>'s vocabulary.
/// </summary>
/// <param name="Outcome">Outcome column.</param>
/// <param name="Covariates">Covariate columns (empty = unconditional parallel trends).</param>
/// <param name="Comparison">Never-treated or not-yet-treated comparison units.</param>
/// <param name="Method">Covariate adjustment: doubly robust (default), IPW or outcome regression. Ignored without covariates,
/// where all three reduce to the difference of mean changes.</param>
/// <param name="Base">Varying (default) or universal base period.</param>
/// <param name="Anticipation">Number of periods before adoption in which units may already react (δ).</param>
/// <param name="ClusterColumn">A column coarser than the unit to cluster on (time-invariant within unit); null = unit.</param>
/// <param name="Alpha">Significance level for intervals and bands.</param>
/// <param name="Bootstrap">Multiplier bootstrap settings; null = analytic influence-function standard errors.</param>
public sealed record CallawaySantAnnaSpec(
    string Outcome,
    IReadOnlyList<string>? Covariates = null,
    ComparisonGroup Comparison = ComparisonGroup.NeverTreated,
    CovariateMethod Method = CovariateMethod.DoublyRobust,
    BasePeriod Base = BasePeriod.Varying,
    int Anticipation = 0,
    string? ClusterColumn = null,
    double Alpha = 0.05,
    BootstrapSpec? Bootstrap = null)
{
    /// <summary>Covariates, never null.</summary>
    public IReadOnlyList<string> CovariateList => Covariates ?? [];
}

/// <summary>How ATT(g,t) are aggregated (R <c>aggte</c>'s <c>type</c>).</summary>
public enum AggregationType
{
    /// <summary>One number: post-treatment ATT(g,t) weighted by group size.</summary>
    Simple,

    /// <summary>Average effect per adoption cohort, and their size-weighted average.</summary>
    Group,

    /// <summary>Average effect per calendar period, and their plain average.</summary>
    Calendar,

    /// <summary>Event study: average effect by time since adoption, and the average over non-negative event times.</summary>
    Dynamic,
}

/// <summary>Options of an aggregation (R <c>aggte</c>'s <c>min_e</c>, <c>max_e</c>, <c>balance_e</c>).</summary>
/// <param name="Type">Aggregation type.</param>
/// <param name="MinEventTime">Smallest event time reported (dynamic only).</param>
/// <param name="MaxEventTime">Largest event time used (dynamic; also trims simple and group, as did does).</param>
/// <param name="BalanceEventTime">If set, keep only cohorts observed at least this many periods after adoption (dynamic).</param>
/// <param name="Bootstrap">Bootstrap for standard errors and the uniform band; null inherits the estimate's setting.</param>
public sealed record AggregationSpec(
    AggregationType Type,
    int? MinEventTime = null,
    int? MaxEventTime = null,
    int? BalanceEventTime = null,
    BootstrapSpec? Bootstrap = null);
