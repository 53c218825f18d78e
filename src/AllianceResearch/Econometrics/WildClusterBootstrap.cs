using System.Globalization;
using System.Net;
using AllianceResearch.Presentation;

namespace AllianceResearch.Econometrics;

/// <summary>Auxiliary weight distribution of the wild cluster bootstrap.</summary>
public enum BootstrapWeights
{
    /// <summary>±1 with probability 1/2 each.</summary>
    Rademacher,

    /// <summary>Webb's six-point distribution ±√(1/2), ±1, ±√(3/2), each with probability 1/6 (better with few clusters).</summary>
    Webb,
}

/// <summary>Options of a restricted wild cluster bootstrap (WCR) test of one coefficient.</summary>
/// <param name="Term">Coefficient tested.</param>
public sealed record WildBootstrapSpec(string Term)
{
    /// <summary>Cluster column; null = the result's cluster variable (its vcov must then be one-way clustered).</summary>
    public string? Cluster { get; init; }

    /// <summary>Bootstrap replications B. With Rademacher weights and 2^G ≤ B all 2^G sign vectors are enumerated instead.</summary>
    public int Replications { get; init; } = 9999;

    /// <summary>Auxiliary weights.</summary>
    public BootstrapWeights Weights { get; init; } = BootstrapWeights.Rademacher;

    /// <summary>Seed of the weight draws (results are identical for the same seed).</summary>
    public int Seed { get; init; } = 20240101;

    /// <summary>Null hypothesis value β₀.</summary>
    public double NullValue { get; init; }

    /// <summary>Confidence level of the interval obtained by inverting the test.</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>Compute the confidence interval (costs about 60 extra p-value evaluations).</summary>
    public bool ConfidenceInterval { get; init; } = true;
}

/// <summary>Result of a wild cluster bootstrap test (野聚类自助法).</summary>
/// <param name="Term">Coefficient tested.</param>
/// <param name="Estimate">Point estimate.</param>
/// <param name="NullValue">β₀.</param>
/// <param name="TStatistic">Observed cluster-robust t statistic for β = β₀.</param>
/// <param name="PValue">Symmetric bootstrap p-value: share of |t*| ≥ |t|.</param>
/// <param name="CiLow">Lower end of the test-inversion interval (NaN if not computed).</param>
/// <param name="CiHigh">Upper end of the test-inversion interval (NaN if not computed).</param>
/// <param name="Replications">Number of bootstrap draws used (2^G when enumerated).</param>
/// <param name="Enumerated">True when all 2^G Rademacher sign vectors were used (the p-value is then exact for this design).</param>
/// <param name="Clusters">Number of clusters G.</param>
/// <param name="Weights">Auxiliary weights.</param>
/// <param name="Seed">Seed used.</param>
/// <param name="ConfidenceLevel">Level of the interval.</param>
[TypeFormatterSource(typeof(LibraryFormatterSource))]
public sealed record WildBootstrapResult(
    string Term, double Estimate, double NullValue, double TStatistic, double PValue, double CiLow, double CiHigh,
    int Replications, bool Enumerated, int Clusters, BootstrapWeights Weights, int Seed, double ConfidenceLevel) : IHtmlRenderable
{
    /// <inheritdoc />
    public override string ToString()
    {
        var inv = CultureInfo.InvariantCulture;
        var draws = Enumerated ? string.Create(inv, $"all {Replications} sign vectors") : string.Create(inv, $"B = {Replications}, seed {Seed}");
        var ci = double.IsNaN(CiLow) ? "" : string.Create(inv, $", {ConfidenceLevel * 100:0}% CI [{CiLow:G5}, {CiHigh:G5}]");
        return string.Create(inv, $"Wild cluster bootstrap (WCR, {Weights}, {draws}, G = {Clusters}): ") +
               string.Create(inv, $"{Term} = {Estimate:G6}, H0: {Term} = {NullValue:G6}, t = {TStatistic:F3}, p {PText}") + ci;
    }

    /// <summary>"= p", or "&lt; 1/B" when no bootstrap draw was as extreme (a bootstrap p-value is never exactly zero).</summary>
    private string PText => PValue > 0 ? "= " + FeolsResult.FormatP(PValue) : "< " + (1.0 / Replications).ToString("G2", CultureInfo.InvariantCulture);

    /// <summary>One-line HTML rendering.</summary>
    public string ToHtml() => "<div class=\"ar-wild\"><p>" + WebUtility.HtmlEncode(ToString()) + "</p></div>";
}

