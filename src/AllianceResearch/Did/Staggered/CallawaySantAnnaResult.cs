using AllianceResearch.Presentation;
using AllianceResearch.Results;
using MathNet.Numerics.Distributions;
using static AllianceResearch.Did.Staggered.StaggeredFormat;

namespace AllianceResearch.Did.Staggered;

/// <summary>One group-time average treatment effect ATT(g,t) (组别-时期平均处理效应).</summary>
/// <param name="Group">Cohort g: first treated period.</param>
/// <param name="Time">Period t.</param>
/// <param name="Att">Estimate (0 for the normalised base cell under a universal base period).</param>
/// <param name="StdError">Standard error (analytic or bootstrap; NaN when degenerate).</param>
/// <param name="CiLow">Lower bound: pointwise, or simultaneous when a bootstrap band was requested.</param>
/// <param name="CiHigh">Upper bound.</param>
/// <param name="PostTreatment">True when t ≥ g.</param>
public sealed record GroupTimeAtt(double Group, double Time, double Att, double StdError, double CiLow, double CiHigh, bool PostTreatment);

/// <summary>A Wald test that all pre-treatment ATT(g,t) are zero (did's pre-test of parallel trends).</summary>
/// <param name="Statistic">n · θ' V⁻¹ θ, V the influence-function covariance (cluster sums when clustering).</param>
/// <param name="DegreesOfFreedom">Number of pre-treatment cells tested.</param>
/// <param name="PValue">χ² p-value (did's).</param>
/// <param name="Clusters">Number of clusters G when clustered (else null).</param>
/// <param name="FStatistic">With G clusters, the Hotelling-type small-sample version W(G − q)/((G − 1)q).</param>
/// <param name="FPValue">Its F(q, G − q) p-value: the χ² test over-rejects badly when q is not small relative to G,
/// because the covariance of q estimates is itself estimated from only G cluster sums.</param>
public sealed record WaldPreTest(double Statistic, int DegreesOfFreedom, double PValue, int? Clusters = null, double? FStatistic = null, double? FPValue = null);

/// <summary>
/// Callaway &amp; Sant'Anna (2021) group-time ATTs with influence-function (or multiplier-bootstrap) inference.
/// Aggregate with <see cref="Aggregate(AggregationSpec)"/>; the influence functions are kept so aggregations need no
/// re-estimation.
/// </summary>
[TypeFormatterSource(typeof(LibraryFormatterSource))]
public sealed record CallawaySantAnnaResult : IHtmlRenderable
{
    internal CallawaySantAnnaResult(CallawaySantAnnaSpec spec, GroupTimeCore core, IReadOnlyList<GroupTimeAtt> effects,
        double criticalValue, bool uniform, WaldPreTest? preTest, IReadOnlyList<string> notes)
    {
        Spec = spec; Core = core; GroupTime = effects; CriticalValue = criticalValue; UniformBand = uniform;
        PreTest = preTest; Notes = notes;
    }

    internal GroupTimeCore Core { get; }

    /// <summary>The specification estimated.</summary>
    public CallawaySantAnnaSpec Spec { get; }

    /// <summary>Every ATT(g,t), cohort-major then time.</summary>
    public IReadOnlyList<GroupTimeAtt> GroupTime { get; }

    /// <summary>Critical value used for the intervals: normal, or sup-t from the bootstrap.</summary>
    public double CriticalValue { get; }

    /// <summary>True when intervals are simultaneous (uniform) bands.</summary>
    public bool UniformBand { get; }

    /// <summary>Pre-test of parallel trends, when there are pre-treatment cells with variation.</summary>
    public WaldPreTest? PreTest { get; }

    /// <summary>Preprocessing notes (dropped units, recoded cohorts).</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>Number of units used.</summary>
    public int Units => Core.N;

