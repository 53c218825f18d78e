using System.Globalization;

namespace AllianceResearch.Econometrics;

/// <summary>How the fixed effects were absorbed (固定效应吸收), for the result's report.</summary>
public enum AbsorptionMethod
{
    /// <summary>No fixed effects.</summary>
    None,

    /// <summary>One fixed-effect dimension: group means subtracted in one pass (exact).</summary>
    OneWayExact,

    /// <summary>Balanced unit × time grid without weights: x − x̄ᵢ − x̄ₜ + x̄ in one pass (exact).</summary>
    BalancedTwoWayExact,

    /// <summary>Alternating projections over the dimensions with Irons–Tuck acceleration, to a tolerance.</summary>
    AlternatingProjections,
}

/// <summary>One absorbed fixed-effect dimension after singleton removal.</summary>
/// <param name="Name">Name as specified (e.g. <c>countyreal</c> or <c>province^year</c>).</param>
/// <param name="Levels">Number of levels present in the estimation sample.</param>
public sealed record FixedEffectDimension(string Name, int Levels);

/// <summary>What absorption did: method, iterations, and whether it met its tolerance.</summary>
/// <param name="Method">Algorithm used.</param>
/// <param name="MaxIterations">Most iterations any variable needed (0 for exact methods).</param>
/// <param name="Tolerance">Convergence tolerance (max absolute change, relative to the variable's scale).</param>
/// <param name="Converged">False when some variable hit the iteration limit.</param>
public sealed record AbsorptionReport(AbsorptionMethod Method, int MaxIterations, double Tolerance, bool Converged)
{
    /// <inheritdoc />
    public override string ToString() => Method switch
    {
        AbsorptionMethod.AlternatingProjections => string.Create(CultureInfo.InvariantCulture,
            $"alternating projections (Irons–Tuck), {MaxIterations} iterations, tol {Tolerance:G3}{(Converged ? "" : ", NOT CONVERGED")}"),
        _ => Method.ToString(),
    };
}

/// <summary>Fixed-effect structure over the estimation sample and the demeaning (within transformation) it implies.</summary>
internal sealed class FixedEffectStructure
{
    public required string[] Names { get; init; }
    public required int[][] Codes { get; init; }    // per dimension, per estimation row
    public required int[] Levels { get; init; }
    public bool BalancedGrid { get; init; }          // dims 0,1 form a complete unit × time grid (exact two-way)

    public int Dimensions => Names.Length;

    /// <summary>
    /// Rows to keep (null = all) after iteratively removing observations that are alone in some fixed-effect level
    /// (fixest's default: such observations are fit perfectly and carry no information on the slopes).
    /// </summary>
    public static int[]? SingletonFreeRows(int[][] codes, int[] levels, int n)
    {
        var keep = new bool[n];
        Array.Fill(keep, true);
        bool changed = true;
        var counts = levels.Select(l => new int[l]).ToArray();
        while (changed)
        {
            changed = false;
            for (int d = 0; d < codes.Length; d++)
            {
                Array.Clear(counts[d]);
                var c = codes[d];
                for (int i = 0; i < n; i++) if (keep[i]) counts[d][c[i]]++;
            }
            for (int i = 0; i < n; i++)
            {
                if (!keep[i]) continue;
                for (int d = 0; d < codes.Length; d++)
                {
                    if (counts[d][codes[d][i]] == 1) { keep[i] = false; changed = true; break; }
                }
            }
        }
        int kept = 0;
        for (int i = 0; i < n; i++) if (keep[i]) kept++;
        if (kept == n) return null;
        var rows = new int[kept];
        for (int i = 0, j = 0; i < n; i++) if (keep[i]) rows[j++] = i;
        return rows;
    }

    /// <summary>Re-codes <paramref name="codes"/> restricted to <paramref name="rows"/> densely (0..L−1, order kept).</summary>
    public static (int[] Codes, int Levels) Densify(int[] codes, int[]? rows, int maxLevels)
    {
        int n = rows?.Length ?? codes.Length;
        var map = new int[maxLevels];
        Array.Fill(map, -1);
        for (int i = 0; i < n; i++) map[codes[rows is null ? i : rows[i]]] = 0;
        int next = 0;
        for (int l = 0; l < maxLevels; l++) if (map[l] == 0) map[l] = next++;
        // All rows, every level present: the codes are already dense; share the (never mutated) array.
        if (rows is null && next == maxLevels) return (codes, next);
        var result = new int[n];
        for (int i = 0; i < n; i++) result[i] = map[codes[rows is null ? i : rows[i]]];
        return (result, next);
    }

    public AbsorptionMethod Method(bool weighted) =>
        Dimensions == 0 ? AbsorptionMethod.None
        : Dimensions == 1 ? AbsorptionMethod.OneWayExact
        : Dimensions == 2 && BalancedGrid && !weighted ? AbsorptionMethod.BalancedTwoWayExact
        : AbsorptionMethod.AlternatingProjections;

