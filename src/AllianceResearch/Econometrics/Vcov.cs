using System.Globalization;

namespace AllianceResearch.Econometrics;

/// <summary>How fixed-effect parameters enter K in the (n − 1)/(n − K) adjustment (fixest <c>ssc(K.fixef=)</c>).</summary>
public enum FixefK
{
    /// <summary>K = number of slopes only.</summary>
    None,

    /// <summary>Fixed effects nested in a cluster variable are not counted (fixest's default).</summary>
    Nested,

    /// <summary>All fixed-effect levels counted (minus one per extra dimension).</summary>
    Full,
}

/// <summary>How G enters multiway-cluster adjustments and t degrees of freedom (fixest <c>G.df</c>, <c>t.df</c>).</summary>
public enum ClusterDf
{
    /// <summary>Use the smallest number of clusters G_min (fixest's default).</summary>
    Min,

    /// <summary>Each term its own G (for G.df); n − K degrees of freedom (for t.df).</summary>
    Conventional,
}

/// <summary>
/// Small-sample corrections, mirroring fixest 0.14's <c>ssc()</c> (defaults = fixest defaults). With K from
/// <see cref="FixefK"/>: iid V = RSS/(n−K)·(X̃'X̃)⁻¹ (RSS/(n−1) without K adjustment); hetero V = n/(n−K)·HC0
/// (HC0 without); cluster V = G/(G−1)·(n−1)/(n−K)·CL0, t with G−1 degrees of freedom. fixest's "exact K"
/// (counting redundant fixed effects) is not offered: K subtracts one level per extra dimension, as fixest's default.
/// </summary>
/// <param name="KAdjust">Apply the (n − 1)/(n − K) factor (fixest <c>K.adj</c>).</param>
/// <param name="FixefK">How fixed effects count in K (fixest <c>K.fixef</c>).</param>
/// <param name="GAdjust">Apply G/(G − 1) for clustered errors (fixest <c>G.adj</c>).</param>
/// <param name="GDf">Which G the multiway adjustment uses (fixest <c>G.df</c>).</param>
/// <param name="TDf">t degrees of freedom for clustered errors (fixest <c>t.df</c>).</param>
public sealed record SmallSampleCorrection(
    bool KAdjust = true, FixefK FixefK = FixefK.Nested, bool GAdjust = true, ClusterDf GDf = ClusterDf.Min, ClusterDf TDf = ClusterDf.Min)
{
    /// <summary>fixest's defaults.</summary>
    public static SmallSampleCorrection Default { get; } = new();

    /// <summary>No K or G adjustment (fixest <c>ssc(K.adj = FALSE, G.adj = FALSE)</c>).</summary>
    public static SmallSampleCorrection NoAdjustment { get; } = new(KAdjust: false, GAdjust: false);

    /// <inheritdoc />
    public override string ToString() =>
        $"K.adj={(KAdjust ? "TRUE" : "FALSE")};K.fixef={FixefK.ToString().ToLowerInvariant()};G.adj={(GAdjust ? "TRUE" : "FALSE")};G.df={GDf.ToString().ToLowerInvariant()};t.df={TDf.ToString().ToLowerInvariant()}";
}

/// <summary>
/// A variance estimator choice (方差估计), applied after fitting with <see cref="FeolsResult.WithVcov"/>:
/// <see cref="Iid"/>, <see cref="Hetero"/>, <see cref="Cluster"/> or <see cref="TwoWayCluster"/>.
/// </summary>
public abstract record Vcov
{
    /// <summary>Small-sample corrections (fixest defaults unless set).</summary>
    public SmallSampleCorrection Ssc { get; init; } = SmallSampleCorrection.Default;

    /// <summary>Homoskedastic errors.</summary>
    public static Vcov Iid => new IidVcov();

    /// <summary>Heteroskedasticity-robust (HC1 under the default correction).</summary>
    public static Vcov Hetero => new HeteroVcov();

    /// <summary>Errors clustered on one column (CR1 under the default correction).</summary>
    public static Vcov Cluster(string column) => new ClusterVcov([column]);

    /// <summary>Errors clustered on two columns (Cameron–Gelbach–Miller: V₁ + V₂ − V₁₂).</summary>
    public static Vcov TwoWayCluster(string first, string second) => new ClusterVcov([first, second]);

