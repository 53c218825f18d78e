using AllianceResearch.Simulation;
using MathNet.Numerics.Distributions;

namespace AllianceResearch.Did.Staggered;

/// <summary>What a multiplier bootstrap returns for a set of estimates sharing one sample.</summary>
/// <param name="StdErrors">Bootstrap standard errors (interquartile range of the draws over that of a normal; NaN when degenerate).</param>
/// <param name="CriticalValue">Sup-t critical value for a simultaneous band at 1 − α over the non-degenerate estimates.</param>
/// <param name="Iterations">Draws used.</param>
internal sealed record BootstrapOutcome(double[] StdErrors, double CriticalValue, int Iterations);

/// <summary>
/// The multiplier bootstrap of Callaway &amp; Sant'Anna (2021, Algorithm 1) as R <c>did</c>'s <c>mboot</c> runs it:
/// perturb each cluster's summed influence function by an i.i.d. multiplier, scale the mean by √G, read the
/// standard error off the interquartile range and the uniform critical value off the maximum |t| across estimates.
/// </summary>
internal static class MultiplierBootstrap
{
    private static readonly double IqrOfNormal = Normal.InvCDF(0, 1, 0.75) - Normal.InvCDF(0, 1, 0.25);

    /// <summary>Runs the bootstrap over influence columns (each of length n units).</summary>
    /// <param name="influence">Influence functions, one array per estimate.</param>
    /// <param name="cluster">Cluster code per unit (0..G−1), or null for unit-level draws.</param>
    /// <param name="spec">Iterations, seed, multiplier distribution.</param>
    /// <param name="alpha">Band level.</param>
    public static BootstrapOutcome Run(IReadOnlyList<double[]> influence, int[]? cluster, BootstrapSpec spec, double alpha)
    {
        if (spec.Iterations < 10) throw new ArgumentOutOfRangeException(nameof(spec), spec.Iterations, "The bootstrap needs at least 10 iterations.");
        int k = influence.Count;
        int n = k == 0 ? 0 : influence[0].Length;
        // Sum influence within clusters: the cluster-robust form of did's Remark 10.
        double[][] sums;
        int g;
        if (cluster is null)
        {
            sums = influence.ToArray();
            g = n;
        }
        else
        {
            g = cluster.Max() + 1;
            sums = new double[k][];
            for (int j = 0; j < k; j++)
            {
                var s = new double[g];
                var f = influence[j];
                for (int i = 0; i < n; i++) s[cluster[i]] += f[i];
                sums[j] = s;
            }
        }
        var rng = new SeededRandom(spec.Seed);
        int b = spec.Iterations;
        var draws = new double[k][];
        for (int j = 0; j < k; j++) draws[j] = new double[b];
        var v = new double[g];
        double sqrtG = Math.Sqrt(g);
        double mammenLow = (1 - Math.Sqrt(5)) / 2, mammenHigh = (1 + Math.Sqrt(5)) / 2;
        double mammenP = (Math.Sqrt(5) + 1) / (2 * Math.Sqrt(5));
        for (int it = 0; it < b; it++)
        {
            for (int c = 0; c < g; c++)
            {
                v[c] = spec.Weights == MultiplierWeights.Rademacher
                    ? ((rng.NextUInt64() >> 63) == 0 ? -1.0 : 1.0)
                    : (rng.NextDouble() < mammenP ? mammenLow : mammenHigh);
            }
            for (int j = 0; j < k; j++)
            {
                var s = sums[j];
                double acc = 0;
                for (int c = 0; c < g; c++) acc += v[c] * s[c];
                draws[j][it] = sqrtG * (acc / g);
            }
        }
        var se = new double[k];
        var sigma = new double[k];
        double tiny = Math.Sqrt(2.220446049250313e-16) * 10;
        for (int j = 0; j < k; j++)
        {
            double ss = 0;
            foreach (var x in draws[j]) ss += x * x;
            if (!(ss > tiny)) { se[j] = double.NaN; sigma[j] = double.NaN; continue; }
            var sorted = (double[])draws[j].Clone();
            Array.Sort(sorted);
            sigma[j] = (QuantileType1(sorted, 0.75) - QuantileType1(sorted, 0.25)) / IqrOfNormal;
            se[j] = sigma[j] * sqrtG / n;
            if (!(sigma[j] > tiny)) sigma[j] = double.NaN;
        }
        var supT = new List<double>(b);
        for (int it = 0; it < b; it++)
        {
            double m = double.NegativeInfinity;
            for (int j = 0; j < k; j++)
            {
                if (double.IsNaN(sigma[j])) continue;
                m = Math.Max(m, Math.Abs(draws[j][it] / sigma[j]));
            }
            if (double.IsFinite(m)) supT.Add(m);
        }
        supT.Sort();
        double crit = supT.Count == 0 ? double.NaN : QuantileType1(supT, 1 - alpha);
        return new BootstrapOutcome(se, crit, b);
    }

    /// <summary>R's quantile type 1: the inverse of the empirical distribution function.</summary>
    internal static double QuantileType1(IReadOnlyList<double> sorted, double p)
    {
        int n = sorted.Count;
        double np = n * p;
        int j = (int)Math.Floor(np);
        // type 1: x[j] if np > j (1-based ceil), else x[j] at exact integers.
        int idx = np - j > 1e-12 ? j : j - 1;
        idx = Math.Clamp(idx, 0, n - 1);
        return sorted[idx];
    }
}