    /// <summary>
    /// Demeans every column (in parallel across columns) and reports iterations. Columns are replaced by new
    /// arrays; inputs are not modified.
    /// </summary>
    public (double[][] Demeaned, AbsorptionReport Report) Demean(double[][] columns, double[]? w, double tol, int maxIter)
    {
        var method = Method(w is not null);
        var result = new double[columns.Length][];
        var iters = new int[columns.Length];
        var converged = new bool[columns.Length];
        var sumW = w is null ? null : GroupWeights(w);
        Parallel.For(0, columns.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, j =>
        {
            var v = columns[j];
            switch (method)
            {
                case AbsorptionMethod.None:
                    result[j] = (double[])v.Clone();
                    converged[j] = true;
                    break;
                case AbsorptionMethod.OneWayExact:
                    result[j] = (double[])v.Clone();
                    SubtractGroupMeans(result[j], 0, w, sumW);
                    converged[j] = true;
                    break;
                case AbsorptionMethod.BalancedTwoWayExact:
                    result[j] = BalancedTwoWay(v);
                    converged[j] = true;
                    break;
                default:
                    (result[j], iters[j], converged[j]) = AlternatingProjections(v, w, sumW, tol, maxIter);
                    break;
            }
        });
        return (result, new AbsorptionReport(method, iters.DefaultIfEmpty(0).Max(), tol, converged.All(c => c)));
    }

    private double[][] GroupWeights(double[] w)
    {
        var sums = new double[Dimensions][];
        for (int d = 0; d < Dimensions; d++)
        {
            var s = new double[Levels[d]];
            var c = Codes[d];
            for (int i = 0; i < w.Length; i++) s[c[i]] += w[i];
            sums[d] = s;
        }
        return sums;
    }

    private void SubtractGroupMeans(double[] v, int d, double[]? w, double[][]? sumW)
    {
        var c = Codes[d];
        var sums = new double[Levels[d]];
        if (w is null)
        {
            var counts = new int[Levels[d]];
            for (int i = 0; i < v.Length; i++) { sums[c[i]] += v[i]; counts[c[i]]++; }
            for (int l = 0; l < sums.Length; l++) sums[l] /= counts[l];
        }
        else
        {
            for (int i = 0; i < v.Length; i++) sums[c[i]] += w[i] * v[i];
            var sw = sumW![d];
            for (int l = 0; l < sums.Length; l++) sums[l] /= sw[l];
        }
        for (int i = 0; i < v.Length; i++) v[i] -= sums[c[i]];
    }

    /// <summary>Exact within transformation on a complete grid: ṽ = v − v̄(unit) − v̄(time) + v̄.</summary>
    private double[] BalancedTwoWay(double[] v)
    {
        var a = Codes[0];
        var b = Codes[1];
        int la = Levels[0], lb = Levels[1];
        var ma = new double[la];
        var mb = new double[lb];
        double total = 0;
        for (int i = 0; i < v.Length; i++) { ma[a[i]] += v[i]; mb[b[i]] += v[i]; }
        for (int l = 0; l < la; l++) total += ma[l];
        for (int l = 0; l < la; l++) ma[l] /= lb;
        for (int l = 0; l < lb; l++) mb[l] /= la;
        var grand = total / v.Length;
        var r = new double[v.Length];
        for (int i = 0; i < v.Length; i++) r[i] = v[i] - ma[a[i]] - mb[b[i]] + grand;
        return r;
    }

    /// <summary>
    /// Alternating projections (one sweep subtracts each dimension's group means in turn) accelerated with the
    /// Irons–Tuck (1969) extrapolation every other sweep, the scheme fixest uses (Bergé 2018). Stops when the largest
    /// change of a sweep is below <paramref name="tol"/> × the variable's scale.
    /// </summary>
    private (double[] Result, int Iterations, bool Converged) AlternatingProjections(double[] v, double[]? w, double[][]? sumW, double tol, int maxIter)
    {
        int n = v.Length;
        double scale = 0;
        for (int i = 0; i < n; i++) scale = Math.Max(scale, Math.Abs(v[i]));
        if (scale == 0) return (new double[n], 0, true);
        var x = (double[])v.Clone();
        var gx = new double[n];
        var ggx = new double[n];
        double threshold = tol * scale;
        for (int iter = 1; iter <= maxIter; iter++)
        {
            Array.Copy(x, gx, n);
            Sweep(gx, w, sumW);
            double change = 0;
            for (int i = 0; i < n; i++) change = Math.Max(change, Math.Abs(gx[i] - x[i]));
            if (change <= threshold) return (gx, iter, true);
            Array.Copy(gx, ggx, n);
            Sweep(ggx, w, sumW);
            // Irons–Tuck: x* = GGX − [(ΔGX·Δ²X)/(Δ²X·Δ²X)] ΔGX, with ΔGX = GGX − GX and Δ²X = GGX − 2GX + X.
            double num = 0, den = 0;
            for (int i = 0; i < n; i++)
            {
                double dgx = ggx[i] - gx[i];
                double d2 = dgx - (gx[i] - x[i]);
                num += dgx * d2;
                den += d2 * d2;
            }
            if (den > 0)
            {
                double coef = num / den;
                for (int i = 0; i < n; i++) x[i] = ggx[i] - coef * (ggx[i] - gx[i]);
            }
            else Array.Copy(ggx, x, n);
        }
        Sweep(x, w, sumW);
        return (x, maxIter, false);
    }

    private void Sweep(double[] v, double[]? w, double[][]? sumW)
    {
        for (int d = 0; d < Dimensions; d++) SubtractGroupMeans(v, d, w, sumW);
    }

    /// <summary>True when every level of dimension <paramref name="d"/> lies within a single cluster.</summary>
    public bool IsNestedIn(int d, int[] clusterCodes)
    {
        var owner = new int[Levels[d]];
        Array.Fill(owner, -1);
        var c = Codes[d];
        for (int i = 0; i < c.Length; i++)
        {
            ref int o = ref owner[c[i]];
            if (o == -1) o = clusterCodes[i];
            else if (o != clusterCodes[i]) return false;
        }
        return true;
    }
}