/// <summary>
/// Restricted wild cluster bootstrap (WCR; Cameron, Gelbach and Miller 2008; the fast algebra of Roodman et al. 2019)
/// for one coefficient of a fitted <see cref="FeolsResult"/>. Works on the fixed-effect-demeaned data: exact relative to
/// re-estimating with dummies when the fixed effects are nested in the clusters; otherwise it is the usual
/// projected-out approximation, as in boottest/fwildclusterboot with absorbed fixed effects.
/// </summary>
public static class WildClusterBootstrap
{
    /// <summary>Runs the bootstrap test and, unless disabled, inverts it into a confidence interval.</summary>
    public static WildBootstrapResult Test(FeolsResult result, WildBootstrapSpec spec)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Replications < 99) throw new ArgumentOutOfRangeException(nameof(spec), $"Replications must be at least 99; got {spec.Replications}.");
        string cluster = spec.Cluster ?? (result.Vcov is ClusterVcov { Columns.Count: 1 } cv ? cv.Columns[0]
            : throw new ArgumentException($"The result's vcov is {result.Vcov.Label}; name the cluster column in WildBootstrapSpec.Cluster."));
        var engine = new Engine(result, spec, cluster);
        double t = engine.ObservedT(spec.NullValue);
        double p = engine.PValue(spec.NullValue, t);
        double lo = double.NaN, hi = double.NaN;
        if (spec.ConfidenceInterval) (lo, hi) = engine.Interval(1 - spec.ConfidenceLevel);
        return new WildBootstrapResult(spec.Term, engine.BetaHat, spec.NullValue, t, p, lo, hi, engine.B, engine.Enumerated, engine.G, spec.Weights, spec.Seed, spec.ConfidenceLevel);
    }

    private sealed class Engine
    {
        private readonly int _k, _j;
        private readonly double[,] _bread;
        private readonly double[] _y, _c0, _cm, _m; // per cluster: X'Wy, X'W(M₋ⱼy), X'W(M₋ⱼxⱼ) (G×k), X'WX (G×k×k)
        private readonly double _factor;             // CR1 factor G/(G−1)·(n−1)/(n−K) of the result's convention
        private readonly double[] _table;
        private readonly byte[] _v;                  // B × G weight indices
        private readonly double _seHat;

        public int G { get; }
        public int B { get; }
        public bool Enumerated { get; }
        public double BetaHat { get; }

        public Engine(FeolsResult r, WildBootstrapSpec spec, string cluster)
        {
            _k = r.CoefficientNames.Count;
            _j = r.IndexOf(spec.Term);
            _bread = r.BreadMatrix;
            BetaHat = r.Estimate(spec.Term);
            var (codes, g) = r.ClusterCodes(cluster);
            if (g < 2) throw new ArgumentException($"The wild cluster bootstrap needs at least 2 clusters in '{cluster}'; found {g}.");
            G = g;
            int n = r.Observations32, k = _k;
            var x = r.DemeanedX;
            var w = r.WeightsUsed;
            // ỹ = X̃β̂ + ê; residualise ỹ and x̃ⱼ on the other columns (restricted model algebra).
            var y = new double[n];
            for (int i = 0; i < n; i++) { double s = r.Residuals[i]; for (int a = 0; a < k; a++) s += x[a][i] * r.Beta[a]; y[i] = s; }
            var others = Enumerable.Range(0, k).Where(a => a != _j).ToArray();
            var my = Residualise(y, x, others, w);
            var mx = Residualise(x[_j], x, others, w);
            _y = new double[g * k]; _c0 = new double[g * k]; _cm = new double[g * k]; _m = new double[g * k * k];
            for (int i = 0; i < n; i++)
            {
                int h = codes[i];
                double wi = w?[i] ?? 1.0;
                for (int a = 0; a < k; a++)
                {
                    double xa = wi * x[a][i];
                    _y[h * k + a] += xa * y[i];
                    _c0[h * k + a] += xa * my[i];
                    _cm[h * k + a] += xa * mx[i];
                    for (int b = 0; b < k; b++) _m[(h * k + a) * k + b] += xa * x[b][i];
                }
            }
            var cov = VcovCalculator.Compute(r, new ClusterVcov([cluster]) { Ssc = r.Vcov.Ssc });
            // Recover the factor from the analytic CR1 variance so the bootstrap t uses exactly the reported convention.
            double cl0 = Meat(ObservedScores());
            _factor = cov.Matrix[_j, _j] / cl0;
            _seHat = Math.Sqrt(cov.Matrix[_j, _j]);

            _table = spec.Weights == BootstrapWeights.Rademacher ? [-1.0, 1.0]
                : [-Math.Sqrt(1.5), -1.0, -Math.Sqrt(0.5), Math.Sqrt(0.5), 1.0, Math.Sqrt(1.5)];
            if (spec.Weights == BootstrapWeights.Rademacher && g < 31 && (1L << g) <= spec.Replications)
            {
                Enumerated = true;
                B = 1 << g;
                _v = new byte[(long)B * g];
                for (int b = 0; b < B; b++) for (int h = 0; h < g; h++) _v[(long)b * g + h] = (byte)((b >> h) & 1);
            }
            else
            {
                B = spec.Replications;
                _v = new byte[(long)B * g];
                var rng = new Random(spec.Seed);
                for (long i = 0; i < _v.LongLength; i++) _v[i] = (byte)rng.Next(_table.Length);
            }
        }

        private static double[] Residualise(double[] v, double[][] x, int[] cols, double[]? w)
        {
            int n = v.Length, m = cols.Length;
            if (m == 0) return (double[])v.Clone();
            var xtx = new double[m, m];
            var xtv = new double[m];
            for (int i = 0; i < n; i++)
            {
                double wi = w?[i] ?? 1.0;
                for (int a = 0; a < m; a++)
                {
                    double xa = wi * x[cols[a]][i];
                    xtv[a] += xa * v[i];
                    for (int b = 0; b <= a; b++) xtx[a, b] += xa * x[cols[b]][i];
                }
            }
            for (int a = 0; a < m; a++) for (int b = a + 1; b < m; b++) xtx[a, b] = xtx[b, a];
            var coef = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(xtx)
                .Solve(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray(xtv)).ToArray();
            var res = (double[])v.Clone();
            for (int i = 0; i < n; i++) for (int a = 0; a < m; a++) res[i] -= coef[a] * x[cols[a]][i];
            return res;
        }

        // Per-cluster scores of the observed fit: Sₕ = X̃ₕ'W ỹₕ − (X̃ₕ'W X̃ₕ) β̂ = X̃ₕ'W êₕ.
        private double[] ObservedScores()
        {
            int k = _k;
            var beta = new double[k];
            var xty = new double[k];
            for (int h = 0; h < G; h++) for (int a = 0; a < k; a++) xty[a] += _y[h * k + a];
            for (int a = 0; a < k; a++) { double s = 0; for (int b = 0; b < k; b++) s += _bread[a, b] * xty[b]; beta[a] = s; }
            var scores = new double[G * k];
            for (int h = 0; h < G; h++)
                for (int a = 0; a < k; a++)
                {
                    double s = _y[h * k + a];
                    for (int b = 0; b < k; b++) s -= _m[(h * k + a) * k + b] * beta[b];
                    scores[h * k + a] = s;
                }
            return scores;
        }

        private double Meat(double[] scores)
        {
            double total = 0;
            for (int h = 0; h < G; h++)
            {
                double s = 0;
                for (int a = 0; a < _k; a++) s += _bread[_j, a] * scores[h * _k + a];
                total += s * s;
            }
            return total;
        }

        public double ObservedT(double b0) => (BetaHat - b0) / _seHat;

        /// <summary>Share of bootstrap |t*| at least |t| under H0: β = b0.</summary>
        public double PValue(double b0, double tObs)
        {
            int k = _k, g = G;
            // Restricted residual scores cₕ(b0) = C0ₕ − b0·CMₕ; restricted fit scores aₕ = Yₕ − cₕ.
            var c = new double[g * k];
            var a0 = new double[g * k];
            for (int i = 0; i < g * k; i++) { c[i] = _c0[i] - b0 * _cm[i]; a0[i] = _y[i] - c[i]; }
            var sumA = new double[k];
            for (int h = 0; h < g; h++) for (int a = 0; a < k; a++) sumA[a] += a0[h * k + a];
            // Linear pieces of β* and of Sₕ* in the weights: β* = bread(ΣA + Σ vₕ cₕ); precompute bread·cₕ.
            var bc = new double[g * k];
            for (int h = 0; h < g; h++)
                for (int a = 0; a < k; a++)
                {
                    double s = 0;
                    for (int b = 0; b < k; b++) s += _bread[a, b] * c[h * k + b];
                    bc[h * k + a] = s;
                }
            var betaA = new double[k];
            for (int a = 0; a < k; a++) { double s = 0; for (int b = 0; b < k; b++) s += _bread[a, b] * sumA[b]; betaA[a] = s; }
            // rⱼ·Sₕ* with rⱼ = bread row j: uₕ = rⱼ·aₕ − (rⱼ Mₕ)·β*, plus vₕ rⱼ·cₕ. Precompute rⱼMₕ, rⱼ·aₕ, rⱼ·cₕ.
            var rm = new double[g * k];
            var ra = new double[g];
            var rc = new double[g];
            for (int h = 0; h < g; h++)
            {
                double sa = 0, sc = 0;
                for (int a = 0; a < k; a++)
                {
                    sa += _bread[_j, a] * a0[h * k + a];
                    sc += _bread[_j, a] * c[h * k + a];
                    double s = 0;
                    for (int b = 0; b < k; b++) s += _bread[_j, b] * _m[(h * k + b) * k + a];
                    rm[h * k + a] = s;
                }
                ra[h] = sa; rc[h] = sc;
            }
            double absT = Math.Abs(tObs) * (1 - 1e-12);
            long exceed = 0;
            int chunks = Math.Min(Environment.ProcessorCount * 4, B);
            var counts = new long[chunks];
            Parallel.For(0, chunks, ch =>
            {
                int lo = (int)((long)B * ch / chunks), hi = (int)((long)B * (ch + 1) / chunks);
                var beta = new double[k];
                long local = 0;
                for (int b = lo; b < hi; b++)
                {
                    long off = (long)b * g;
                    for (int a = 0; a < k; a++) beta[a] = betaA[a];
                    for (int h = 0; h < g; h++)
                    {
                        double v = _table[_v[off + h]];
                        for (int a = 0; a < k; a++) beta[a] += v * bc[h * k + a];
                    }
                    double meat = 0;
                    for (int h = 0; h < g; h++)
                    {
                        double v = _table[_v[off + h]];
                        double u = ra[h] + v * rc[h];
                        for (int a = 0; a < k; a++) u -= rm[h * k + a] * beta[a];
                        meat += u * u;
                    }
                    double tStar = (beta[_j] - b0) / Math.Sqrt(_factor * meat);
                    if (Math.Abs(tStar) >= absT) local++;
                }
                counts[ch] = local;
            });
            foreach (var cnt in counts) exceed += cnt;
            return (double)exceed / B;
        }

        /// <summary>Bounds where the bootstrap p-value crosses <paramref name="alpha"/>, found by bracketing and bisection.</summary>
        public (double Low, double High) Interval(double alpha)
        {
            double Bound(int sign)
            {
                double inside = BetaHat, step = _seHat, outside = BetaHat + sign * step;
                int guard = 0;
                while (PValue(outside, ObservedT(outside)) > alpha)
                {
                    inside = outside;
                    step *= 2;
                    outside = BetaHat + sign * step;
                    if (++guard > 60) return sign * double.PositiveInfinity;
                }
                for (int it = 0; it < 60 && Math.Abs(outside - inside) > 1e-7 * _seHat; it++)
                {
                    double mid = 0.5 * (inside + outside);
                    if (PValue(mid, ObservedT(mid)) > alpha) inside = mid; else outside = mid;
                }
                return 0.5 * (inside + outside);
            }
            return (Bound(-1), Bound(+1));
        }
    }
}
