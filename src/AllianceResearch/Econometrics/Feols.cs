using AllianceResearch.Data;

namespace AllianceResearch.Econometrics;

/// <summary>
/// A fixed-effects least-squares specification (固定效应回归): outcome ~ regressors | fixed effects. Typed, not a
/// formula string; an interacted fixed effect is written <c>"province^year"</c>.
/// </summary>
/// <param name="Outcome">Outcome column.</param>
/// <param name="Regressors">Slope regressors (numeric columns).</param>
/// <param name="FixedEffects">Absorbed fixed-effect dimensions (unit, time, factor columns, or <c>a^b</c> interactions).</param>
public sealed record FeolsSpec(string Outcome, IReadOnlyList<string> Regressors, IReadOnlyList<string> FixedEffects)
{
    /// <summary>Analytic weights column (none when null).</summary>
    public string? Weights { get; init; }

    /// <summary>Variance estimator for the first result (change later with <see cref="FeolsResult.WithVcov"/>); fixest's default is iid.</summary>
    public Vcov Vcov { get; init; } = Vcov.Iid;

    /// <summary>Remove observations alone in a fixed-effect level, repeatedly (fixest's default).</summary>
    public bool RemoveSingletons { get; init; } = true;

    /// <summary>Convergence tolerance of alternating projections (max change relative to the variable's scale).</summary>
    public double Tolerance { get; init; } = 1e-10;

    /// <summary>Iteration limit of alternating projections; reaching it is reported, not hidden.</summary>
    public int MaxIterations { get; init; } = 10_000;

    /// <summary>Confidence level of the reported intervals.</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>Relative pivot below which a regressor is declared collinear and dropped (fixest's collin.tol).</summary>
    public double CollinearityTolerance { get; init; } = 1e-10;
}

/// <summary>Fixed-effects least squares: fit once, then choose the variance with <see cref="FeolsResult.WithVcov"/>.</summary>
public static class Feols
{
    /// <summary>
    /// Fits <paramref name="spec"/> on <paramref name="panel"/>: absorbs the fixed effects (exactly for a balanced
    /// unit × time grid or one dimension; alternating projections with Irons–Tuck acceleration otherwise), drops
    /// collinear regressors with a message naming them, and solves the normal equations by Cholesky.
    /// </summary>
    public static FeolsResult Fit(Panel panel, FeolsSpec spec) => Fit(panel, spec, [], null, "OLS");

    /// <summary>A regressor whose within variation is below this share of its raw variation is absorbed by the fixed effects.</summary>
    private const double AbsorbedTolerance = 1e-12;