    /// <summary>Returns the same estimator with other small-sample corrections.</summary>
    public Vcov WithSsc(SmallSampleCorrection ssc) => this with { Ssc = ssc };

    /// <summary>Short label, e.g. <c>iid</c>, <c>hetero</c>, <c>cluster(countyreal)</c>.</summary>
    public abstract string Label { get; }

    /// <inheritdoc />
    public sealed override string ToString() => Label;
}

/// <summary>Homoskedastic (iid) errors.</summary>
public sealed record IidVcov : Vcov
{
    /// <inheritdoc />
    public override string Label => "iid";
}

/// <summary>Heteroskedasticity-robust errors.</summary>
public sealed record HeteroVcov : Vcov
{
    /// <inheritdoc />
    public override string Label => "hetero";
}

/// <summary>Cluster-robust errors on one or two columns.</summary>
/// <param name="Columns">Cluster columns (one or two).</param>
public sealed record ClusterVcov(IReadOnlyList<string> Columns) : Vcov
{
    /// <inheritdoc />
    public override string Label => Columns.Count == 1 ? $"cluster({Columns[0]})" : $"twoway({string.Join(", ", Columns)})";

    /// <inheritdoc />
    public bool Equals(ClusterVcov? other) => other is not null && Ssc == other.Ssc && Columns.SequenceEqual(other.Columns);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Ssc, string.Join("\u0001", Columns));
}

/// <summary>A computed covariance matrix with the degrees of freedom and K it used.</summary>
/// <param name="Matrix">k × k covariance of the kept coefficients (row-major).</param>
/// <param name="TDegreesOfFreedom">Student-t degrees of freedom for tests and intervals.</param>
/// <param name="K">Parameter count used in the small-sample factor.</param>
/// <param name="Clusters">Number of clusters per cluster column (empty unless clustered).</param>
public sealed record CovarianceEstimate(double[,] Matrix, int TDegreesOfFreedom, int K, IReadOnlyList<int> Clusters);

internal static class VcovCalculator
{
    public static CovarianceEstimate Compute(FeolsResult r, Vcov spec)
    {
        int k = r.CoefficientNames.Count;
        int n = r.Observations32;
        var ssc = spec.Ssc;
        int kFull = k + r.FixedEffectParameterCount;
        var bread = r.BreadMatrix;
        switch (spec)
        {
            case IidVcov:
            {
                int kUsed = ssc.FixefK == FixefK.None ? k : kFull;
                double sigma2 = ssc.KAdjust ? r.Rss / (n - kUsed) : r.Rss / (n - 1);
                return new CovarianceEstimate(Scale(bread, sigma2), n - kFull, kUsed, []);
            }
            case HeteroVcov:
            {
                int kUsed = ssc.FixefK == FixefK.None ? k : kFull;
                // Σᵢ (wᵢ eᵢ)² x̃ᵢ x̃ᵢ' without materialising the n × k scores.
                var meat = new double[k, k];
                var x = r.DemeanedX;
                var e = r.Residuals;
                var w = r.WeightsUsed;
                for (int a = 0; a < k; a++)
                    for (int b = 0; b <= a; b++)
                    {
                        double s = 0;
                        var xa = x[a];
                        var xb = x[b];
                        for (int i = 0; i < n; i++) { double we = (w?[i] ?? 1.0) * e[i]; s += we * we * xa[i] * xb[i]; }
                        meat[a, b] = s;
                    }
                Symmetrize(meat);
                double factor = ssc.KAdjust ? (double)n / (n - kUsed) : 1.0;
                return new CovarianceEstimate(Scale(Sandwich(bread, meat), factor), n - kFull, kUsed, []);
            }
            case ClusterVcov c:
            {
                if (c.Columns.Count is < 1 or > 2)
                    throw new ArgumentException($"Clustered errors take one or two cluster columns; got {c.Columns.Count}.");
                var codes = c.Columns.Select(col => r.ClusterCodes(col)).ToList();
                // K: fixed effects nested in any cluster variable are not counted (fixest K.fixef = "nested").
                int kUsed = ssc.FixefK switch
                {
                    FixefK.None => k,
                    FixefK.Full => kFull,
                    _ => kFull - r.NestedFixedEffectLevels(codes.Select(x => x.Codes).ToList()),
                };
                var gs = codes.Select(x => x.Count).ToList();
                int gMin = gs.Min();
                double kFactor = ssc.KAdjust ? (double)(n - 1) / (n - kUsed) : 1.0;
                double GFactor(int g) => !ssc.GAdjust ? 1.0 : ssc.GDf == ClusterDf.Min ? (double)gMin / (gMin - 1) : (double)g / (g - 1);
                var meat = new double[k, k];
                Accumulate(meat, ClusterMeat(r, codes[0].Codes, codes[0].Count, k), GFactor(codes[0].Count));
                if (codes.Count == 2)
                {
                    Accumulate(meat, ClusterMeat(r, codes[1].Codes, codes[1].Count, k), GFactor(codes[1].Count));
                    var (inter, gi) = Intersect(codes[0].Codes, codes[1].Codes, codes[1].Count);
                    Accumulate(meat, ClusterMeat(r, inter, gi, k), -GFactor(gi));
                }
                int dfT = ssc.TDf == ClusterDf.Min ? gMin - 1 : n - kFull;
                return new CovarianceEstimate(Scale(Sandwich(bread, meat), kFactor), dfT, kUsed, gs);
            }
            default:
                throw new NotSupportedException($"Variance estimator {spec.GetType().Name} is not supported here.");
        }
    }

