using AllianceResearch.Data;
using static AllianceResearch.Did.Staggered.StaggeredFormat;

namespace AllianceResearch.Did.Staggered;

/// <summary>
/// The heterogeneity-robust staggered-adoption estimators (交错双重差分) in one place: Callaway–Sant'Anna,
/// Sun–Abraham, Borusyak–Jaravel–Spiess imputation, the Goodman-Bacon decomposition and randomisation-inference
/// placebo tests. Each takes a <see cref="Panel"/> and a spec and returns an immutable result.
/// </summary>
public static partial class StaggeredDid
{
    /// <summary>
    /// Callaway &amp; Sant'Anna (2021) group-time ATTs, as R <c>did</c>'s <c>att_gt</c> computes them (validated against
    /// did 2.3.0 on mpdta to 1e-9). Aggregate the result with <see cref="CallawaySantAnnaResult.Aggregate"/>.
    /// </summary>
    public static CallawaySantAnnaResult CallawaySantAnna(Panel panel, CallawaySantAnnaSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var notes = new List<string>();
        var data = StaggeredDataBuilder.FromPanel(panel, spec.Outcome, spec.CovariateList, spec.ClusterColumn, notes);
        return CallawaySantAnna(data, spec, notes);
    }

    internal static CallawaySantAnnaResult CallawaySantAnna(StaggeredData data, CallawaySantAnnaSpec spec, List<string>? notes = null)
    {
        if (!(spec.Alpha > 0 && spec.Alpha < 1)) throw new ArgumentOutOfRangeException(nameof(spec), spec.Alpha, "Alpha must lie strictly between 0 and 1.");
        var core = CallawaySantAnnaCore.Estimate(data, spec.Comparison, spec.Base, spec.Anticipation, spec.Method);
        var allNotes = new List<string>(notes ?? []);
        allNotes.AddRange(core.Notes);
        int K = core.Att.Length;
        var se = new double[K];
        Parallel.For(0, K, k => se[k] = CallawaySantAnnaCore.StdError(core.Influence[k], core.Cluster));
        double z = Z(spec.Alpha), crit = z;
        bool uniform = false;
        var preTest = CallawaySantAnnaResult.ComputePreTest(core, se);
        if (spec.Bootstrap is not null)
        {
            var b = MultiplierBootstrap.Run(core.Influence, core.Cluster, spec.Bootstrap, spec.Alpha);
            for (int k = 0; k < K; k++) if (!double.IsNaN(se[k])) se[k] = b.StdErrors[k];
            if (double.IsFinite(b.CriticalValue) && b.CriticalValue >= z) { crit = b.CriticalValue; uniform = true; }
        }
        var effects = new GroupTimeAtt[K];
        for (int k = 0; k < K; k++)
        {
            double half = crit * se[k];
            effects[k] = new GroupTimeAtt(core.Groups[k], core.Times[k], core.Att[k], se[k], core.Att[k] - half, core.Att[k] + half,
                core.Groups[k] <= core.Times[k]);
        }
        return new CallawaySantAnnaResult(spec, core, effects, crit, uniform, preTest, allNotes);
    }
}