    internal static FeolsResult Fit(Panel panel, FeolsSpec spec, IReadOnlyList<(string Name, double[] Values)> extra, int[]? subset, string modelName)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.ConfidenceLevel is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(spec), $"ConfidenceLevel must be in (0, 1); got {spec.ConfidenceLevel}.");
        var yFull = panel.ColumnArray(spec.Outcome);
        var regressors = extra.Concat(spec.Regressors.Select(r => (Name: r, Values: panel.ColumnArray(r)))).ToList();
        var dup = regressors.GroupBy(r => r.Name).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new ArgumentException($"Regressor '{dup.Key}' appears twice.");
        double[]? wFull = null;
        if (spec.Weights is { } wc)
        {
            wFull = panel.ColumnArray(wc);
            for (int i = 0; i < wFull.Length; i++)
                if (!(wFull[i] > 0) || !double.IsFinite(wFull[i]))
                    throw new ArgumentException($"Weights column '{wc}' has value {wFull[i]} at panel row {i}; weights must be positive and finite.");
        }

        // Fixed-effect codes over the (optional) subset, then singleton removal.
        int[]? rows = subset;   // null = every panel row, in order
        var feNames = spec.FixedEffects.Distinct().ToArray();
        var feCodes = new int[feNames.Length][];
        var feLevels = new int[feNames.Length];
        for (int d = 0; d < feNames.Length; d++)
        {
            var (codes, levels) = FactorOver(panel, feNames[d], rows);
            feCodes[d] = codes;
            feLevels[d] = levels;
        }
        int singletons = 0;
        if (spec.RemoveSingletons && feNames.Length > 0)
        {
            int before = rows?.Length ?? panel.RowCount;
            var keep = FixedEffectStructure.SingletonFreeRows(feCodes, feLevels, before);
            if (keep is not null)
            {
                singletons = before - keep.Length;
                var prior = rows;
                rows = prior is null ? keep : keep.Select(i => prior[i]).ToArray();
                for (int d = 0; d < feNames.Length; d++) (feCodes[d], feLevels[d]) = FactorOver(panel, feNames[d], rows);
            }
        }
        int n = rows?.Length ?? panel.RowCount;
        if (n == 0) throw new InvalidOperationException("No observations left after removing singletons.");
        bool identityRows = subset is null && singletons == 0;
        bool grid = feNames.Length == 2 && identityRows && panel.IsBalanced
                    && ((feNames[0] == panel.Spec.Unit && feNames[1] == panel.Spec.Time) || (feNames[0] == panel.Spec.Time && feNames[1] == panel.Spec.Unit));
        var fe = new FixedEffectStructure { Names = feNames, Codes = feCodes, Levels = feLevels, BalancedGrid = grid };

        // Gather columns over the estimation rows (no copy when all rows are used).
        double[] Gather(double[] full) => rows is null ? full : rows.Select(r => full[r]).ToArray();
        var w = wFull is null ? null : Gather(wFull);
        var y = Gather(yFull);
        var names = new List<string>();
        var xs = new List<double[]>();
        if (feNames.Length == 0)
        {
            names.Add("(Intercept)");
            var ones = new double[n];
            Array.Fill(ones, 1.0);
            xs.Add(ones);
        }
        foreach (var (name, values) in regressors)
        {
            if (values.Length != panel.RowCount) throw new ArgumentException($"Regressor '{name}' has {values.Length} values, panel has {panel.RowCount} rows.");
            names.Add(name);
            xs.Add(Gather(values));
        }

        // Variation of each regressor before absorption, to recognise variables the fixed effects absorb entirely
        // (after iterative demeaning such a variable is tiny but not exactly zero).
        // Raw variation of each regressor: the scale against which "absorbed by the fixed effects" is judged (after
        // demeaning such a column is rounding noise, exact path, or tolerance-sized, iterative path). It only sets a
        // threshold, so the one-pass Σx² − (Σx)²/Σw form is precise enough.
        var rawSs = xs.Select(x =>
        {
            double sw0 = 0, sx = 0, sxx = 0;
            for (int i = 0; i < n; i++) { double wi = w?[i] ?? 1.0, xi = x[i]; sw0 += wi; sx += wi * xi; sxx += wi * xi * xi; }
            return feNames.Length == 0 ? sxx : Math.Max(sxx - sx * sx / sw0, 0);
        }).ToArray();

        // Within transformation of y and every regressor (inputs untouched).
        var (demeaned, absorption) = fe.Demean([y, .. xs], w, spec.Tolerance, spec.MaxIterations);
        var yDm = demeaned[0];
        var xDm = demeaned.Skip(1).ToArray();

        // Normal equations with collinearity screening by a sequential Cholesky.
        int p = xDm.Length;
        var xtx = new double[p, p];
        var xty = new double[p];
        CrossProducts(xDm, yDm, w, xtx, xty);
        var kept = new List<int>();
        var dropped = new List<string>();
        var chol = new double[p, p];
        for (int j = 0; j < p; j++)
        {
            // Pivot of column j against the kept columns.
            double diag = xtx[j, j];
            double d = diag;
            var row = new double[kept.Count];
            for (int a = 0; a < kept.Count; a++)
            {
                double s = xtx[j, kept[a]];
                for (int b = 0; b < a; b++) s -= chol[a, b] * row[b];
                row[a] = s / chol[a, a];
                d -= row[a] * row[a];
            }
            if (!(diag > 0) || d <= spec.CollinearityTolerance * diag || diag <= AbsorbedTolerance * rawSs[j])
            {
                dropped.Add(names[j]);
                continue;
            }
            int idx = kept.Count;
            for (int b = 0; b < idx; b++) chol[idx, b] = row[b];
            chol[idx, idx] = Math.Sqrt(d);
            kept.Add(j);
        }
        if (kept.Count == 0)
            throw new InvalidOperationException($"Every regressor ({string.Join(", ", names)}) is collinear with the fixed effects; nothing to estimate.");
        int k = kept.Count;
        var l = new double[k, k];
        for (int a = 0; a < k; a++) for (int b = 0; b <= a; b++) l[a, b] = chol[a, b];
        var bread = CholeskyInverse(l);
        var beta = new double[k];
        for (int a = 0; a < k; a++)
        {
            double s = 0;
            for (int b = 0; b < k; b++) s += bread[a, b] * xty[kept[b]];
            beta[a] = s;
        }
        var xKept = kept.Select(j => xDm[j]).ToArray();
        var keptNames = kept.Select(j => names[j]).ToArray();

        // Residuals and fit statistics.
        // Residuals overwrite the demeaned outcome (our own array): one n-vector less at peak.
        var resid = yDm;
        double rss = 0, tssWithin = 0, sw = 0, swy = 0;
        for (int i = 0; i < n; i++)
        {
            double fit = 0;
            for (int a = 0; a < k; a++) fit += xKept[a][i] * beta[a];
            double yi = yDm[i];
            double e = yi - fit;
            resid[i] = e;
            double wi = w?[i] ?? 1.0;
            rss += wi * e * e;
            tssWithin += wi * yi * yi;
            sw += wi;
            swy += wi * y[i];
        }
        double yBar = swy / sw, tss = 0;
        for (int i = 0; i < n; i++) { double dy = y[i] - yBar; tss += (w?[i] ?? 1.0) * dy * dy; }

        var messages = dropped.Select(dn => $"The variable '{dn}' has been removed because of collinearity.").ToList();
        if (singletons > 0) messages.Add($"{singletons} singleton observation(s) removed (alone in a fixed-effect level).");
        if (!absorption.Converged) messages.Add($"Fixed-effect absorption did not converge in {spec.MaxIterations} iterations (tolerance {spec.Tolerance}); estimates may be inaccurate.");

        var result = new FeolsResult
        {
            ModelName = modelName,
            Outcome = spec.Outcome,
            Spec = spec,
            Panel = panel,
            Rows = rows,
            CoefficientNames = keptNames,
            Beta = beta,
            DroppedCollinear = dropped,
            Messages = messages,
            FixedEffects = feNames.Select((f, d) => new FixedEffectDimension(f, feLevels[d])).ToArray(),
            Absorption = absorption,
            SingletonsRemoved = singletons,
            Rss = rss,
            Tss = tss,
            TssWithin = tssWithin,
            FeStructure = fe,
            DemeanedX = xKept,
            Residuals = resid,
            WeightsUsed = w,
            BreadMatrix = bread,
            ConfidenceLevel = spec.ConfidenceLevel,
            Vcov = spec.Vcov,
        };
        return result.WithVcov(spec.Vcov);
    }

    /// <summary>Dense codes of a fixed-effect or cluster name over <paramref name="rows"/>; <c>a^b</c> interacts factors.</summary>
    internal static (int[] Codes, int Levels) FactorOver(Panel panel, string name, int[]? rows)
    {
        var parts = name.Split('^');
        if (parts.Length == 1)
        {
            var (codes, levels) = panel.Factor(name);
            return FixedEffectStructure.Densify(codes, rows, levels.Length);
        }
        int n = rows?.Length ?? panel.RowCount;
        var combined = new long[n];
        long radix = 1;
        foreach (var part in Enumerable.Reverse(parts))
        {
            var (codes, levels) = panel.Factor(part);
            for (int i = 0; i < n; i++) combined[i] += codes[rows is null ? i : rows[i]] * radix;
            radix *= levels.Length;
        }
        var map = new Dictionary<long, int>();
        var distinct = combined.Distinct().Order().ToArray();
        for (int i = 0; i < distinct.Length; i++) map[distinct[i]] = i;
        return (combined.Select(c => map[c]).ToArray(), distinct.Length);
    }

    private static void CrossProducts(double[][] x, double[] y, double[]? w, double[,] xtx, double[] xty)
    {
        int p = x.Length, n = y.Length;
        // One fused pass over the rows (each column read once), chunked in parallel with per-chunk partial sums that
        // are added in a fixed order, so the result does not depend on thread timing.
        int chunks = Math.Max(1, Math.Min(64, n / 65536));
        var partial = new double[chunks][];
        Parallel.For(0, chunks, c =>
        {
            int lo = (int)((long)n * c / chunks), hi = (int)((long)n * (c + 1) / chunks);
            var acc = new double[p * p + p];
            var row = new double[p];
            for (int i = lo; i < hi; i++)
            {
                double wi = w?[i] ?? 1.0;
                for (int a = 0; a < p; a++) row[a] = x[a][i];
                double wy = wi * y[i];
                for (int a = 0; a < p; a++)
                {
                    double wa = wi * row[a];
                    int off = a * p;
                    for (int b = 0; b <= a; b++) acc[off + b] += wa * row[b];
                    acc[p * p + a] += row[a] * wy;
                }
            }
            partial[c] = acc;
        });
        for (int c = 0; c < chunks; c++)
        {
            for (int a = 0; a < p; a++)
            {
                for (int b = 0; b <= a; b++) xtx[a, b] += partial[c][a * p + b];
                xty[a] += partial[c][p * p + a];
            }
        }
        for (int a = 0; a < p; a++) for (int b = a + 1; b < p; b++) xtx[a, b] = xtx[b, a];
    }

    /// <summary>(LLᵀ)⁻¹ from the lower Cholesky factor L.</summary>
    internal static double[,] CholeskyInverse(double[,] l)
    {
        int k = l.GetLength(0);
        var linv = new double[k, k];
        for (int j = 0; j < k; j++)
        {
            linv[j, j] = 1.0 / l[j, j];
            for (int i = j + 1; i < k; i++)
            {
                double s = 0;
                for (int m = j; m < i; m++) s -= l[i, m] * linv[m, j];
                linv[i, j] = s / l[i, i];
            }
        }
        var inv = new double[k, k];
        for (int a = 0; a < k; a++)
            for (int b = 0; b <= a; b++)
            {
                double s = 0;
                for (int m = a; m < k; m++) s += linv[m, a] * linv[m, b];
                inv[a, b] = s;
                inv[b, a] = s;
            }
        return inv;
    }
}
