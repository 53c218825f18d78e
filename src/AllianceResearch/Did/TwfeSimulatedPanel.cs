using AllianceResearch.Data;

namespace AllianceResearch.Did;

/// <summary>
/// Staggered-adoption panels with a known effect, for Monte Carlo checks and benchmarks (the generator of the
/// project's performance anchors): cohort g uniform over {never, 3, 5, 7, 9}; d = 1{g &gt; 0, t ≥ g};
/// x1, x2 ~ N(0,1); y = αᵢ + 0.1 t + effect·d + 0.5 x1 − 0.3 x2 + ε, αᵢ ~ N(0,1), εᵢₜ = ρ εᵢ,ₜ₋₁ + N(0,1).
/// Deterministic given the seed (blocks of units use derived seeds, so parallel generation is reproducible).
/// </summary>
public static class TwfeSimulatedPanel
{
    /// <summary>Column arrays of a simulated panel, rows sorted by unit then time (ids 1..units, t = 1..periods).</summary>
    /// <param name="Id">Unit id per row.</param>
    /// <param name="T">Period per row.</param>
    /// <param name="G">Cohort per row (0 = never treated).</param>
    /// <param name="D">Treatment indicator.</param>
    /// <param name="X1">Covariate 1.</param>
    /// <param name="X2">Covariate 2.</param>
    /// <param name="Y">Outcome.</param>
    public sealed record Columns(int[] Id, int[] T, double[] G, double[] D, double[] X1, double[] X2, double[] Y);

    /// <summary>Generates <paramref name="units"/> × <paramref name="periods"/> rows.</summary>
    public static Columns Generate(int units, int periods = 10, int seed = 1, double effect = 1.0, double rho = 0.0)
    {
        long n = (long)units * periods;
        if (n > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(units), "Too many rows.");
        var c = new Columns(new int[n], new int[n], new double[n], new double[n], new double[n], new double[n], new double[n]);
        int[] cohorts = [0, 3, 5, 7, 9];
        const int block = 4096;
        int blocks = (units + block - 1) / block;
        Parallel.For(0, blocks, b =>
        {
            var rng = new Random(unchecked(seed * 1_000_003 + b));
            int u0 = b * block, u1 = Math.Min(units, u0 + block);
            for (int u = u0; u < u1; u++)
            {
                double g = cohorts[rng.Next(cohorts.Length)];
                double alpha = Normal(rng);
                double eps = 0;
                for (int t = 1; t <= periods; t++)
                {
                    long i = (long)u * periods + (t - 1);
                    double d = g > 0 && t >= g ? 1 : 0;
                    double x1 = Normal(rng), x2 = Normal(rng);
                    eps = rho * eps + Normal(rng);
                    c.Id[i] = u + 1; c.T[i] = t; c.G[i] = g; c.D[i] = d; c.X1[i] = x1; c.X2[i] = x2;
                    c.Y[i] = alpha + 0.1 * t + effect * d + 0.5 * x1 - 0.3 * x2 + eps;
                }
            }
        });
        return c;
    }

    /// <summary>The simulated columns as a validated <see cref="Panel"/> (numeric d, x1, x2, y; cohort g).</summary>
    public static Panel ToPanel(Columns c) => Panel.FromColumns(
        new PanelSpec("id", "t") { Numeric = ["y", "d", "x1", "x2"], Cohort = "g" },
        new Dictionary<string, Array> { ["id"] = c.Id, ["t"] = c.T, ["g"] = c.G, ["d"] = c.D, ["x1"] = c.X1, ["x2"] = c.X2, ["y"] = c.Y },
        "simulated staggered panel");

    private static double Normal(Random rng)
    {
        // Box–Muller (one value per call keeps the stream simple and reproducible).
        double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