    private static (int[] Codes, int Count) Intersect(int[] a, int[] b, int lb)
    {
        var map = new Dictionary<long, int>();
        var codes = new int[a.Length];
        for (int i = 0; i < a.Length; i++)
        {
            long key = (long)a[i] * lb + b[i];
            if (!map.TryGetValue(key, out var c)) { c = map.Count; map[key] = c; }
            codes[i] = c;
        }
        return (codes, map.Count);
    }

    /// <summary>Σ_g (Σ_{i∈g} wᵢ x̃ᵢ eᵢ)(…)' — cluster sums of scores accumulated directly from the design and residuals.</summary>
    internal static double[,] ClusterMeat(FeolsResult r, int[] cluster, int g, int k)
    {
        var sums = new double[g * k];
        var e = r.Residuals;
        var w = r.WeightsUsed;
        for (int a = 0; a < k; a++)
        {
            var x = r.DemeanedX[a];
            if (w is null) for (int i = 0; i < x.Length; i++) sums[cluster[i] * k + a] += x[i] * e[i];
            else for (int i = 0; i < x.Length; i++) sums[cluster[i] * k + a] += w[i] * x[i] * e[i];
        }
        var meat = new double[k, k];
        for (int c = 0; c < g; c++)
            for (int a = 0; a < k; a++)
            {
                var sa = sums[c * k + a];
                for (int b = 0; b <= a; b++) meat[a, b] += sa * sums[c * k + b];
            }
        Symmetrize(meat);
        return meat;
    }

    private static void Accumulate(double[,] target, double[,] add, double factor)
    {
        for (int a = 0; a < target.GetLength(0); a++)
            for (int b = 0; b < target.GetLength(1); b++) target[a, b] += factor * add[a, b];
    }

    private static void Symmetrize(double[,] m)
    {
        for (int a = 0; a < m.GetLength(0); a++)
            for (int b = a + 1; b < m.GetLength(1); b++) m[a, b] = m[b, a];
    }

    internal static double[,] Sandwich(double[,] bread, double[,] meat)
    {
        int k = bread.GetLength(0);
        var tmp = new double[k, k];
        var result = new double[k, k];
        for (int a = 0; a < k; a++)
            for (int b = 0; b < k; b++)
            {
                double s = 0;
                for (int c = 0; c < k; c++) s += bread[a, c] * meat[c, b];
                tmp[a, b] = s;
            }
        for (int a = 0; a < k; a++)
            for (int b = 0; b < k; b++)
            {
                double s = 0;
                for (int c = 0; c < k; c++) s += tmp[a, c] * bread[c, b];
                result[a, b] = s;
            }
        return result;
    }

    internal static double[,] Scale(double[,] m, double f)
    {
        var r = (double[,])m.Clone();
        for (int a = 0; a < r.GetLength(0); a++)
            for (int b = 0; b < r.GetLength(1); b++) r[a, b] *= f;
        return r;
    }

    internal static string Fmt(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
