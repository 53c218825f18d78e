using AllianceResearch.Data;

namespace AllianceResearch.Simulation;

/// <summary>
/// Knobs of a simulated staggered-adoption panel (交错实施的模拟面板) with known treatment effects.
/// The defaults are the performance anchors of the reference benchmarks: periods 1..10, cohort drawn uniformly
/// from {never, 3, 5, 7, 9}, y = αᵢ + 0.1 t + τ·d + 0.5 x1 − 0.3 x2 + ε with αᵢ, x1, x2, ε ~ N(0, 1) and τ = 1.
/// </summary>
/// <param name="Units">Number of units.</param>
/// <param name="Periods">Number of periods (labelled 1..Periods).</param>
/// <param name="Cohorts">Adoption periods to draw from uniformly; 0 means never treated.</param>
/// <param name="Effect">Treatment effect of cohort g at event time e = t − g ≥ 0 (the truth); default constant 1.</param>
/// <param name="Seed">Seed: the same seed gives the same panel.</param>
public sealed record StaggeredPanelDesign(int Units, int Periods = 10, IReadOnlyList<int>? Cohorts = null,
    Func<int, int, double>? Effect = null, ulong Seed = 1)
{
    /// <summary>Cohorts drawn from, never null.</summary>
    public IReadOnlyList<int> CohortList => Cohorts ?? [0, 3, 5, 7, 9];

    /// <summary>The true effect τ(g, e), never null.</summary>
    public double TrueEffect(int cohort, int eventTime) => Effect is null ? 1.0 : Effect(cohort, eventTime);
}

/// <summary>Columns of a simulated staggered panel: one entry per unit-period, sorted by unit then period.</summary>
/// <param name="Id">Unit id (1..N).</param>
/// <param name="T">Period (1..T).</param>
/// <param name="G">Cohort (0 = never).</param>
/// <param name="D">Treatment indicator 1{g &gt; 0, t ≥ g}.</param>
/// <param name="X1">Covariate x1.</param>
/// <param name="X2">Covariate x2.</param>
/// <param name="Y">Outcome.</param>
public sealed record StaggeredPanelColumns(int[] Id, double[] T, double[] G, double[] D, double[] X1, double[] X2, double[] Y)
{
    /// <summary>A validated <see cref="Panel"/> with columns id, t, g, d, x1, x2, y (cohort g).</summary>
    public Panel ToPanel() => Panel.FromColumns(
        new PanelSpec("id", "t") { Numeric = ["y", "x1", "x2", "d"], Cohort = "g" },
        new Dictionary<string, Array> { ["id"] = Id, ["t"] = T, ["g"] = G, ["d"] = D, ["x1"] = X1, ["x2"] = X2, ["y"] = Y },
        "simulated staggered panel");
}

/// <summary>Generates staggered panels with known effects, for benchmarks and for Monte Carlo checks of estimators.</summary>
public static class StaggeredPanelGenerator
{
    /// <summary>Draws a panel from <paramref name="design"/>.</summary>
    public static StaggeredPanelColumns Generate(StaggeredPanelDesign design)
    {
        ArgumentNullException.ThrowIfNull(design);
        if (design.Units < 2) throw new ArgumentOutOfRangeException(nameof(design), design.Units, "At least two units are needed.");
        if (design.Periods < 2) throw new ArgumentOutOfRangeException(nameof(design), design.Periods, "At least two periods are needed.");
        int n = design.Units, T = design.Periods;
        long rows = (long)n * T;
        if (rows > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(design), rows, "At most 2^31 − 1 rows.");
        var cohorts = design.CohortList;
        var rng = new SeededRandom(design.Seed);
        var id = new int[rows];
        var t = new double[rows];
        var g = new double[rows];
        var d = new double[rows];
        var x1 = new double[rows];
        var x2 = new double[rows];
        var y = new double[rows];
        long r = 0;
        for (int i = 0; i < n; i++)
        {
            int gi = cohorts[rng.NextInt(cohorts.Count)];
            double alpha = rng.NextNormal();
            for (int p = 1; p <= T; p++, r++)
            {
                bool treated = gi > 0 && p >= gi;
                double a = rng.NextNormal(), b = rng.NextNormal(), e = rng.NextNormal();
                id[r] = i + 1; t[r] = p; g[r] = gi; d[r] = treated ? 1 : 0; x1[r] = a; x2[r] = b;
                y[r] = alpha + 0.1 * p + (treated ? design.TrueEffect(gi, p - gi) : 0) + 0.5 * a - 0.3 * b + e;
            }
        }
        return new StaggeredPanelColumns(id, t, g, d, x1, x2, y);
    }
}