    /// <summary>Aggregates the ATT(g,t) (did's <c>aggte</c>).</summary>
    public CallawaySantAnnaAggregate Aggregate(AggregationSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var (overall, comps) = CallawaySantAnnaAggregation.Compute(Core, spec);
        var boot = spec.Bootstrap ?? Spec.Bootstrap;
        double z = Z(Spec.Alpha);
        double[] compSe = comps.Select(c => CallawaySantAnnaCore.StdError(c.Influence, Core.Cluster)).ToArray();
        double overallSe = CallawaySantAnnaCore.StdError(overall.Influence, Core.Cluster);
        double crit = z;
        bool uniform = false;
        if (boot is not null)
        {
            var bc = MultiplierBootstrap.Run(comps.Select(c => c.Influence).ToArray(), Core.Cluster, boot, Spec.Alpha);
            var bo = MultiplierBootstrap.Run([overall.Influence], Core.Cluster, boot with { Seed = boot.Seed + 1 }, Spec.Alpha);
            for (int i = 0; i < compSe.Length; i++) if (!double.IsNaN(compSe[i])) compSe[i] = bc.StdErrors[i];
            if (!double.IsNaN(overallSe)) overallSe = bo.StdErrors[0];
            if (spec.Type != AggregationType.Simple && double.IsFinite(bc.CriticalValue) && bc.CriticalValue >= z)
            {
                crit = bc.CriticalValue;
                uniform = true;
            }
        }
        var components = comps.Select((c, i) => new AggregateComponent(c.Key, c.Att, compSe[i],
            c.Att - z * compSe[i], c.Att + z * compSe[i],
            uniform ? c.Att - crit * compSe[i] : null, uniform ? c.Att + crit * compSe[i] : null)).ToArray();
        return new CallawaySantAnnaAggregate(spec.Type, overall.Att, overallSe, overall.Att - z * overallSe, overall.Att + z * overallSe,
            components, crit, uniform, Spec, Core.N, boot);
    }

    /// <summary>An event study (dynamic aggregation) as tidy rows, with uniform bands when bootstrapped.</summary>
    public IReadOnlyList<EventTimeEstimate> EventStudy(AggregationSpec? spec = null) =>
        Aggregate(spec ?? new AggregationSpec(AggregationType.Dynamic)).EventStudy();

    private IEnumerable<IReadOnlyList<string>> Rows() => GroupTime.Select(e => (IReadOnlyList<string>)
        [Key(e.Group), Key(e.Time), N(e.Att), N(e.StdError), N(e.CiLow), N(e.CiHigh), e.PostTreatment ? "post" : "pre"]);

    private static readonly string[] Header = ["group", "time", "ATT(g,t)", "std. error", "low", "high", ""];

    private IEnumerable<string> Footer()
    {
        yield return $"Callaway–Sant'Anna: {Describe(Spec)}; {Units} units.";
        yield return UniformBand ? $"Simultaneous {1 - Spec.Alpha:P0} band (sup-t critical value {N(CriticalValue, 3)}, multiplier bootstrap)."
                                 : $"Pointwise {1 - Spec.Alpha:P0} intervals (influence-function standard errors).";
        if (PreTest is not null)
            yield return $"Pre-test of parallel trends: W = {N(PreTest.Statistic, 3)}, df = {PreTest.DegreesOfFreedom}, p = {N(PreTest.PValue, 4)}" +
                (PreTest.FPValue is double fp ? $"; with {PreTest.Clusters} clusters, F = {N(PreTest.FStatistic!.Value, 3)}, p = {N(fp, 4)}." : ".");
        foreach (var n in Notes) yield return n;
    }

    internal static string Describe(CallawaySantAnnaSpec s) =>
        $"outcome {s.Outcome}, {(s.Comparison == ComparisonGroup.NeverTreated ? "never-treated" : "not-yet-treated")} comparison, " +
        $"{(s.CovariateList.Count == 0 ? "no covariates" : MethodName(s.Method) + " on " + string.Join(", ", s.CovariateList))}, " +
        $"{(s.Base == BasePeriod.Varying ? "varying" : "universal")} base period" + (s.Anticipation > 0 ? $", anticipation {s.Anticipation}" : "");

    internal static string MethodName(CovariateMethod m) => m switch
    {
        CovariateMethod.DoublyRobust => "doubly robust",
        CovariateMethod.InverseProbabilityWeighting => "IPW",
        _ => "outcome regression",
    };

    /// <inheritdoc/>
    public override string ToString() => Text("Group-time average treatment effects ATT(g,t)", Header, Rows(), Footer());

    /// <inheritdoc/>
    public string ToHtml() => Table("Group-time average treatment effects ATT(g,t)", Header, Rows(), Footer());

    internal static WaldPreTest? ComputePreTest(GroupTimeCore core, double[] se)
    {
        var pre = Enumerable.Range(0, core.Att.Length).Where(k => core.Groups[k] > core.Times[k] && !double.IsNaN(se[k])).ToArray();
        if (pre.Length == 0) return null;
        int n = core.N, q = pre.Length;
        // Covariance of the pre-treatment estimates from their influence functions, summed within clusters when
        // clustering (otherwise common shocks within a cluster would make the test reject far too often).
        var cols = pre.Select(k => core.Influence[k]).ToArray();
        if (core.Cluster is { } cl)
        {
            int g = cl.Max() + 1;
            cols = cols.Select(f =>
            {
                var sum = new double[g];
                for (int i = 0; i < f.Length; i++) sum[cl[i]] += f[i];
                return sum;
            }).ToArray();
        }
        // All q(q+1)/2 cross-products in one pass over units (chunk sums combined in order: deterministic).
        int len = cols[0].Length, chunk = 16384, chunks = (len + chunk - 1) / chunk;
        var partial = new double[chunks][];
        Parallel.For(0, chunks, ch =>
        {
            var acc = new double[q * q];
            var row = new double[q];
            int lo = ch * chunk, hi = Math.Min(len, lo + chunk);
            for (int i = lo; i < hi; i++)
            {
                for (int a = 0; a < q; a++) row[a] = cols[a][i];
                for (int a = 0; a < q; a++)
                {
                    double ra = row[a];
                    if (ra == 0) continue;
                    for (int b = 0; b <= a; b++) acc[a * q + b] += ra * row[b];
                }
            }
            partial[ch] = acc;
        });
        var v = new double[q, q];
        foreach (var acc in partial)
            for (int a = 0; a < q; a++) for (int b = 0; b <= a; b++) v[a, b] += acc[a * q + b];
        for (int a = 0; a < q; a++) for (int b = 0; b <= a; b++) { v[a, b] /= n; v[b, a] = v[a, b]; }
        double[,] inv;
        try { inv = SmallMatrix.Inverse(v, "pre-treatment covariance"); }
        catch (InvalidOperationException) { return null; }
        var theta = pre.Select(k => core.Att[k]).ToArray();
        double w = n * SmallMatrix.Dot(theta, SmallMatrix.Multiply(inv, theta));
        if (core.Cluster is { } clusters)
        {
            int g = clusters.Max() + 1;
            if (g > q)
            {
                double f = w * (g - q) / ((g - 1.0) * q);
                return new WaldPreTest(w, q, 1 - ChiSquared.CDF(q, w), g, f, 1 - FisherSnedecor.CDF(q, g - q, f));
            }
            return new WaldPreTest(w, q, 1 - ChiSquared.CDF(q, w), g);
        }
        return new WaldPreTest(w, q, 1 - ChiSquared.CDF(q, w));
    }
}

/// <summary>One component of an aggregation: an event time, a cohort or a calendar period.</summary>
/// <param name="Key">Event time (dynamic), cohort (group) or period (calendar).</param>
/// <param name="Att">Estimate.</param>
/// <param name="StdError">Standard error.</param>
/// <param name="CiLow">Pointwise lower bound.</param>
/// <param name="CiHigh">Pointwise upper bound.</param>
/// <param name="UniformLow">Simultaneous lower bound (bootstrap only).</param>
/// <param name="UniformHigh">Simultaneous upper bound (bootstrap only).</param>
public sealed record AggregateComponent(double Key, double Att, double StdError, double CiLow, double CiHigh, double? UniformLow, double? UniformHigh);

/// <summary>An aggregated Callaway–Sant'Anna effect (did's <c>aggte</c>): an overall number plus its components.</summary>
/// <param name="Type">Aggregation type.</param>
/// <param name="Att">Overall estimate.</param>
/// <param name="StdError">Overall standard error.</param>
/// <param name="CiLow">Overall lower bound (pointwise).</param>
/// <param name="CiHigh">Overall upper bound.</param>
/// <param name="Components">Per event time / cohort / period.</param>
/// <param name="CriticalValue">Critical value of the component intervals (sup-t when uniform).</param>
/// <param name="UniformBand">True when components carry simultaneous bands.</param>
/// <param name="Spec">The group-time specification aggregated.</param>
/// <param name="Units">Units used.</param>
/// <param name="Bootstrap">Bootstrap settings used, if any.</param>
[TypeFormatterSource(typeof(LibraryFormatterSource))]
public sealed record CallawaySantAnnaAggregate(
    AggregationType Type, double Att, double StdError, double CiLow, double CiHigh,
    IReadOnlyList<AggregateComponent> Components, double CriticalValue, bool UniformBand,
    CallawaySantAnnaSpec Spec, int Units, BootstrapSpec? Bootstrap) : IHtmlRenderable, IModelSummary
{
    /// <summary>Name of the component key column as in the CLI's JSON: event_time, group or time.</summary>
    public string KeyName => Type switch { AggregationType.Dynamic => "event_time", AggregationType.Group => "group", _ => "time" };

    /// <summary>Tidy event-study rows (dynamic aggregation only).</summary>
    public IReadOnlyList<EventTimeEstimate> EventStudy()
    {
        if (Type != AggregationType.Dynamic) throw new InvalidOperationException($"An event study needs the dynamic aggregation; this one is {Type}.");
        return Components.Select(c => new EventTimeEstimate("Callaway–Sant'Anna", (int)c.Key, c.Att, c.StdError, c.CiLow, c.CiHigh, c.UniformLow, c.UniformHigh)).ToArray();
    }

    /// <summary>Event-study chart with pointwise (and, when bootstrapped, uniform) bands; dynamic aggregation only.</summary>
    public AllianceResearch.Presentation.Charts.Figure ToChart(string? title = null) =>
        StaggeredCharts.EventStudy(EventStudy(), title ?? "Callaway–Sant'Anna event study");

    /// <inheritdoc/>
    public string ModelName => "Callaway–Sant'Anna";

    /// <inheritdoc/>
    public string Outcome => Spec.Outcome;

    /// <inheritdoc/>
    public IReadOnlyList<CoefficientEstimate> Coefficients
    {
        get
        {
            var list = new List<CoefficientEstimate> { Coef("ATT", Att, StdError) };
            string prefix = Type switch { AggregationType.Dynamic => "rel::", AggregationType.Group => "cohort::", _ => "time::" };
            list.AddRange(Components.Select(c => Coef(prefix + Key(c.Key), c.Att, c.StdError)));
            return list;
        }
    }

    private CoefficientEstimate Coef(string term, double est, double se)
    {
        double z = Z(Spec.Alpha);
        return new CoefficientEstimate(term, est, se, est / se, PNormal(est / se), est - z * se, est + z * se);
    }

    /// <inheritdoc/>
    public long Observations => (long)Units;

    /// <inheritdoc/>
    public double? RSquared => null;

    /// <inheritdoc/>
    public double? WithinRSquared => null;

    /// <inheritdoc/>
    public IReadOnlyList<KeyValuePair<string, string>> Footer =>
    [
        new("Aggregation", Type.ToString().ToLowerInvariant()),
        new("Comparison", Spec.Comparison == ComparisonGroup.NeverTreated ? "never treated" : "not yet treated"),
        new("Inference", Bootstrap is null ? "influence function" : $"multiplier bootstrap ({Bootstrap.Iterations})"),
    ];

    private IEnumerable<IReadOnlyList<string>> Rows() =>
        Components.Select(c => (IReadOnlyList<string>)(UniformBand
            ? [Key(c.Key), N(c.Att), N(c.StdError), N(c.CiLow), N(c.CiHigh), N(c.UniformLow ?? double.NaN), N(c.UniformHigh ?? double.NaN)]
            : [Key(c.Key), N(c.Att), N(c.StdError), N(c.CiLow), N(c.CiHigh)]));

    private IReadOnlyList<string> Header => UniformBand
        ? [KeyName, "ATT", "std. error", "low", "high", "uniform low", "uniform high"]
        : [KeyName, "ATT", "std. error", "low", "high"];

    private IEnumerable<string> Notes()
    {
        yield return $"Overall ATT ({Type.ToString().ToLowerInvariant()}): {N(Att)} (s.e. {N(StdError)}, {1 - Spec.Alpha:P0} CI [{N(CiLow)}, {N(CiHigh)}]).";
        yield return $"Callaway–Sant'Anna: {CallawaySantAnnaResult.Describe(Spec)}; {Units} units.";
        if (UniformBand) yield return $"Uniform band: sup-t critical value {N(CriticalValue, 3)} from {Bootstrap!.Iterations} multiplier-bootstrap draws (seed {Bootstrap.Seed}).";
    }

    private string Title => Type switch
    {
        AggregationType.Dynamic => "Event-study aggregation (effect by time since adoption)",
        AggregationType.Group => "Effect by adoption cohort",
        AggregationType.Calendar => "Effect by calendar period",
        _ => "Overall ATT",
    };

    /// <inheritdoc/>
    public override string ToString() => Text(Title, Header, Rows(), Notes());

    /// <inheritdoc/>
    public string ToHtml() => Table(Title, Header, Rows(), Notes());
}
